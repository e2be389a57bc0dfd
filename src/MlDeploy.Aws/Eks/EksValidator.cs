using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>What an EKS target cannot honour: cluster settings, node capacity and GPU placement.</summary>
internal static partial class EksValidator
{
    private static readonly ImmutableArray<GpuOffer> AnyNvidiaGpu =
        [.. SageMakerInstanceTypes.All.Where(x => x.GpuKind is not null).Select(x => x.GpuKind!.Value).Distinct().Select(k => new GpuOffer(k, 8))];

    /// <summary>What an EKS cluster can honour: the shared Kubernetes workload, ECR images, and the GPUs of its nodes.</summary>
    public static TargetCapabilities Capabilities(EksTarget t)
    {
        var gpus = t.Cluster switch
        {
            // A created cluster offers exactly its GPU node type's GPUs (none without a GPU node group).
            // (A GPU node type without GPUs is reported on the node group itself.)
            NewEksCluster { GpuNodes: { } nodes } when SageMakerInstanceTypes.Find("ml." + nodes.InstanceType) is { GpuCount: > 0, GpuKind: { } kind } type => [new GpuOffer(kind, type.GpuCount)],
            NewEksCluster { GpuNodes: null } => [],

            // An existing cluster's nodes are not known at synth time: any NVIDIA kind EC2 offers, up to 8 per node.
            _ => AnyNvidiaGpu,
        };
        return KubernetesCapabilities.Of("EKS workloads", Cloud.Aws, customMetrics: false) with
        {
            Registry = AwsCapabilities.Ecr,
            Labels = AwsTagPolicy.Instance,
            Gpus = gpus,
            GpuHint = t.Cluster is NewEksCluster ? "set NewEksCluster.GpuNodes to a node group of that GPU, e.g. new EksNodeGroup(\"g5.xlarge\", 1, 4)" : null,
        };
    }

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p)
    {
        if (!DnsLabel().IsMatch(t.Namespace) || t.Namespace.Length > 63)
        {
            yield return p.Error("target.namespace", $"'{t.Namespace}' is not a Kubernetes namespace name", "use a DNS-1123 label of at most 63 characters");
        }
        else if (t.Namespace is "default" or "kube-system" or "kube-public")
        {
            yield return p.Error("target.namespace", $"workloads do not belong in '{t.Namespace}'", "use a namespace of their own, e.g. ml-serving");
        }

        if (!ClusterName().IsMatch(t.Cluster.Name))
        {
            yield return p.Error("target.cluster.name", $"'{t.Cluster.Name}' is not an EKS cluster name", "use 1-100 letters, digits, '-' and '_', starting with a letter or digit");
        }

        foreach (var problem in AwsValidation.Validate(d, t.KeepImages, artifactKmsKeyArn: null, p))
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

            var type = SageMakerInstanceTypes.Find("ml." + group.InstanceType);
            if (type is null)
            {
                yield return p.Error($"target.cluster.{path}.instanceType", $"'{group.InstanceType}' is not an instance type the SDK knows the capacity of", "use an m5/c5/r5 or g4dn/g5/g6/g6e/p3/p4d/p5 type");
            }
            else if (path == "gpuNodes" && type.GpuCount == 0)
            {
                yield return p.Error("target.cluster.gpuNodes.instanceType", $"'{group.InstanceType}' has no GPU", "use a GPU instance type such as g5.xlarge");
            }
        }

        var node = d.Compute.Gpu is null ? c.CpuNodes : c.GpuNodes;

        // Requests above what one node can allocate leave pods pending forever; keep ~10 % for the kubelet and system pods.
        if (node is not null && SageMakerInstanceTypes.Find("ml." + node.InstanceType) is { } capacity
            && (d.Compute.Cpu > capacity.Vcpu * 0.9m || d.Compute.MemoryGiB > capacity.MemoryGiB * 0.9m))
        {
            yield return p.Error("compute", string.Create(CultureInfo.InvariantCulture, $"{d.Compute.Cpu} vCPU / {d.Compute.MemoryGiB} GiB does not fit on a {node.InstanceType} node ({capacity.Vcpu} vCPU / {capacity.MemoryGiB} GiB, about 90 % allocatable)"), "lower the request or use a larger node instance type");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex ClusterName();
}
