using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// What makes an EKS program fail at <c>pulumi up</c> or leave pods pending although it synthesizes: how the deployer
/// reaches the API, the identity agent, Prometheus CRDs, node disk and GPU capacity (docs/AWS-RUNTIME.md).
/// </summary>
internal static partial class EksRuntimeChecks
{
    /// <summary>The kubelet's default hard eviction threshold keeps 10 % of the node file system free (Kubernetes node-pressure eviction docs, <c>nodefs.available&lt;10%</c>).</summary>
    private const decimal AllocatableDiskShare = 0.9m;

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, EksTarget t, DeploymentPath p, Platform platform)
    {
        if (t.Cluster.Deployer.RoleArn is { } role && !RoleArn().IsMatch(role))
        {
            yield return p.Error("target.cluster.deployer.roleArn", $"'{role}' is not an IAM role ARN", "use arn:aws:iam::<account>:role/<name>");
        }

        if (t.Cluster.Deployer.AssumeRole && t.Cluster.Deployer.RoleArn is null)
        {
            yield return p.Error("target.cluster.deployer.assumeRole", "there is no role to assume", "set EksDeployer.RoleArn, or leave AssumeRole false");
        }

        switch (t.Cluster)
        {
            case ExistingEksCluster { InstallPodIdentityAgent: false, PodIdentityAgentPresent: false }:
                yield return p.Error("target.cluster", "the workload gets its AWS credentials through EKS Pod Identity, but nothing says the cluster runs the eks-pod-identity-agent", "set PodIdentityAgentPresent = true when the add-on is installed, or InstallPodIdentityAgent = true to let the SDK install it");
                break;
            case ExistingEksCluster { InstallPodIdentityAgent: true, PodIdentityAgentPresent: true }:
                yield return p.Error("target.cluster", "the eks-pod-identity-agent is declared present and to be installed; creating an add-on that exists fails", "set exactly one of PodIdentityAgentPresent and InstallPodIdentityAgent");
                break;
            case NewEksCluster created:
                foreach (var problem in ValidateCreated(d, t, created, p, platform))
                {
                    yield return problem;
                }

                break;
        }
    }

    private static IEnumerable<Diagnostic> ValidateCreated(ModelDeployment d, EksTarget t, NewEksCluster c, DeploymentPath p, Platform platform)
    {
        if (c.PublicAccessCidrs.IsEmpty && c.Deployer.SecurityGroupId is null)
        {
            yield return p.Error("target.cluster.deployer.securityGroupId", "the API endpoint is private and nothing admits the machine running pulumi up, so it cannot create the Kubernetes objects", "give the deployer's security group (EksDeployer.SecurityGroupId, for runners inside the VPC) or the public CIDRs it comes from (PublicAccessCidrs)");
        }

        if (t.Workload.Prometheus is not null)
        {
            yield return p.Error("target.workload.prometheus", "a cluster the SDK creates has no Prometheus Operator CRDs, so the ServiceMonitor and PrometheusRule would fail to apply", "leave Prometheus null on a created cluster (the plan says so), or deploy onto an existing cluster that runs the operator");
        }

        foreach (var (path, group) in new[] { ("cpuNodes", c.CpuNodes), ("gpuNodes", c.GpuNodes) })
        {
            // gp3 volumes hold 1 GiB to 16 TiB (EBS volume types docs); below 20 GiB the EKS AMIs do not fit.
            if (group is { DiskSizeGiB: < 20 or > 16384 })
            {
                yield return p.Error($"target.cluster.{path}.diskSizeGiB", $"{group.DiskSizeGiB} GiB is not a node root volume size", "use 20 to 16384 GiB");
            }
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

        if (platform.EffectiveProfile == EnvironmentProfile.Production && c.GpuNodes is not null && !(c.DevicePluginImage ?? NvidiaDevicePlugin.Image).Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return p.Error("target.cluster.devicePluginImage", "production runs the NVIDIA device plugin from a digest-pinned image, and the SDK's default is a version tag whose digest it cannot verify", "set NewEksCluster.DevicePluginImage = \"nvcr.io/nvidia/k8s-device-plugin@sha256:<digest of the release you reviewed>\"");
        }
    }

    /// <summary>The extra pods a rollout starts at the deployment's maximum replicas: Kubernetes rounds a percentage maxSurge up.</summary>
    public static long Surge(ModelDeployment d) =>
        (long)Math.Ceiling(Math.Max(0, d.Scaling.Max) * (d.Rollout.Strategy == RolloutStrategy.BlueGreen ? 100m : Math.Clamp(d.Rollout.TrafficPercent, 0, 100)) / 100m);

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")]
    private static partial Regex RoleArn();
}
