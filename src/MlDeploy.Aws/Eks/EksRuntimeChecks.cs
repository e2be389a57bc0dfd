using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// What makes an EKS workload fail at <c>pulumi up</c> or leave pods pending although it synthesizes: Prometheus CRDs,
/// node disk and GPU capacity (docs/AWS-RUNTIME.md), through the checks every cluster target shares
/// (<see cref="ClusterChecks"/>); the cluster's own settings (how the deployer reaches the API, the identity agent,
/// node groups) are <see cref="EksClusterChecks"/>'.
/// </summary>
internal static class EksRuntimeChecks
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p, Platform platform) =>
        t.Cluster is NewEksCluster created ? ValidateCreated(d, t, created, p, platform) : [];

    private static IEnumerable<Diagnostic> ValidateCreated(ModelDeployment d, EksTarget t, NewEksCluster c, DeploymentPath p, Platform platform)
    {
        var problems = ClusterChecks.NoOperatorsOnCreatedCluster(t.Workload, p);
        var node = d.Compute.Gpu is null ? c.CpuNodes : c.GpuNodes;
        if (node is { DiskSizeGiB: >= 20 })
        {
            problems = problems.Concat(ClusterChecks.StorageFits(t.Workload, node.InstanceType, node.DiskSizeGiB, "root volume", "DiskSizeGiB of the node group", p));
        }

        if (c.GpuNodes is { } gpuNodes && EksValidator.Shape(gpuNodes) is { } shape)
        {
            var onCluster = platform.Deployments.Where(x => x.Target is EksTarget { Cluster: NewEksCluster other } && other.Name == c.Name);
            problems = problems.Concat(ClusterChecks.GpuPoolCovers(d, onCluster, c.Name, shape, gpuNodes.Max, "target.cluster.gpuNodes.max", "GpuNodes max", p));
        }

        return problems;
    }
}
