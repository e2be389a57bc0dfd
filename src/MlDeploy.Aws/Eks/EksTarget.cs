using System.Collections.Immutable;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>Deploy as a Kubernetes workload on Amazon EKS, on an existing cluster or one the SDK creates.</summary>
/// <param name="Cluster">The cluster: <see cref="EksCluster.Existing(string)"/> or <see cref="EksCluster.Create"/>.</param>
public sealed record EksTarget(EksCluster Cluster) : DeploymentTarget
{
    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Aws;

    /// <inheritdoc/>
    public override string DisplayName => "EKS (Kubernetes)";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, Identifier>> Identifiers() => Cluster switch
    {
        NewEksCluster created => created.SubnetIds.Select((id, i) => new KeyValuePair<string, Identifier>(IdentifierRules.Indexed("cluster.subnetIds", i), id)),
        ExistingEksCluster { NameFrom: { } name } => [new KeyValuePair<string, Identifier>("cluster.nameFrom", name)],
        _ => [],
    };

    /// <summary>Gets the Kubernetes settings shared with the other cluster targets (namespace, ingress, Prometheus, model loader).</summary>
    public KubernetesWorkloadOptions Workload { get; init; } = new();

    /// <summary>Gets how many images the ECR lifecycle policy keeps for rollback.</summary>
    public int KeepImages { get; init; } = 30;
}

/// <summary>The EKS cluster a workload runs on.</summary>
public abstract record EksCluster
{
    /// <summary>Gets the cluster name (shared by every deployment naming it).</summary>
    public abstract string Name { get; }

    /// <summary>Gets who runs <c>pulumi up</c> against the cluster: the identity <c>aws eks get-token</c> signs as, and (on a created cluster) its access and network path.</summary>
    public EksDeployer Deployer { get; init; } = new();

    /// <summary>An existing cluster, looked up by name at deploy time.</summary>
    /// <param name="name">The cluster name.</param>
    /// <returns>The cluster.</returns>
    public static ExistingEksCluster Existing(string name) => new(name);

    /// <summary>
    /// A cluster another stack created (e.g. a platform stack's <see cref="NewEksCluster"/> component), found by the name
    /// that stack exports: <paramref name="name"/> is this program's handle for it (its logical names, its messages), the
    /// cluster's real name is read at deploy time.
    /// </summary>
    /// <param name="name">This program's handle for the cluster.</param>
    /// <param name="clusterName">The other stack's output holding the cluster's name (e.g. <c>eks-ml-name</c>).</param>
    /// <returns>The cluster.</returns>
    public static ExistingEksCluster Existing(string name, ReferencedOutput clusterName) => new(name) { NameFrom = clusterName };

    /// <summary>A cluster the SDK creates: private API endpoint (plus the given CIDRs), KMS-encrypted secrets, control-plane logs, managed node groups.</summary>
    /// <param name="name">The cluster name.</param>
    /// <param name="subnetIds">Private subnets (at least two zones) for the control plane and nodes.</param>
    /// <returns>The cluster.</returns>
    public static NewEksCluster Create(string name, ImmutableArray<Identifier> subnetIds) => new(name, subnetIds);
}

/// <summary>An existing cluster.</summary>
/// <param name="Name">The cluster name.</param>
public sealed record ExistingEksCluster(string Name) : EksCluster
{
    /// <inheritdoc/>
    public override string Name { get; } = Name;

    /// <summary>Gets the other stack's output holding the cluster's real name, or null when <see cref="Name"/> is the real name.</summary>
    public ReferencedOutput? NameFrom { get; init; }

    /// <summary>Gets a value indicating whether the SDK installs the EKS Pod Identity agent add-on (leave false when the cluster already has it).</summary>
    public bool InstallPodIdentityAgent { get; init; }

    /// <summary>
    /// Gets a value indicating whether the cluster already runs the EKS Pod Identity agent. The workload's AWS
    /// credentials come only through it, and nothing at synth time can look, so exactly one of this and
    /// <see cref="InstallPodIdentityAgent"/> must be set.
    /// </summary>
    public bool PodIdentityAgentPresent { get; init; }
}

