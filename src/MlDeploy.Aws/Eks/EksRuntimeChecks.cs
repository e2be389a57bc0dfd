using System.Globalization;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// What makes an EKS workload fail at <c>pulumi up</c> or leave pods pending although it synthesizes: Prometheus CRDs,
/// node disk and GPU capacity (docs/AWS-RUNTIME.md); the cluster's own settings (how the deployer reaches the API, the
/// identity agent, node groups) are <see cref="EksClusterChecks"/>'.
/// </summary>
internal static class EksRuntimeChecks
{
    /// <summary>The kubelet's default hard eviction threshold keeps 10 % of the node file system free (Kubernetes node-pressure eviction docs, <c>nodefs.available&lt;10%</c>).</summary>
    private const decimal AllocatableDiskShare = 0.9m;

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p, Platform platform)
    {
        // The cluster's own settings are EksClusterChecks'; these depend on the workload too.
        if (t.Cluster is NewEksCluster created)
        {
            foreach (var problem in ValidateCreated(d, t, created, p, platform))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<Diagnostic> ValidateCreated(ModelDeployment d, EksTarget t, NewEksCluster c, DeploymentPath p, Platform platform)
    {
        if (t.Workload.Prometheus is not null)
        {
            yield return p.Error("target.workload.prometheus", "a cluster the SDK creates has no Prometheus Operator CRDs, so the ServiceMonitor and PrometheusRule would fail to apply", "leave Prometheus null on a created cluster (the plan says so), or deploy onto an existing cluster that runs the operator");
        }

        var node = d.Compute.Gpu is null ? c.CpuNodes : c.GpuNodes;
        var storage = t.Workload.ModelStorageGiB ?? KubernetesWorkload.DefaultModelStorageGiB;
        var request = KubernetesWorkloadEmitter.EphemeralStorageGiB(storage);
        if (node is { DiskSizeGiB: >= 20 } && request > node.DiskSizeGiB * AllocatableDiskShare)
        {
            yield return p.Error("target.workload.modelStorageGiB", string.Create(CultureInfo.InvariantCulture, $"the pod reserves {request} GiB of ephemeral storage (model volume {storage} GiB plus scratch), more than a {node.InstanceType} node's {node.DiskSizeGiB} GiB root volume allocates (about 90 %)"), "raise DiskSizeGiB of the node group, or declare a smaller ModelStorageGiB");
        }

        // Only when every replica fits a node at all (otherwise that is the problem reported).
        if (d.Compute.Gpu is { } gpu && c.GpuNodes is { } gpuNodes && EksValidator.CapacityOf(gpuNodes) is { GpuCount: > 0, GpuKind: not null } type && gpu.Count <= type.GpuCount)
        {
            var onCluster = platform.Deployments.Where(x => x.Compute.Gpu is not null && x.Target is EksTarget { Cluster: NewEksCluster other } && other.Name == c.Name).ToList();
            // In long arithmetic: out-of-range replica or GPU counts are reported by their own checks, not by an overflow here.
            var needed = onCluster.Sum(x => ((long)Math.Max(0, x.Scaling.Max) + Surge(x)) * Math.Max(0, x.Compute.Gpu!.Count));
            var offered = (long)Math.Max(0, gpuNodes.Max) * type.GpuCount;
            if (needed > offered)
            {
                yield return p.Error("target.cluster.gpuNodes.max", $"the GPU deployments on cluster {c.Name} need {needed} GPUs at their maximum replicas plus one rollout's surge pods, but {gpuNodes.Max} {gpuNodes.InstanceType} nodes have {offered}", $"raise GpuNodes max to {(needed + type.GpuCount - 1) / type.GpuCount}, or lower the deployments' maximum replicas or rollout traffic percent");
            }
        }
    }

    /// <summary>The extra pods a rollout starts at the deployment's maximum replicas: Kubernetes rounds a percentage maxSurge up.</summary>
    public static long Surge(ModelDeployment d) =>
        (long)Math.Ceiling(Math.Max(0, d.Scaling.Max) * (d.Rollout.Strategy == RolloutStrategy.BlueGreen ? 100m : Math.Clamp(d.Rollout.TrafficPercent, 0, 100)) / 100m);
}
