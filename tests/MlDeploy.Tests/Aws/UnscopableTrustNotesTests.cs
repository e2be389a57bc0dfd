using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Ecs;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aws;

/// <summary>
/// Where AWS documents no condition that could narrow a grant or a trust further, the plan says so (issue: confused
/// deputy and ENI scoping) instead of the program silently carrying the wider grant.
/// </summary>
public class UnscopableTrustNotesTests
{
    [Fact]
    public void SageMakerInAVpc_NotesThatItsRoleManagesNetworkInterfacesRegionWide()
    {
        var s = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, SampleDeployments.CpuEndpoint()), SampleDeployments.Staging);

        Assert.Contains(s.Notes, n => n is { Deployment: "fraud", Concept: "identity", Fidelity: Fidelity.Approximated } && n.Text.Contains("network-interface/*", StringComparison.Ordinal));
    }

    [Fact]
    public void FargateTrafficShifting_NotesTheInfrastructureRoleTrustHasNoConfusedDeputyCondition()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        Assert.Contains(s.Notes, n => n is { Deployment: "scorer", Concept: "identity", Fidelity: Fidelity.Approximated } && n.Text.Contains("ECS documents none", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatedEksCluster_NotesTheClusterRoleTrustHasNoConfusedDeputyCondition()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Development, EksSamples.CreatedClusterGpu(EnvironmentProfile.Development));

        Assert.Contains(s.Notes, n => n is { Concept: "cluster role", Fidelity: Fidelity.Approximated } && n.Text.Contains("eks.amazonaws.com", StringComparison.Ordinal));
    }
}
