using System.Collections.Immutable;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>What an EKS target cannot honour: cluster settings, node capacity and GPU placement.</summary>
internal static class EksValidator
{
    private static readonly ImmutableArray<GpuOffer> AnyNvidiaGpu =
        [.. Ec2InstanceTypes.All.Where(x => x.GpuKind is not null).Select(x => x.GpuKind!.Value).Distinct().OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => new GpuOffer(k, 8))];

    /// <summary>What an EKS cluster can honour: the shared Kubernetes workload, ECR images, and the GPUs of its nodes.</summary>
    public static TargetCapabilities Capabilities(EksTarget t)
    {
        var gpus = t.Cluster switch
        {
            // A created cluster offers exactly its GPU node type's GPUs (none without a GPU node group).
            // (A GPU node type without GPUs is reported on the node group itself.)
            NewEksCluster { GpuNodes: { } nodes } when CapacityOf(nodes) is { GpuCount: > 0, GpuKind: { } kind } type => [new GpuOffer(kind, type.GpuCount)],
            NewEksCluster { GpuNodes: null } => [],

            // An existing cluster's nodes are not known at synth time: any NVIDIA kind EC2 offers, up to 8 per node.
            _ => AnyNvidiaGpu,
        };
        return KubernetesCapabilities.Of("EKS workloads", Cloud.Aws, t.Workload.CustomMetrics, t.Workload.KServe) with
        {
            Registry = AwsCapabilities.Ecr,
            Labels = AwsTagPolicy.Instance,
            Gpus = gpus,
            GpuHint = t.Cluster is NewEksCluster ? "set NewEksCluster.GpuNodes to a node group of that GPU, e.g. new EksNodeGroup(\"g5.xlarge\", 1, 4)" : null,

            // The init container fetches a DVC output's objects and checks their md5 (AwsModelLoader.DvcScript).
            ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
            DvcHint = "file, .tar.gz and directory outputs (S3 remotes), each object md5-checked by the model loader",
            DvcChecked = true,
        };
    }

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p, Platform platform)
    {
        foreach (var problem in t.Workload.Validate(p))
        {
            yield return problem;
        }

        var declared = DeclaredComponent(platform, t.Cluster.Name);
        foreach (var problem in ClusterChecks.DeclaredAlike(
            d, p, platform, t.Cluster.Name, EksClusterBlock.Spec(t.Cluster), declared is null ? null : EksClusterBlock.Spec(declared),
            x => x.Target is EksTarget other ? (other.Cluster.Name, EksClusterBlock.Spec(other.Cluster)) : null,
            "pass the component's NewEksCluster object to every EksTarget on that cluster"))
        {
            yield return problem;
        }

        foreach (var problem in AwsValidation.Validate(d, t.KeepImages, artifactKmsKeyArn: null, p))
        {
            yield return problem;
        }

        // A cluster of Platform.Components is checked once there (components[<name>]), not again per deployment.
        if (declared is null || EksClusterBlock.Spec(declared) != EksClusterBlock.Spec(t.Cluster))
        {
            foreach (var problem in EksClusterChecks.Validate(t.Cluster, p.Under("target.cluster"), platform))
            {
                yield return problem;
            }
        }

        foreach (var problem in EksRuntimeChecks.Validate(d, t, p, platform))
        {
            yield return problem;
        }

        if (t.Cluster is NewEksCluster created)
        {
            foreach (var problem in ValidateNewCluster(d, created, p))
            {
                yield return problem;
            }
        }
    }

    // What the workload needs of a created cluster's nodes; the node groups themselves are EksClusterChecks'.
    private static IEnumerable<Diagnostic> ValidateNewCluster(ModelDeployment d, NewEksCluster c, DeploymentPath p)
    {
        var node = d.Compute.Gpu is null ? c.CpuNodes : c.GpuNodes;
        return node is not null && Shape(node) is { } shape ? ClusterChecks.RequestFits(d, shape, p) : [];
    }

    /// <summary>A node group's node as the shared cluster checks see it, or null when its capacity is unknown.</summary>
    public static NodeShape? Shape(EksNodeGroup group) =>
        CapacityOf(group) is { } t ? new NodeShape(t.Name, t.Vcpu, t.MemoryGiB, t.GpuCount, t.GpuKind) : null;

    /// <summary>A node's capacity: the catalogue's figures for a known type, else what the stack program declared.</summary>
    public static Ec2InstanceType? CapacityOf(EksNodeGroup group) =>
        Ec2InstanceTypes.Find(group.InstanceType) is { } known && group.Capacity is null
            ? known
            : group.Capacity is { } c ? new Ec2InstanceType(group.InstanceType, c.Vcpu, c.MemoryGiB, c.Gpus, c.GpuKind) : null;

    /// <summary>The created cluster of <see cref="Platform.Components"/> with this name, if any.</summary>
    public static NewEksCluster? DeclaredComponent(Platform platform, string name) =>
        platform.Components.OfType<NewEksCluster>().FirstOrDefault(c => c.Name == name);
}
