using MlDeploy.Costs;
using MlDeploy.Gcp.Gke;
using MlDeploy.Kubernetes;

namespace MlDeploy.Gcp.Costs;

/// <summary>A workload on a GKE cluster: the cluster's nodes are not attributed to it (<see cref="KubernetesCost"/>).</summary>
public sealed class GkeCostModel : CostModel<GkeTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, GkeTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return KubernetesCost.Usage(input, target.Region, "gcp:container/cluster:Cluster", target.Cluster.Name, GcpCostKeys.ArtifactStorage(target.Region), "Cloud Logging");
    }
}
