using MlDeploy.Azure;
using MlDeploy.Azure.Aks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aks;

/// <summary>The Kubernetes policies on an AKS workload (judged through the Azure pack's facts): silent on the SDK's workload, firing on one mutation.</summary>
public class AksGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, AksSamples.ExistingClusterCpu(EnvironmentProfile.Production));
    private static readonly ResourceGraph s_reference = AksSamples.Synthesize(EnvironmentProfile.Production, s_platform.Deployments[0]).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => Kubernetes.ClusterWorkloadViolations.Of("aks-platform-namespace-ml-serving", AksTarget.DefaultModelLoaderImage);

    [Theory]
    [MemberData(nameof(Violations))]
    public void KubernetesRule_AksWorkload_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource)
    {
        _ = mutate;
        Assert.DoesNotContain(PolicyChecks.Findings(ruleId, s_reference, s_platform, AzureTargets.All.Facts), f => f.Resource == resource);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void KubernetesRule_OneMutation_FiresOnTheAksWorkload(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource) =>
        Assert.Contains(PolicyChecks.Findings(ruleId, mutate(s_reference), s_platform, AzureTargets.All.Facts), f => f.Resource == resource);

    [Fact]
    public void Guardrails_AksGoldens_PassEveryPolicy()
    {
        foreach (var profile in new[] { EnvironmentProfile.Development, EnvironmentProfile.Production })
        {
            var synthesis = AksSamples.Synthesize(profile, AksSamples.ExistingClusterCpu(profile), AksSamples.CreatedClusterGpu(profile));
            Assert.NotNull(synthesis.Graph);
        }
    }
}
