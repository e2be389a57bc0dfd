using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Ecs;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Pipeline;

public class ScopedWaiverTests
{
    private const string Reason = "the server checks each partner's API key; the load balancer cannot";

    /// <summary>The public Fargate sample with its MLS-NET-02 waiver (a finding on the load balancer, scorer-lb) replaced.</summary>
    private static ModelDeployment WithNet02(params Waiver[] waivers)
    {
        var d = FargateSamples.PublicWaived(EnvironmentProfile.Production);
        return d with { Waivers = [.. d.Waivers.Where(w => w.RuleId != "MLS-NET-02"), .. waivers] };
    }

    private static MlDeploy.Pipeline.Synthesis Synthesize(ModelDeployment d) =>
        FargateSamples.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, d), SampleDeployments.Prod);

    private static string[] Problems(ModelDeployment d) =>
        [.. Assert.Throws<InvalidInputException>(() => Synthesize(d)).Diagnostics.Select(p => p.ToString())];

    [Theory]
    [InlineData("lb")]
    [InlineData("scorer-lb")]
    public void Waiver_ScopedToTheResourceWithTheFinding_WaivesIt_ByPartOrLogicalName(string resource)
    {
        var synthesis = Synthesize(WithNet02(new Waiver("MLS-NET-02", Reason) { Resource = resource }));

        var outcome = Assert.Single(synthesis.Guardrails, o => o.Finding.RuleId == "MLS-NET-02");
        Assert.Equal(("scorer-lb", GuardrailStatus.Waived, Reason), (outcome.Finding.Resource, outcome.Status, outcome.WaiverReason));
    }

    [Fact]
    public void Waiver_ScopedToAnotherResource_LeavesTheFindingBlocking()
    {
        Assert.Equal(
            ["deployments[scorer]: MLS-NET-02 public endpoints authenticate callers: the load balancer is reachable from outside the private network (internet-facing scheme) and nothing the program sets up authenticates its callers [scorer-lb] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)"],
            Problems(WithNet02(new Waiver("MLS-NET-02", Reason) { Resource = "listener" })));
    }

    [Fact]
    public void Waiver_ScopedToAnUnknownResource_NamesTheDeploymentsResources()
    {
        var problem = Assert.Single(Problems(WithNet02(new Waiver("MLS-NET-02", Reason) { Resource = "load-balancer" })));

        Assert.StartsWith("deployments[scorer].waivers[MLS-NET-02].resource: 'load-balancer' is not a resource of this deployment (name one of its resources: ", problem, StringComparison.Ordinal);
        Assert.Contains(", lb, ", problem, StringComparison.Ordinal);
        Assert.Contains(", listener, ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("scorer-lb", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ShowsTheWaiversScope()
    {
        var d = WithNet02(new Waiver("MLS-NET-02", Reason) { Resource = "lb" });
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, d);

        var plan = PlanWriter.Write(platform, Synthesize(d), SampleDeployments.Prod, PolicyCatalogue.Default.Policies.Length);

        Assert.Contains($"  waived MLS-NET-02 on lb only: {Reason}\n", plan, StringComparison.Ordinal);
        Assert.Contains($"  waived   MLS-NET-02 scorer-lb: ", plan, StringComparison.Ordinal);
    }

    public static TheoryData<Waiver[], string> InvalidScopes => new()
    {
        { [new Waiver("MLS-NET-02", Reason) { Resource = "lb" }, new Waiver("MLS-NET-02", Reason) { Resource = "lb" }], "deployments[scorer].waivers[MLS-NET-02]: is waived twice for resource 'lb' (waive each rule once per resource)" },
        { [new Waiver("MLS-NET-02", Reason), new Waiver("MLS-NET-02", Reason) { Resource = "lb" }], "deployments[scorer].waivers[MLS-NET-02]: is waived for the whole deployment and for one resource (keep the deployment-wide waiver, or only the resource-scoped ones)" },
        { [new Waiver("MLS-NET-02", Reason) { Resource = "lb" }, new Waiver("MLS-NET-02", Reason)], "deployments[scorer].waivers[MLS-NET-02]: is waived for the whole deployment and for one resource (keep the deployment-wide waiver, or only the resource-scoped ones)" },
        { [new Waiver("MLS-NET-02", Reason) { Resource = " " }], "deployments[scorer].waivers[MLS-NET-02].resource: is empty (name one resource of the deployment as the plan lists it (e.g. load-balancer), or leave Resource unset to waive the rule for the whole deployment)" },
    };

    [Theory]
    [MemberData(nameof(InvalidScopes))]
    public void Validate_ConflictingOrEmptyScopes_AreReportedBeforePlanning(Waiver[] waivers, string expected)
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, WithNet02(waivers));

        Assert.Equal([expected], FargateSamples.Synthesizer().Validate(platform, Repo.Root).Select(p => p.ToString()));
    }

    [Fact]
    public void Waivers_OneRuleScopedToTwoResources_AreAccepted()
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, WithNet02(new Waiver("MLS-NET-02", Reason) { Resource = "lb" }, new Waiver("MLS-NET-02", Reason) { Resource = "listener" }));

        Assert.Empty(FargateSamples.Synthesizer().Validate(platform, Repo.Root));
    }
}
