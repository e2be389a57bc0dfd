using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.Gke;

/// <summary>What a GKE target can honour and what it cannot beyond the capability table: cluster settings, node capacity, GPU placement, sources.</summary>
internal static partial class GkeValidator
{
    private static readonly ImmutableArray<GpuOffer> AnyNvidiaGpu =
        [.. GkeMachineTypes.Accelerators.Values.Distinct().Select(k => new GpuOffer(k, 8)).OrderBy(o => o.Kind.Name, StringComparer.Ordinal)];

    /// <summary>What a GKE cluster can honour: the shared Kubernetes workload, Artifact Registry images, and the GPUs of its nodes.</summary>
    public static TargetCapabilities Capabilities(GkeTarget t)
    {
        var gpus = t.Cluster switch
        {
            // A created cluster offers exactly its GPU pool's GPUs (none without a GPU pool).
            NewGkeCluster { GpuNodes: { } pool } when GkeMachineTypes.Of(pool) is { Gpus: > 0, GpuKind: { } kind } node => [new GpuOffer(kind, node.Gpus)],
            NewGkeCluster => [],

            // An existing cluster's nodes are not known at synth time: any NVIDIA accelerator GKE attaches, up to 8 per node.
            _ => AnyNvidiaGpu,
        };
        return KubernetesCapabilities.Of("GKE workloads", Cloud.Google, t.Workload.CustomMetrics, t.Workload.KServe) with
        {
            Registry = ArtifactRegistryBlock.Registry,
            Labels = GcpLabelPolicy.Instance,
            Gpus = gpus,
            GpuHint = t.Cluster is NewGkeCluster ? "set NewGkeCluster.GpuNodes to a pool of that GPU, e.g. new GkeNodePool(\"g2-standard-8\", 0, 4) { Accelerator = new GkeAccelerator(\"nvidia-l4\", 1) }" : null,

            // The init container fetches a DVC output's objects with gcloud storage cat and checks their md5
            // (GkeModelLoader.DvcScript); its Python is python3, python or gcloud's bundled interpreter, all the amd64
            // google-cloud-cli image has (LoaderPython; docs/GCP-RUNTIME.md K11).
            ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
            DvcHint = "file, .tar.gz and directory outputs (gs:// remotes), each object md5-checked by the model loader",
            DvcChecked = true,
        };
    }

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, GkeTarget t, DeploymentPath p, Platform platform)
    {
        var declared = platform.Components.OfType<NewGkeCluster>().FirstOrDefault(c => c.Name == t.Cluster.Name);
        var problems = t.Workload.Validate(p)
            .Concat(KubernetesWorkloadEmitter.Validate(d, p, t.Workload))
            .Concat(Placement(t, p))
            .Concat(Sources(d, p))
            .Concat(StackComponentChecks.NotPlanned(d, t.DisplayName, "alerts come from the cluster's Prometheus (KubernetesWorkloadOptions.Prometheus)", "Google-managed keys, or the target's KmsKeyName", p))
            .Concat(LoaderPinned(t, platform, p))
            .Concat(ClusterChecks.DeclaredAlike(
                d, p, platform, t.Cluster.Name, GkeClusterBlock.Spec(t.Cluster), declared is null ? null : GkeClusterBlock.Spec(declared),
                x => x.Target is GkeTarget other ? (other.Cluster.Name, GkeClusterBlock.Spec(other.Cluster)) : null,
                "pass the component's NewGkeCluster object to every GkeTarget on that cluster"));

        // A cluster of Platform.Components is checked once there (components[<name>]), not again per deployment.
        if (declared is null || GkeClusterBlock.Spec(declared) != GkeClusterBlock.Spec(t.Cluster))
        {
            problems = problems.Concat(GkeClusterChecks.Validate(t.Cluster, p.Under("target.cluster"), platform));
        }

        return t.Cluster is NewGkeCluster created ? problems.Concat(Nodes(d, t, created, p, platform)) : problems;
    }

    /// <summary>What the workload needs of a created cluster's nodes: a pod fits a node and its disk, the GPU pool holds every GPU replica plus a rollout's surge.</summary>
    private static IEnumerable<Diagnostic> Nodes(ModelDeployment d, GkeTarget t, NewGkeCluster c, DeploymentPath p, Platform platform)
    {
        var problems = ClusterChecks.NoOperatorsOnCreatedCluster(t.Workload, p);
        if ((d.Compute.Gpu is null ? c.SystemNodes : c.GpuNodes) is { } pool && GkeMachineTypes.Of(pool) is { } node)
        {
            problems = problems.Concat(ClusterChecks.RequestFits(d, node, p))
                .Concat(pool.DiskSizeGiB >= 10 ? ClusterChecks.StorageFits(t.Workload, pool.MachineType, pool.DiskSizeGiB, "boot disk", "DiskSizeGiB of the node pool", p) : []);
        }

        if (c.GpuNodes is { } gpus && GkeMachineTypes.Of(gpus) is { } gpuNode)
        {
            var onCluster = platform.Deployments.Where(x => x.Target is GkeTarget { Cluster: NewGkeCluster other } && other.Name == c.Name);
            problems = problems.Concat(ClusterChecks.GpuPoolCovers(d, onCluster, c.Name, gpuNode, gpus.Max, "target.cluster.gpuNodes.max", "GpuNodes max", p));
        }

        return problems;
    }

    private static IEnumerable<Diagnostic> Placement(GkeTarget t, DeploymentPath p)
    {
        if (!ProjectId().IsMatch(t.Project ?? string.Empty))
        {
            yield return p.Error("target.project", $"'{t.Project}' is not a Google Cloud project id", "use the project id (6-30 lowercase letters, digits and '-', starting with a letter), e.g. acme-ml-prod");
        }

        if (!Region().IsMatch(t.Region ?? string.Empty))
        {
            yield return p.Error("target.region", $"'{t.Region}' is not a Google Cloud region", "use a region name such as europe-west4 or us-central1");
        }

        if (t.KmsKeyName is { } key && !KmsKey().IsMatch(key))
        {
            yield return p.Error("target.kmsKeyName", $"'{key}' is not a Cloud KMS key name", "use projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>");
        }
    }

    private static IEnumerable<Diagnostic> Sources(ModelDeployment d, DeploymentPath p)
    {
        if (d.Image is SharedImage or RepositoryImage)
        {
            yield return p.Error("image", "GKE cannot use shared images or another stack's repository yet", "use ImageSource.Build (the deployment's own repository) or ImageSource.Existing with an Artifact Registry reference");
        }

        if (d.Artifact is UriArtifact uri && ModelBucketBlock.Parse(uri.Uri) is null)
        {
            yield return p.Error("artifact", $"'{uri.Uri}' is not a Cloud Storage URI", "use gs://<bucket>/<object> (a .tar.gz is unpacked), or a prefix ending with '/'");
        }

        // A remote on another cloud is refused with the deployment's own message (DeploymentValidator); a gs:// remote
        // whose bucket or path the SDK cannot put in an IAM condition is refused here.
        if (d.Artifact is DvcArtifact { Tracked: { Cloud: Cloud.Google } t } dvc && ModelBucketBlock.Parse(t.Uri) is null)
        {
            yield return p.Error("artifact.dvcFile", $"'{dvc.DvcFile}' is stored at {t.Uri}, which is not a Cloud Storage URI the SDK can grant read access to", "use a DVC remote gs://<bucket>/<path> with a bucket name of lowercase letters, digits, '-', '_' and '.'");
        }
    }

    private static IEnumerable<Diagnostic> LoaderPinned(GkeTarget t, Platform platform, DeploymentPath p)
    {
        var loader = t.Workload.ModelLoaderImage ?? GkeTarget.DefaultModelLoaderImage;
        if (platform.EffectiveProfile == EnvironmentProfile.Production && !loader.Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return p.Error(
                "target.workload.modelLoaderImage",
                loader == GkeTarget.DefaultModelLoaderImage
                    ? $"production runs the model loader from a digest-pinned image, and the SDK's default ({loader}) is a version tag whose digest it cannot verify"
                    : $"production runs the model loader from a digest-pinned image, not '{loader}'",
                "set KubernetesWorkloadOptions.ModelLoaderImage = \"gcr.io/google.com/cloudsdktool/google-cloud-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest)");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    internal static partial Regex ProjectId();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]{1,2}$")]
    private static partial Regex Region();

    [GeneratedRegex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}$")]
    private static partial Regex KmsKey();
}
