using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Kubernetes;

/// <summary>One node of a cluster's node group or pool, as the workload checks see it.</summary>
/// <param name="Type">The instance type or VM size, for messages.</param>
/// <param name="Vcpu">vCPUs of one node.</param>
/// <param name="MemoryGiB">Memory of one node in GiB.</param>
/// <param name="Gpus">GPUs of one node.</param>
/// <param name="GpuKind">The GPU model, or null.</param>
public sealed record NodeShape(string Type, int Vcpu, decimal MemoryGiB, int Gpus, GpuKind? GpuKind);

/// <summary>
/// What makes a workload on a cluster the SDK creates fail at <c>pulumi up</c> or leave pods pending although it
/// synthesizes, shared by every cluster target (EKS, AKS): requests larger than a node, ephemeral storage larger than
/// its disk, GPU pools too small for the maximum replicas plus a rollout's surge, and Prometheus objects without CRDs.
/// </summary>
public static class ClusterChecks
{
    /// <summary>Kubelet and system pods keep about 10 % of a node (and the kubelet's default hard eviction threshold keeps 10 % of its file system free, <c>nodefs.available&lt;10%</c>).</summary>
    public const decimal AllocatableShare = 0.9m;

    /// <summary>The extra pods a rollout starts at the deployment's maximum replicas: Kubernetes rounds a percentage maxSurge up.</summary>
    /// <param name="d">The deployment.</param>
    /// <returns>The surge pods.</returns>
    public static long Surge(ModelDeployment d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return (long)Math.Ceiling(Math.Max(0, d.Scaling.Max) * (d.Rollout.Strategy == RolloutStrategy.BlueGreen ? 100m : Math.Clamp(d.Rollout.TrafficPercent, 0, 100)) / 100m);
    }

    /// <summary>
    /// A created cluster runs no operator the options may declare: no Prometheus Operator CRDs (decision 18) and no
    /// KServe (decision 47), so declaring either there is refused.
    /// </summary>
    /// <param name="options">The workload options.</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>The problems, if any.</returns>
    public static IEnumerable<Diagnostic> NoOperatorsOnCreatedCluster(KubernetesWorkloadOptions options, DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(p);
        if (options.Prometheus is not null)
        {
            yield return p.Error("target.workload.prometheus", "a cluster the SDK creates has no Prometheus Operator CRDs, so the ServiceMonitor and PrometheusRule would fail to apply", "leave Prometheus null on a created cluster (the plan says so), or deploy onto an existing cluster that runs the operator");
        }

        if (options.KServe is { } kserve)
        {
            yield return p.Error("target.workload.kServe", $"a cluster the SDK creates has no KServe{(kserve.Serverless ? " or Knative Serving" : string.Empty)}, so the InferenceService would fail to apply", "leave KServe null on a created cluster, or deploy onto an existing cluster that runs KServe");
        }
    }

    /// <summary>Requests above what one node can allocate leave pods pending forever.</summary>
    /// <param name="d">The deployment.</param>
    /// <param name="node">The node its pods land on.</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>The problem, if any.</returns>
    public static IEnumerable<Diagnostic> RequestFits(ModelDeployment d, NodeShape node, DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(p);
        if (d.Compute.Cpu > node.Vcpu * AllocatableShare || d.Compute.MemoryGiB > node.MemoryGiB * AllocatableShare)
        {
            yield return p.Error("compute", string.Create(CultureInfo.InvariantCulture, $"{d.Compute.Cpu} vCPU / {d.Compute.MemoryGiB} GiB does not fit on a {node.Type} node ({node.Vcpu} vCPU / {node.MemoryGiB} GiB, about 90 % allocatable)"), "lower the request or use a larger node instance type");
        }
    }

    /// <summary>The pod's ephemeral-storage request (model volume plus scratch) must fit what the node's disk allocates.</summary>
    /// <param name="options">The workload options (the declared model volume).</param>
    /// <param name="node">The node type, for the message.</param>
    /// <param name="diskGiB">The node's disk holding the kubelet's directory (EKS root volume, AKS OS disk).</param>
    /// <param name="disk">What that disk is called, e.g. <c>root volume</c>.</param>
    /// <param name="raise">The setting that sizes it, e.g. <c>DiskSizeGiB of the node group</c>.</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>The problem, if any.</returns>
    public static IEnumerable<Diagnostic> StorageFits(KubernetesWorkloadOptions options, string node, int diskGiB, string disk, string raise, DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(p);
        var storage = options.ModelStorageGiB ?? KubernetesWorkload.DefaultModelStorageGiB;
        var request = KubernetesWorkloadEmitter.EphemeralStorageGiB(storage);
        if (request > diskGiB * AllocatableShare)
        {
            yield return p.Error("target.workload.modelStorageGiB", string.Create(CultureInfo.InvariantCulture, $"the pod reserves {request} GiB of ephemeral storage (model volume {storage} GiB plus scratch), more than a {node} node's {diskGiB} GiB {disk} allocates (about 90 %)"), $"raise {raise}, or declare a smaller ModelStorageGiB");
        }
    }