/// <summary>
/// A cluster the SDK creates. Used by an <see cref="EksTarget"/> it is created with its first deployment; listed in
/// <see cref="Platform.Components"/> it is created (and exported) by a platform stack even without deployments, and model
/// stacks deploy onto it as <see cref="EksCluster.Existing(string, ReferencedOutput)"/> with the exported <c>name</c>.
/// </summary>
/// <param name="Name">The cluster name.</param>
/// <param name="SubnetIds">Private subnets for the control plane and the nodes.</param>
/// <remarks>
/// As a component (prefix <c>eks-&lt;name&gt;</c>) it exports <c>name</c> (the physical cluster name), <c>arn</c>,
/// <c>endpoint</c> and <c>oidc-provider-arn</c> (for workloads using IAM roles for service accounts). An existing cluster
/// is no component: another stack owns it.
/// </remarks>
public sealed record NewEksCluster(string Name, ImmutableArray<Identifier> SubnetIds) : EksCluster, IPlatformComponent
{
    /// <inheritdoc/>
    public override string Name { get; } = Name;

    /// <summary>Gets the Kubernetes version.</summary>
    public string Version { get; init; } = "1.33";

    /// <summary>Gets the CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private (then run Pulumi inside the VPC).</summary>
    public ImmutableArray<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>Gets the general-purpose node group.</summary>
    public EksNodeGroup CpuNodes { get; init; } = new("m5.xlarge", 2, 6);

    /// <summary>
    /// Gets the NVIDIA device plugin image, or null for the SDK's version tag
    /// (<see cref="NvidiaDevicePlugin.Image"/>); production requires a digest-pinned image.
    /// </summary>
    public string? DevicePluginImage { get; init; }

    /// <summary>Gets the GPU node group (NVIDIA AMI, tainted so only GPU workloads land there), or null for none.</summary>
    public EksNodeGroup? GpuNodes { get; init; }

    /// <summary>Gets how many days control-plane logs are kept.</summary>
    public int LogRetentionDays { get; init; } = 90;

    /// <summary>Gets a canonical text of the settings, so deployments sharing the cluster can be checked to agree.</summary>
    public string Canonical => string.Join('|', Name, string.Join(',', SubnetIds), Version, string.Join(',', PublicAccessCidrs), CpuNodes, GpuNodes, LogRetentionDays, DevicePluginImage, Deployer);
}

/// <summary>A managed node group.</summary>
/// <param name="InstanceType">The EC2 instance type (e.g. <c>g5.xlarge</c> for GPU nodes).</param>
/// <param name="Min">Minimum nodes.</param>
/// <param name="Max">Maximum nodes.</param>
public sealed record EksNodeGroup(string InstanceType, int Min, int Max)
{
    /// <summary>
    /// Gets the root volume of each node in GiB (the launch template's block device). It holds the container images
    /// and every pod's ephemeral storage, including the model volume, so it must exceed what the pods request; the
    /// managed node group default of 20 GiB does not (docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html, diskSize).
    /// </summary>
    public int DiskSizeGiB { get; init; } = 100;

    /// <summary>Gets the capacity of one node, required when the SDK's EC2 catalogue does not know the instance type.</summary>
    public NodeCapacity? Capacity { get; init; }
}

/// <summary>Who runs <c>pulumi up</c> against an EKS cluster.</summary>
public sealed record EksDeployer
{
    /// <summary>
    /// Gets the IAM role ARN <c>pulumi up</c> runs as (e.g. the CI role). On a created cluster it gets an access entry
    /// with the cluster-admin access policy, and the creator's automatic admin grant is turned off (one principal
    /// cannot have two access entries); null leaves only the creator with access.
    /// </summary>
    public string? RoleArn { get; init; }

    /// <summary>Gets a value indicating whether <c>aws eks get-token</c> assumes <see cref="RoleArn"/> itself (<c>--role-arn</c>), for credentials that are not already that role.</summary>
    public bool AssumeRole { get; init; }

    /// <summary>Gets the AWS CLI profile <c>aws eks get-token</c> runs with (<c>AWS_PROFILE</c>), or null for the environment's credentials.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Gets the security group of the machines that run <c>pulumi up</c> inside the VPC (CI runners, a bastion), or
    /// null. A created cluster admits it on 443 to its private API endpoint; a private-only endpoint needs it.
    /// </summary>
    public string? SecurityGroupId { get; init; }
}
