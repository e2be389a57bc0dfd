using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>What an EKS target cannot honour: cluster settings, node capacity and GPU placement.</summary>
internal static partial class EksValidator
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
        return KubernetesCapabilities.Of("EKS workloads", Cloud.Aws, t.Workload.CustomMetrics) with
        {
            Registry = AwsCapabilities.Ecr,
            Labels = AwsTagPolicy.Instance,
            Gpus = gpus,
            GpuHint = t.Cluster is NewEksCluster ? "set NewEksCluster.GpuNodes to a node group of that GPU, e.g. new EksNodeGroup(\"g5.xlarge\", 1, 4)" : null,
        };
    }

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p, Platform platform)
    {
        foreach (var problem in t.Workload.Validate(p))
        {
            yield return problem;
        }

        if (!ClusterName().IsMatch(t.Cluster.Name))
        {
            yield return p.Error("target.cluster.name", $"'{t.Cluster.Name}' is not an EKS cluster name", "use 1-100 letters, digits, '-' and '_', starting with a letter or digit");
        }

        // The cluster is planned once, from the first deployment that names it (decision 12): a later one that
        // describes it differently would otherwise be silently ignored, or stop planning halfway.
        if (platform.Deployments.FirstOrDefault(x => x.Target is EksTarget other && other.Cluster.Name == t.Cluster.Name) is { } first
            && !ReferenceEquals(first, d) && first.Name != d.Name
            && EksClusterBlock.Spec(((EksTarget)first.Target).Cluster) != EksClusterBlock.Spec(t.Cluster))
        {
            yield return p.Error("target.cluster", $"cluster '{t.Cluster.Name}' is also declared by deployment '{first.Name}', with other settings", "declare the cluster once and give every deployment on it that same value");
        }

        foreach (var problem in AwsValidation.Validate(d, t.KeepImages, artifactKmsKeyArn: null, p))
        {
            yield return problem;
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

    private static IEnumerable<Diagnostic> ValidateNewCluster(ModelDeployment d, NewEksCluster c, DeploymentPath p)
    {
        if (c.SubnetIds.Length < 2)
        {
            yield return p.Error("target.cluster.subnetIds", $"EKS needs subnets in at least 2 availability zones, got {c.SubnetIds.Length}", "give the private subnets of at least two zones");
        }

        foreach (var (path, group) in new[] { ("cpuNodes", c.CpuNodes), ("gpuNodes", c.GpuNodes) })
        {
            if (group is null)
            {
                continue;
            }

            if (group.Min < 0 || group.Max < 1 || group.Min > group.Max)
            {
                yield return p.Error($"target.cluster.{path}", $"{group.Min}-{group.Max} nodes is not a valid range", "use 0 <= min <= max and max >= 1");
            }

            var type = CapacityOf(group);
            if (type is null)
            {
                yield return p.Error($"target.cluster.{path}.capacity", $"'{group.InstanceType}' is not in the SDK's EC2 catalogue, so its capacity is unknown", "give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the EC2 instance type specifications, or use an m5/m6i/m7i, c5/c6i/c7i, r5/r6i/r7i or g4dn/g5/g6/g6e/p3/p4d/p5 type");
            }
            else if (group.Capacity is { } declared && (declared.Vcpu < 1 || declared.MemoryGiB <= 0 || declared.Gpus < 0 || (declared.Gpus > 0) != (declared.GpuKind is not null)))
            {
                yield return p.Error($"target.cluster.{path}.capacity", "the declared capacity is not a node", "give at least 1 vCPU and some memory, and a GPU kind exactly when Gpus > 0");
            }
            else if (path == "gpuNodes" && type.GpuCount == 0)
            {
                yield return p.Error("target.cluster.gpuNodes.instanceType", $"'{group.InstanceType}' has no GPU", "use a GPU instance type such as g5.xlarge");
            }
        }

        var node = d.Compute.Gpu is null ? c.CpuNodes : c.GpuNodes;

        // Requests above what one node can allocate leave pods pending forever; keep ~10 % for the kubelet and system pods.
        if (node is not null && CapacityOf(node) is { } capacity
            && (d.Compute.Cpu > capacity.Vcpu * 0.9m || d.Compute.MemoryGiB > capacity.MemoryGiB * 0.9m))
        {
            yield return p.Error("compute", string.Create(CultureInfo.InvariantCulture, $"{d.Compute.Cpu} vCPU / {d.Compute.MemoryGiB} GiB does not fit on a {node.InstanceType} node ({capacity.Vcpu} vCPU / {capacity.MemoryGiB} GiB, about 90 % allocatable)"), "lower the request or use a larger node instance type");
        }
    }

    /// <summary>A node's capacity: the catalogue's figures for a known type, else what the stack program declared.</summary>
    public static Ec2InstanceType? CapacityOf(EksNodeGroup group) =>
        Ec2InstanceTypes.Find(group.InstanceType) is { } known && group.Capacity is null
            ? known
            : group.Capacity is { } c ? new Ec2InstanceType(group.InstanceType, c.Vcpu, c.MemoryGiB, c.Gpus, c.GpuKind) : null;

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex ClusterName();
}
