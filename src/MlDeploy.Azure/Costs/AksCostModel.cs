using MlDeploy.Azure.Aks;
using MlDeploy.Costs;
using MlDeploy.Kubernetes;

namespace MlDeploy.Azure.Costs;

/// <summary>A workload on an AKS cluster: the cluster's nodes are not attributed to it (<see cref="KubernetesCost"/>).</summary>
public sealed class AksCostModel : CostModel<AksTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, AksTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return KubernetesCost.Usage(input, target.Location, "azure-native:containerservice:ManagedCluster", target.Cluster.Name, AzureCostKeys.ArtifactStorage(target.Location), "Azure Monitor Logs");
    }
}
