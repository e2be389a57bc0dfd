using MlDeploy.Costs;

namespace MlDeploy.Kubernetes;

/// <summary>What a workload on a cluster costs by itself (EKS, AKS and GKE read it alike).</summary>
public static class KubernetesCost
{
    /// <summary>
    /// The workload's usage: the replica range from the HorizontalPodAutoscaler the emitter wrote (else the Deployment's
    /// replicas), the cluster's nodes as not attributed, the uploaded model and the logs.
    /// </summary>
    /// <param name="input">The deployment.</param>
    /// <param name="region">The region.</param>
    /// <param name="clusterType">The type token of a created cluster.</param>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="artifactStorage">The price key and unit of the model bucket's storage.</param>
    /// <param name="logs">The log service's name.</param>
    /// <returns>The usage.</returns>
    public static CostUsage Usage(CostInput input, string region, string clusterType, string cluster, (PriceKey Key, string Unit) artifactStorage, string logs)
    {
        ArgumentNullException.ThrowIfNull(input);
        var hpa = input.One("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
        var deployment = input.One("kubernetes:apps/v1:Deployment");
        var min = (int)(CostInput.Number(hpa, "spec.minReplicas") ?? CostInput.Number(deployment, "spec.replicas") ?? input.Deployment.Scaling.Min);
        var max = (int)(CostInput.Number(hpa, "spec.maxReplicas") ?? min);
        return new CostUsage(region, min, max,
        [
            CommonUsage.ClusterNodes(input, clusterType, cluster),
            CommonUsage.ArtifactStorage(input, artifactStorage.Key, artifactStorage.Unit),
            CommonUsage.Logs(input, logs),
        ]);
    }
}
