using MlDeploy.Graph;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>
/// One mutation per Kubernetes policy of the <c>ranker</c> workload the AKS and GKE samples place on an existing cluster:
/// each breaks one rule on one resource of the shared workload emitter's output.
/// </summary>
internal static class ClusterWorkloadViolations
{
    /// <summary>The rows: policy id, the mutation, the resource it must fire on.</summary>
    /// <param name="namespaceResource">The logical name of the cluster's serving namespace, e.g. <c>aks-platform-namespace-ml-serving</c>.</param>
    /// <param name="unpinnedLoader">The cloud's model-loader image by tag (production requires a digest).</param>
    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Of(string namespaceResource, string unpinnedLoader) => new()
    {
            { "MLS-CTR-01", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.runAsNonRoot", false), "ranker-deployment" },
            { "MLS-CTR-02", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].securityContext.privileged", true), "ranker-deployment" },
            { "MLS-CTR-03", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].securityContext.capabilities.add", Value.List("NET_ADMIN")), "ranker-deployment" },
            { "MLS-CTR-04", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem", false), "ranker-deployment" },
            { "MLS-CTR-05", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].securityContext.seccompProfile", Value.Map(("type", "Unconfined"))), "ranker-deployment" },
            { "MLS-CTR-06", g => g.Set("ranker-deployment", "spec.template.spec.hostNetwork", true), "ranker-deployment" },
            { "MLS-CTR-07", g => g.Set("ranker-service-account", "automountServiceAccountToken", true), "ranker-service-account" },
            { "MLS-CTR-08", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].resources.limits.memory", "16Gi"), "ranker-deployment" },
            { "MLS-CTR-09", g => g.Set(namespaceResource, "metadata.labels", Value.Map(("pod-security.kubernetes.io/enforce", "baseline"))), namespaceResource },
            { "MLS-IAM-05", g => g.Set("ranker-deployment", "spec.template.spec.serviceAccountName", "default"), "ranker-deployment" },
            { "MLS-IMG-01", g => g.Set("ranker-deployment", "spec.template.spec.initContainers[0].image", unpinnedLoader), "ranker-deployment" },
            { "MLS-KUBE-03", g => g.WithoutResource("ranker-network-policy"), "ranker-deployment" },
            { "MLS-NET-01", g => g.Set("ranker-service", "spec.type", "LoadBalancer"), "ranker-service" },
            { "MLS-REL-01", g => g.Set("ranker-autoscaler", "spec.minReplicas", 1), "ranker-deployment" },
            { "MLS-REL-02", g => g.Set("ranker-deployment", "spec.template.spec.topologySpreadConstraints", Value.List()), "ranker-deployment" },
            { "MLS-REL-03", g => g.WithoutResource("ranker-disruption-budget"), "ranker-deployment" },
            { "MLS-REL-04", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].startupProbe", null), "ranker-deployment" },
            { "MLS-REL-05", g => g.Set("ranker-deployment", "spec.strategy.rollingUpdate.maxUnavailable", "25%"), "ranker-deployment" },
            { "MLS-SEC-01", g => g.Set("ranker-deployment", "spec.template.spec.containers[0].env", Value.List(Value.Map(("name", "API_TOKEN"), ("value", "sk-live-123")))), "ranker-deployment" },
    };
}
