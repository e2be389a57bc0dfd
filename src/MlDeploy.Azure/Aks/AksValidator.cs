using System.Collections.Immutable;
using MlDeploy.Azure.Blocks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Azure.Aks;

/// <summary>What an AKS target can honour and what it cannot beyond the capability table: cluster settings, node capacity, GPU placement, sources.</summary>
internal static class AksValidator
{
    private static readonly ImmutableArray<GpuOffer> AnyNvidiaGpu =
        [.. AzureVmSizes.All.Where(x => x.GpuKind is not null).GroupBy(x => x.GpuKind!.Value).Select(g => new GpuOffer(g.Key, g.Max(x => x.Gpus))).OrderBy(o => o.Kind.Name, StringComparer.Ordinal)];

    /// <summary>What an AKS cluster can honour: the shared Kubernetes workload, ACR images, and the GPUs of its nodes.</summary>
    public static TargetCapabilities Capabilities(AksTarget t)
    {
        var gpus = t.Cluster switch
        {
            // A created cluster offers exactly its GPU pool's GPUs (none without a GPU pool).
            NewAksCluster { GpuNodes: { } pool } when AzureVmSizes.Of(pool) is { Gpus: > 0, GpuKind: { } kind } node => [new GpuOffer(kind, node.Gpus)],
            NewAksCluster => [],

            // An existing cluster's nodes are not known at synth time: any whole-GPU NVIDIA size Azure offers.
            _ => AnyNvidiaGpu,
        };
        return KubernetesCapabilities.Of("AKS workloads", Cloud.Azure, t.Workload.CustomMetrics, t.Workload.KServe) with
        {
            Registry = RegistryBlock.Acr,
            Labels = AzureTagPolicy.Instance,
            Gpus = gpus,
            GpuHint = t.Cluster is NewAksCluster ? "set NewAksCluster.GpuNodes to a pool of that GPU, e.g. new AksNodePool(\"Standard_NC24ads_A100_v4\", 0, 4)" : null,
            // The loader fetches a DVC output's objects and checks their md5 (ModelLoaderScript.Build with dvc).
            ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
            DvcHint = "file, .tar.gz and directory outputs (Azure Blob remotes), each object md5-checked by the model loader",
            DvcChecked = true,
        };
    }

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, AksTarget t, DeploymentPath p, Platform platform)
    {
        var declared = platform.Components.OfType<NewAksCluster>().FirstOrDefault(c => c.Name == t.Cluster.Name);
        var problems = t.Workload.Validate(p)
            .Concat(KubernetesWorkloadEmitter.Validate(d, p, t.Workload))
            .Concat(AzureChecks.Placement(t.Location, t.ResourceGroupName, p.Under("target")))
            .Concat(AzureChecks.Sources(d, t.RegistryId, t.ArtifactStorageAccountId, t.DisplayName, p))
            .Concat(AzureChecks.NoStackComponents(d, t.DisplayName, p))
            .Concat(AzureChecks.LoaderPinnedInProduction(t.Workload.ModelLoaderImage ?? AksTarget.DefaultModelLoaderImage, AksTarget.DefaultModelLoaderImage, "target.workload.modelLoaderImage", "KubernetesWorkloadOptions.ModelLoaderImage", platform, p))
            .Concat(ClusterChecks.DeclaredAlike(
                d, p, platform, t.Cluster.Name, AksClusterBlock.Spec(t.Cluster), declared is null ? null : AksClusterBlock.Spec(declared),
                x => x.Target is AksTarget other ? (other.Cluster.Name, AksClusterBlock.Spec(other.Cluster)) : null,
                "pass the component's NewAksCluster object to every AksTarget on that cluster"));

        // A cluster of Platform.Components is checked once there (components[<name>]), not again per deployment.
        if (declared is null || AksClusterBlock.Spec(declared) != AksClusterBlock.Spec(t.Cluster))
        {
            problems = problems.Concat(AksClusterChecks.Validate(t.Cluster, p.Under("target.cluster"), platform));
        }

        return t.Cluster is NewAksCluster created ? problems.Concat(ValidateCreated(d, t, created, p, platform)) : problems;
    }

    // What the workload needs of a created cluster's nodes; the pools themselves are AksClusterChecks'.
    private static IEnumerable<Diagnostic> ValidateCreated(ModelDeployment d, AksTarget t, NewAksCluster c, DeploymentPath p, Platform platform)
    {
        var problems = ClusterChecks.NoOperatorsOnCreatedCluster(t.Workload, p);
        var pool = d.Compute.Gpu is null ? c.SystemNodes : c.GpuNodes;
        if (pool is not null && AzureVmSizes.Of(pool) is { } node)
        {
            problems = problems.Concat(ClusterChecks.RequestFits(d, node, p));
            if (pool.OsDiskSizeGiB >= 30)
            {
                problems = problems.Concat(ClusterChecks.StorageFits(t.Workload, pool.VmSize, pool.OsDiskSizeGiB, "OS disk", "OsDiskSizeGiB of the node pool", p));
            }
        }

        if (c.GpuNodes is { } gpuPool && AzureVmSizes.Of(gpuPool) is { } gpuNode)
        {
            var onCluster = platform.Deployments.Where(x => x.Target is AksTarget { Cluster: NewAksCluster other } && other.Name == c.Name);
            problems = problems.Concat(ClusterChecks.GpuPoolCovers(d, onCluster, c.Name, gpuNode, gpuPool.Max, "target.cluster.gpuNodes.max", "GpuNodes max", p));
        }

        return problems;
    }
}