    /// <summary>
    /// The GPU node group or pool's maximum must hold the GPU deployments on the cluster at their maximum replicas plus
    /// one rollout's surge pods (checked only when one replica fits a node at all; otherwise that is the problem).
    /// </summary>
    /// <param name="d">The deployment being checked.</param>
    /// <param name="onCluster">Every GPU deployment on the same cluster.</param>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="node">The GPU node.</param>
    /// <param name="maxNodes">The group's or pool's maximum.</param>
    /// <param name="member">The diagnostic path of that maximum, e.g. <c>target.cluster.gpuNodes.max</c>.</param>
    /// <param name="setting">The setting as the hint names it, e.g. <c>GpuNodes max</c>.</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>The problem, if any.</returns>
    public static IEnumerable<Diagnostic> GpuPoolCovers(ModelDeployment d, IEnumerable<ModelDeployment> onCluster, string cluster, NodeShape node, int maxNodes, string member, string setting, DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(p);
        if (d.Compute.Gpu is not { } gpu || node.Gpus <= 0 || node.GpuKind is null || gpu.Count > node.Gpus)
        {
            yield break;
        }

        // In long arithmetic: out-of-range replica or GPU counts are reported by their own checks, not by an overflow here.
        var needed = onCluster.Where(x => x.Compute.Gpu is not null).Sum(x => ((long)Math.Max(0, x.Scaling.Max) + Surge(x)) * Math.Max(0, x.Compute.Gpu!.Count));
        var offered = (long)Math.Max(0, maxNodes) * node.Gpus;
        if (needed > offered)
        {
            yield return p.Error(member, $"the GPU deployments on cluster {cluster} need {needed} GPUs at their maximum replicas plus one rollout's surge pods, but {maxNodes} {node.Type} nodes have {offered}", $"raise {setting} to {(needed + node.Gpus - 1) / node.Gpus}, or lower the deployments' maximum replicas or rollout traffic percent");
        }
    }

    /// <summary>
    /// A cluster is planned once, from <see cref="Platform.Components"/> or the first deployment that names it (decision
    /// 12): a later declaration with other settings would otherwise be silently ignored, or stop planning halfway.
    /// </summary>
    /// <param name="d">The deployment being checked.</param>
    /// <param name="p">Its path.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="cluster">The cluster's name.</param>
    /// <param name="spec">The deployment's description of the cluster (what makes two declarations the same cluster).</param>
    /// <param name="componentSpec">The description of the component of that name in <see cref="Platform.Components"/>, or null.</param>
    /// <param name="specOf">The description of the cluster another deployment names, or null when it names none of this target.</param>
    /// <param name="componentHint">The fix when the component differs, e.g. "pass the component's NewEksCluster object to every EksTarget on that cluster".</param>
    /// <returns>The problem, if any.</returns>
    public static IEnumerable<Diagnostic> DeclaredAlike(ModelDeployment d, DeploymentPath p, Platform platform, string cluster, string spec, string? componentSpec, Func<ModelDeployment, (string Name, string Spec)?> specOf, string componentHint)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(specOf);
        if (componentSpec is not null)
        {
            if (componentSpec != spec)
            {
                yield return p.Error("target.cluster", $"cluster '{cluster}' is also declared in {DeploymentPath.OfComponent(cluster).Root}, with other settings", componentHint);
            }
        }
        else if (platform.Deployments.FirstOrDefault(x => specOf(x)?.Name == cluster) is { } first
            && !ReferenceEquals(first, d) && first.Name != d.Name && specOf(first)!.Value.Spec != spec)
        {
            yield return p.Error("target.cluster", $"cluster '{cluster}' is also declared by deployment '{first.Name}', with other settings", "declare the cluster once and give every deployment on it that same value");
        }
    }

    /// <summary>
    /// A created cluster's API server is reached by the deployer through exactly one stated path: IPv4 CIDRs allowed to
    /// its public endpoint, or a private endpoint only. Neither (an API server open to every address), both, or
    /// <c>0.0.0.0/0</c> are refused (AKS <c>AuthorizedIpRanges</c>/<c>PrivateCluster</c>, GKE master authorized networks/private endpoint).
    /// </summary>
    /// <param name="cidrs">The CIDRs allowed to reach the public endpoint.</param>
    /// <param name="privateOnly">Whether the API server has only a private endpoint.</param>
    /// <param name="member">The diagnostic member of the CIDRs, e.g. <c>authorizedIpRanges</c>.</param>
    /// <param name="cidrSetting">The CIDR setting as hints name it, e.g. <c>AuthorizedIpRanges</c>.</param>
    /// <param name="privateSetting">The private setting as hints name it, e.g. <c>PrivateCluster</c>.</param>
    /// <param name="network">Where a private cluster's deployer runs, e.g. <c>virtual network</c>.</param>
    /// <param name="at">The cluster's path.</param>
    /// <returns>Every problem.</returns>
    public static IEnumerable<Diagnostic> ApiServerAccess(ImmutableArray<string> cidrs, bool privateOnly, string member, string cidrSetting, string privateSetting, string network, DeploymentPath at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (privateOnly && !cidrs.IsEmpty)
        {
            yield return at.Error(member, "a private cluster has no public API server to restrict", $"remove {cidrSetting}, or {privateSetting} to keep a public API server for those ranges");
        }
        else if (!privateOnly && cidrs.IsEmpty)
        {
            yield return at.Error(member, "the API server would be reachable from every address, and nothing says where pulumi up runs", $"give the deployer's egress CIDRs ({cidrSetting}), or set {privateSetting} = true and run pulumi up inside the cluster's {network}");
        }

        foreach (var range in cidrs)
        {
            if (!IPNetwork.TryParse(range ?? string.Empty, out var parsed) || parsed.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                yield return at.Error($"{member}[{range}]", $"'{range}' is not an IPv4 CIDR", "use a.b.c.d/n (authorized ranges are IPv4)");
            }
            else if (parsed.PrefixLength == 0)
            {
                yield return at.Error($"{member}[{range}]", "0.0.0.0/0 authorizes every address", "give the deployer's egress CIDRs");
            }
        }
    }
}
