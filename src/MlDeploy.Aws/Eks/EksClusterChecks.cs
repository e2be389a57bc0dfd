using System.Text.RegularExpressions;
using MlDeploy.Aws.Blocks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// The checks of a cluster's own settings, whoever declares it: a deployment's <c>target.cluster</c>, or
/// <c>components[&lt;name&gt;]</c> once for a cluster in <see cref="Platform.Components"/>. What depends on the workloads
/// (their requests, GPUs, Prometheus, model storage) stays with the deployment (<see cref="EksValidator"/>, <see cref="EksRuntimeChecks"/>).
/// </summary>
internal static partial class EksClusterChecks
{
    /// <param name="cluster">The cluster.</param>
    /// <param name="at">The cluster's own path; members are written below it (<c>subnetIds</c>, <c>cpuNodes.capacity</c>).</param>
    /// <param name="platform">The platform (for the profile).</param>
    public static IEnumerable<Diagnostic> Validate(EksCluster cluster, DeploymentPath at, Platform platform)
    {
        if (!ClusterName().IsMatch(cluster.Name ?? string.Empty))
        {
            yield return at.Error("name", $"'{cluster.Name}' is not an EKS cluster name", "use 1-100 letters, digits, '-' and '_', starting with a letter or digit");
        }

        if (cluster.Deployer.RoleArn is { } role && !RoleArn().IsMatch(role))
        {
            yield return at.Error("deployer.roleArn", $"'{role}' is not an IAM role ARN", "use arn:aws:iam::<account>:role/<name>");
        }

        if (cluster.Deployer.AssumeRole && cluster.Deployer.RoleArn is null)
        {
            yield return at.Error("deployer.assumeRole", "there is no role to assume", "set EksDeployer.RoleArn, or leave AssumeRole false");
        }

        switch (cluster)
        {
            case ExistingEksCluster { InstallPodIdentityAgent: false, PodIdentityAgentPresent: false }:
                yield return new Diagnostic(at.Root, "the workload gets its AWS credentials through EKS Pod Identity, but nothing says the cluster runs the eks-pod-identity-agent", "set PodIdentityAgentPresent = true when the add-on is installed, or InstallPodIdentityAgent = true to let the SDK install it");
                break;
            case ExistingEksCluster { InstallPodIdentityAgent: true, PodIdentityAgentPresent: true }:
                yield return new Diagnostic(at.Root, "the eks-pod-identity-agent is declared present and to be installed; creating an add-on that exists fails", "set exactly one of PodIdentityAgentPresent and InstallPodIdentityAgent");
                break;
            case NewEksCluster created:
                foreach (var problem in ValidateCreated(created, at, platform))
                {
                    yield return problem;
                }

                break;
        }
    }

    private static IEnumerable<Diagnostic> ValidateCreated(NewEksCluster c, DeploymentPath at, Platform platform)
    {
        if (c.PublicAccessCidrs.IsEmpty && c.Deployer.SecurityGroupId is null)
        {
            yield return at.Error("deployer.securityGroupId", "the API endpoint is private and nothing admits the machine running pulumi up, so it cannot create the Kubernetes objects", "give the deployer's security group (EksDeployer.SecurityGroupId, for runners inside the VPC) or the public CIDRs it comes from (PublicAccessCidrs)");
        }

        if (c.SubnetIds.Length < 2)
        {
            yield return at.Error("subnetIds", $"EKS needs subnets in at least 2 availability zones, got {c.SubnetIds.Length}", "give the private subnets of at least two zones");
        }

        // The control plane's log group takes only the retention periods CloudWatch Logs offers (PutRetentionPolicy).
        if (!LogGroupBlock.AllowedRetentionDays.Contains(c.LogRetentionDays))
        {
            yield return at.Error("logRetentionDays", $"{c.LogRetentionDays} days is not a CloudWatch Logs retention period", $"use one of {string.Join(", ", LogGroupBlock.AllowedRetentionDays.Order())}");
        }

        foreach (var (path, group) in new[] { ("cpuNodes", c.CpuNodes), ("gpuNodes", c.GpuNodes) })
        {
            foreach (var problem in ValidateNodeGroup(path, group, at))
            {
                yield return problem;
            }
        }

        if (platform.EffectiveProfile == EnvironmentProfile.Production && c.GpuNodes is not null && !(c.DevicePluginImage ?? NvidiaDevicePlugin.Image).Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return at.Error("devicePluginImage", "production runs the NVIDIA device plugin from a digest-pinned image, and the SDK's default is a version tag whose digest it cannot verify", "set NewEksCluster.DevicePluginImage = \"nvcr.io/nvidia/k8s-device-plugin@sha256:<digest of the release you reviewed>\"");
        }
    }

    private static IEnumerable<Diagnostic> ValidateNodeGroup(string path, EksNodeGroup? group, DeploymentPath at)
    {
        if (group is null)
        {
            yield break;
        }

        if (group.Min < 0 || group.Max < 1 || group.Min > group.Max)
        {
            yield return at.Error(path, $"{group.Min}-{group.Max} nodes is not a valid range", "use 0 <= min <= max and max >= 1");
        }

        // gp3 volumes hold 1 GiB to 16 TiB (EBS volume types docs); below 20 GiB the EKS AMIs do not fit.
        if (group.DiskSizeGiB is < 20 or > 16384)
        {
            yield return at.Error($"{path}.diskSizeGiB", $"{group.DiskSizeGiB} GiB is not a node root volume size", "use 20 to 16384 GiB");
        }

        var type = EksValidator.CapacityOf(group);
        if (type is null)
        {
            yield return at.Error($"{path}.capacity", $"'{group.InstanceType}' is not in the SDK's EC2 catalogue, so its capacity is unknown", "give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the EC2 instance type specifications, or use an m5/m6i/m7i, c5/c6i/c7i, r5/r6i/r7i or g4dn/g5/g6/g6e/p3/p4d/p5 type");
        }
        else if (group.Capacity is { } declared && (declared.Vcpu < 1 || declared.MemoryGiB <= 0 || declared.Gpus < 0 || (declared.Gpus > 0) != (declared.GpuKind is not null)))
        {
            yield return at.Error($"{path}.capacity", "the declared capacity is not a node", "give at least 1 vCPU and some memory, and a GPU kind exactly when Gpus > 0");
        }
        else if (path == "gpuNodes" && type.GpuCount == 0)
        {
            yield return at.Error("gpuNodes.instanceType", $"'{group.InstanceType}' has no GPU", "use a GPU instance type such as g5.xlarge");
        }
    }

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")]
    private static partial Regex RoleArn();
}
