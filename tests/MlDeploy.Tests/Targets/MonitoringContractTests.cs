using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>
/// The monitoring contract on every registered target: each signal is an alarm in the graph wired to the deployment's
/// notification channel, or a plan note saying why the platform cannot measure it, and each deployment has one dashboard.
/// </summary>
public class MonitoringContractTests
{
    private static readonly HashSet<string> s_dashboardTypes = new(StringComparer.Ordinal)
    {
        "aws:cloudwatch/dashboard:Dashboard",
        "gcp:monitoring/dashboard:Dashboard",
        "azure-native:portal:Dashboard",
        "kubernetes:core/v1:ConfigMap",
    };

    private static readonly IReadOnlyList<(string Name, Func<ModelDeployment> Deployment, Func<ModelDeployment, Synthesis> Synthesize)> s_cases = RepresentativeDeployments.All;

    public static TheoryData<string> Cases => [.. s_cases.Select(c => c.Name)];

    [Fact]
    public void Cases_CoverEveryRegisteredTarget()
    {
        var covered = s_cases.Select(c => c.Deployment().Target!.GetType()).ToHashSet();

        Assert.All(SampleDeployments.Synthesizer().Planners, p => Assert.Contains(p.TargetType, covered));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Synthesize_EverySignal_IsAnAlarmOnTheChannelOrANotedGap(string name)
    {
        var (_, deployment, synthesize) = s_cases.Single(c => c.Name == name);
        var d = deployment();
        var s = synthesize(d);
        var resources = s.Graph.Resources.ToDictionary(r => r.Name, StringComparer.Ordinal);

        foreach (var signal in MonitoringSignals.All)
        {
            var coverage = Assert.Single(s.Monitoring, c => c.Deployment == d.Name && c.Signal == signal);
            var note = Assert.Single(s.Notes, n => n.Deployment == d.Name && n.Concept == signal.Concept());
            Assert.False(string.IsNullOrWhiteSpace(coverage.Text));
            if (!coverage.IsAlarmed)
            {
                Assert.Equal(Fidelity.Approximated, note.Fidelity);
                continue;
            }

            Assert.Equal(Fidelity.Native, note.Fidelity);
            foreach (var alarm in coverage.Alarms)
            {
                Assert.True(resources.TryGetValue(alarm, out var resource), $"{signal}: {alarm} is not in the graph");
                Assert.Equal(d.Name, resource!.Owner);
                if (coverage.Channel is { } channel)
                {
                    Assert.True(Contains(resource.Properties, channel), $"{signal}: {alarm} does not notify the deployment's channel");
                }
                else
                {
                    // Only an Alertmanager-routed rule, or an alert of a deployment that configured no channel, notifies nothing in the program.
                    Assert.True(coverage.Text.Contains("Alertmanager", StringComparison.Ordinal) || d.Monitoring is { NotificationEmail: null, NotificationTopic: null, Channel: null }, $"{signal}: {alarm} notifies nothing");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Synthesize_EachDeployment_HasExactlyOneDashboard(string name)
    {
        var (_, deployment, synthesize) = s_cases.Single(c => c.Name == name);
        var d = deployment();
        var s = synthesize(d);

        var dashboard = Assert.Single(s.Dashboards, b => b.Deployment == d.Name);
        var resource = Assert.Single(s.Graph.Resources, r => r.Name == dashboard.Resource);
        Assert.Contains(resource.Type.Token, s_dashboardTypes);
        Assert.Single(s.Graph.Resources, r => r.Owner == d.Name && s_dashboardTypes.Contains(r.Type.Token) && (r.Type.Token != "kubernetes:core/v1:ConfigMap" || r.Name.EndsWith("-dashboard", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_PlannerSkippingASignal_Throws()
    {
        var context = new PlanContext(new GraphBuilder(), "p", "s", EnvironmentProfile.Development, ".");
        context.Cover(new MonitoringCoverage("d", MonitoringSignal.LatencyP99, [], null, "not measured"));

        var e = Assert.Throws<InvalidOperationException>(() => MonitoringContract.Check("d", "Tenth", context));

        Assert.Contains("ErrorRate", e.Message, StringComparison.Ordinal);
    }


    private static bool Contains(Value haystack, Value needle) =>
        Value.StructurallyEqual(haystack, needle) || haystack switch
        {
            MapValue m => m.Entries.Any(e => Contains(e.Value, needle)),
            ListValue l => l.Items.Any(i => Contains(i, needle)),
            _ => false,
        };
}
