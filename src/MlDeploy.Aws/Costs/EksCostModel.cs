using MlDeploy.Costs;
using MlDeploy.Aws.Eks;
using MlDeploy.Kubernetes;

namespace MlDeploy.Aws.Costs;

/// <summary>A workload on an EKS cluster: the cluster's nodes are not attributed to it (<see cref="KubernetesCost"/>).</summary>
public sealed class EksCostModel : CostModel<EksTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, EksTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var region = AwsCostKeys.Region(input);
        return KubernetesCost.Usage(input, region, "aws:eks/cluster:Cluster", target.Cluster.Name, AwsCostKeys.ArtifactStorage(region), "CloudWatch Logs");
    }
}
