using MlDeploy.Gcp;
using MlDeploy.Gcp.Gke;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gke;

/// <summary>The Kubernetes policies on a GKE workload (judged through the Google Cloud pack's facts): silent on the SDK's workload, firing on one mutation.</summary>
public class GkeGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production));
    private static readonly ResourceGraph s_reference = GkeSamples.Synthesize(EnvironmentProfile.Production, s_platform.Deployments[0]).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => Kubernetes.ClusterWorkloadViolations.Of("gke-platform-namespace-ml-serving", GkeTarget.DefaultModelLoaderImage);

    [Theory]
    [MemberData(nameof(Violations))]
    public void KubernetesRule_GkeWorkload_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource)
    {
        _ = mutate;
        Assert.DoesNotContain(PolicyChecks.Findings(ruleId, s_reference, s_platform, GcpTargets.All.Facts), f => f.Resource == resource);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void KubernetesRule_OneMutation_FiresOnTheGkeWorkload(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource) =>
        Assert.Contains(PolicyChecks.Findings(ruleId, mutate(s_reference), s_platform, GcpTargets.All.Facts), f => f.Resource == resource);

    [Fact]
    public void Guardrails_GkeGoldens_PassEveryPolicy()
    {
        foreach (var profile in new[] { EnvironmentProfile.Development, EnvironmentProfile.Production })
        {
            var synthesis = GkeSamples.Synthesize(profile, GkeSamples.ExistingClusterCpu(profile), GkeSamples.CreatedClusterGpu(profile));
            Assert.NotNull(synthesis.Graph);
        }
    }
}
