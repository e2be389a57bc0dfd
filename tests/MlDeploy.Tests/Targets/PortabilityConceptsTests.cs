using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Portability;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Targets;

public class PortabilityConceptsTests
{
    private static readonly DeploymentPath Fraud = DeploymentPath.Of("fraud");

    public static TheoryData<string, PortabilityConcept> Notes => new()
    {
        { "compute", PortabilityConcept.Compute },
        { "gpu", PortabilityConcept.Compute },
        { "node capacity", PortabilityConcept.Compute },
        { "scaling", PortabilityConcept.ScalingMetric },
        { "rollout", PortabilityConcept.Rollout },
        { "traffic", PortabilityConcept.Rollout },
        { "data capture", PortabilityConcept.DataCapture },
        { "network", PortabilityConcept.PrivateNetworking },
        { "load balancer", PortabilityConcept.PrivateNetworking },
        { "auth", PortabilityConcept.Auth },
        { "secrets", PortabilityConcept.Secrets },
        { "monitoring: latency p99", PortabilityConcept.Monitoring },
        { "monitoring.operator", PortabilityConcept.Monitoring },
        { "monitoring", PortabilityConcept.Monitoring },
        { "alerts", PortabilityConcept.Monitoring },
        { "identity", PortabilityConcept.Other },
        { "image", PortabilityConcept.Other },
        { "networking", PortabilityConcept.Other },
    };

    [Theory]
    [MemberData(nameof(Notes))]
    public void Covers_ANoteConcept_BelongsToItsRow_AndOtherClaimsOnlyWhatNoRowDoes(string note, PortabilityConcept row)
    {
        Assert.True(PortabilityConcepts.Covers(row, note));
        Assert.Equal(row == PortabilityConcept.Other, PortabilityConcepts.All.Where(c => c != PortabilityConcept.Other).All(c => !PortabilityConcepts.Covers(c, note)));
    }

    [Fact]
    public void Covers_TheScalingNote_FeedsBothScalingRows()
    {
        Assert.True(PortabilityConcepts.Covers(PortabilityConcept.ScalingMetric, "scaling"));
        Assert.True(PortabilityConcepts.Covers(PortabilityConcept.ScaleToZero, "scaling"));
    }

    public static TheoryData<string, PortabilityConcept> Paths => new()
    {
        { "deployments[fraud].scaling.min", PortabilityConcept.ScaleToZero },
        { "deployments[fraud].scaling.metric", PortabilityConcept.ScalingMetric },
        { "deployments[fraud].scaling.max", PortabilityConcept.ScalingMetric },
        { "deployments[fraud].compute.gpu.kind", PortabilityConcept.Compute },
        { "deployments[fraud].compute", PortabilityConcept.Compute },
        { "deployments[fraud].monitoring.dataCapturePercent", PortabilityConcept.DataCapture },
        { "deployments[fraud].monitoring.logRetentionDays", PortabilityConcept.Monitoring },
        { "deployments[fraud].network.requireAuth", PortabilityConcept.Auth },
        { "deployments[fraud].network.subnetIds", PortabilityConcept.PrivateNetworking },
        { "deployments[fraud].network.exposure", PortabilityConcept.PrivateNetworking },
        { "deployments[fraud].secrets[API_TOKEN].source", PortabilityConcept.Secrets },
        { "deployments[fraud].rollout.strategy", PortabilityConcept.Rollout },
        { "deployments[fraud].image.reference", PortabilityConcept.Other },
        { "deployments[fraud]", PortabilityConcept.Other },
        { "deployments[fraud].computeX", PortabilityConcept.Other },
        { "deployments[fraudster].compute", PortabilityConcept.Other },
        { "components[ml].subnetIds", PortabilityConcept.Other },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void OfDiagnostic_MapsTheLongestMatchingPathOfTheDeployment_ElseOther(string path, PortabilityConcept row) =>
        Assert.Equal(row, PortabilityConcepts.OfDiagnostic(new Diagnostic(path, "m"), Fraud));

    [Fact]
    public void Rows_EveryRowHasATitle_OtherIsLast()
    {
        Assert.Equal(Enum.GetValues<PortabilityConcept>(), PortabilityConcepts.All);
        Assert.Equal(PortabilityConcept.Other, PortabilityConcepts.All[^1]);
        Assert.Equal(PortabilityConcepts.All.Count, PortabilityConcepts.All.Select(PortabilityConcepts.Title).Distinct().Count());
    }

    public static TheoryData<string> Planners => [.. AllPlanners().Select(p => p.TargetType.Name)];

    [Theory]
    [MemberData(nameof(Planners))]
    public void PortableTarget_EveryRegisteredPlanner_GivesItsOwnRecordForAForeignDeployment_AndKeepsADeclaredOne(string targetType)
    {
        var planner = AllPlanners().Single(p => p.TargetType.Name == targetType);
        foreach (var other in AllPlanners())
        {
            var foreign = SampleDeployments.CpuEndpoint() with { Target = other.PortableTarget(SampleDeployments.CpuEndpoint()) };
            var target = planner.PortableTarget(foreign);

            Assert.IsType(planner.TargetType, target);
            Assert.Equal(other == planner, ReferenceEquals(target, foreign.Target));
        }
    }

    private static IEnumerable<ITargetPlanner> AllPlanners() => new[] { AwsTargets.All, AzureTargets.All, GcpTargets.All }.SelectMany(p => p.Planners);
}
