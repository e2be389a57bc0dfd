using MlDeploy.Gcp;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gke;

/// <summary>The Kubernetes policies on a GKE workload (judged through the Google Cloud pack's facts): silent on the SDK's workload, firing on one mutation.</summary>
public class GkeGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production));
    private static readonly ResourceGraph s_reference = GkeSamples.Synthesize(EnvironmentProfile.Production, s_platform.Deployments[0]).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => new()
    {
        { "MLS-CTR-01", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.runAsNonRoot", false), "ranker-deployment" },
        { "MLS-CTR-02", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].securityContext.privileged", true), "ranker-deployment" },
        { "MLS-CTR-03", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].securityContext.capabilities.add", Value.List("NET_ADMIN")), "ranker-deployment" },
        { "MLS-CTR-04", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem", false), "ranker-deployment" },
        { "MLS-CTR-05", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.seccompProfile", Value.Map(("type", "Unconfined"))), "ranker-deployment" },
        { "MLS-CTR-06", g => g.Set("ranker-deployment", "spec.template.spec.hostNetwork", true), "ranker-deployment" },
        { "MLS-CTR-07", g => g.Set("ranker-service-account", "automountServiceAccountToken", true), "ranker-service-account" },
        { "MLS-CTR-08", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].resources.limits.memory", "16Gi"), "ranker-deployment" },
        { "MLS-CTR-09", g => g.Set("gke-platform-namespace-ml-serving", "metadata.labels", Value.Map(("pod-security.kubernetes.io/enforce", "baseline"))), "gke-platform-namespace-ml-serving" },
        { "MLS-IAM-05", g => g.Set("ranker-deployment", "spec.template.spec.serviceAccountName", "default"), "ranker-deployment" },
        { "MLS-IMG-01", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].image", "gcr.io/google.com/cloudsdktool/google-cloud-cli:522.0.0-stable"), "ranker-deployment" },
        { "MLS-KUBE-03", g => g.WithoutResource("ranker-network-policy"), "ranker-deployment" },
        { "MLS-NET-01", g => g.Set("ranker-service", "spec.type", "LoadBalancer"), "ranker-service" },
        { "MLS-REL-01", g => g.Set("ranker-autoscaler", "spec.minReplicas", 1), "ranker-deployment" },
        { "MLS-REL-02", g => g.Set("ranker-deployment", "spec.template.spec.topologySpreadConstraints", Value.List()), "ranker-deployment" },
        { "MLS-REL-03", g => g.WithoutResource("ranker-disruption-budget"), "ranker-deployment" },
        { "MLS-REL-04", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].startupProbe", null), "ranker-deployment" },
        { "MLS-REL-05", g => g.Set("ranker-deployment", "spec.strategy.rollingUpdate.maxUnavailable", "25%"), "ranker-deployment" },
        { "MLS-SEC-01", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].env", Value.List(Value.Map(("name", "API_TOKEN"), ("value", "sk-live-123")))), "ranker-deployment" },
    };

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
