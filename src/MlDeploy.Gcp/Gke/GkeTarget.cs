using System.Collections.Immutable;
using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Gcp.Gke;

/// <summary>
/// Deploy as a Kubernetes workload on Google Kubernetes Engine, on an existing cluster or one the SDK creates: the
/// deployment's own Artifact Registry image (pulled by the nodes' service account), its model in Cloud Storage, and its
/// own Google service account bound by Workload Identity to exactly its namespace and Kubernetes service account.
/// </summary>
/// <param name="Cluster">The cluster: <see cref="GkeCluster.Existing"/> or <see cref="GkeCluster.Create"/>.</param>
public sealed record GkeTarget(GkeCluster Cluster) : DeploymentTarget
{
    /// <summary>
    /// The default model-loader image: the Google Cloud CLI (Debian 12 based <c>stable</c> variant), by version tag. It
    /// provides <c>gcloud storage</c> and <c>sh</c>. On amd64 it has no Python on PATH (GoogleCloudPlatform/cloud-sdk-docker
    /// <c>stable/Dockerfile</c> installs <c>python3-dev</c> only off x86_64), so the loader's Python programs (tarball
    /// unpacking, the digest and DVC md5 checks) fall back to the interpreter bundled with gcloud,
    /// <c>/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3</c> (MlDeploy.Kubernetes <c>LoaderPython</c>;
    /// docs/GCP-RUNTIME.md K11). Production stacks pin it by digest.
    /// </summary>
    public const string DefaultModelLoaderImage = "gcr.io/google.com/cloudsdktool/google-cloud-cli:522.0.0-stable";

    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Google;

    /// <inheritdoc/>
    public override string DisplayName => "GKE (Kubernetes)";

    /// <summary>Gets the project of the deployment's own resources (repository, bucket, service account), e.g. <c>acme-ml-prod</c>.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the region of the deployment's own resources, e.g. <c>europe-west4</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the Kubernetes settings shared with the other cluster targets (namespace, ingress, Prometheus, model loader, GPU placement).</summary>
    public KubernetesWorkloadOptions Workload { get; init; } = new();

    /// <summary>Gets a Cloud KMS key for the repository and the model bucket (CMEK); null uses Google-managed keys.</summary>
    public string? KmsKeyName { get; init; }
}

/// <summary>The GKE cluster a workload runs on. Both kinds must run Workload Identity Federation for GKE.</summary>
public abstract record GkeCluster
{
    /// <summary>Gets the cluster's handle (shared by every deployment naming it; an existing cluster's name).</summary>
    public abstract string Name { get; init; }

    /// <summary>Gets the project the cluster runs in; its workload identity pool is <c>&lt;project&gt;.svc.id.goog</c>.</summary>
    public abstract string Project { get; init; }

    /// <summary>Gets the cluster's location: a region (regional cluster) or a zone (zonal cluster).</summary>
    public abstract string Location { get; init; }

    /// <summary>An existing cluster, looked up at deploy time.</summary>
    /// <param name="name">The cluster's name.</param>
    /// <param name="project">Its project.</param>
    /// <param name="location">Its region or zone.</param>
    /// <returns>The cluster.</returns>
    public static ExistingGkeCluster Existing(string name, string project, string location) => new(name, project, location);

    /// <summary>A cluster the SDK creates (Workload Identity, Dataplane V2, release channel, no default node pool).</summary>
    /// <param name="name">The cluster's handle.</param>
    /// <param name="project">Its project.</param>
    /// <param name="location">A region (regional control plane) or a zone (zonal).</param>
    /// <returns>The cluster.</returns>
    public static NewGkeCluster Create(string name, string project, string location) => new(name, project, location);
}

/// <summary>An existing cluster.</summary>
/// <param name="Name">The cluster's name.</param>
/// <param name="Project">Its project.</param>
/// <param name="Location">Its region or zone.</param>
public sealed record ExistingGkeCluster(string Name, string Project, string Location) : GkeCluster
{
    /// <inheritdoc/>
    public override string Name { get; init; } = Name;

    /// <inheritdoc/>
    public override string Project { get; init; } = Project;

    /// <inheritdoc/>
    public override string Location { get; init; } = Location;

    /// <summary>
    /// Gets a value indicating whether the cluster runs Workload Identity Federation for GKE (<c>--workload-pool</c>)
    /// and the GKE metadata server on the nodes the workload lands on. The workload's Google credentials come only
    /// through it and nothing at synth time can look, so it must be declared.
    /// </summary>
    public bool WorkloadIdentityEnabled { get; init; }

    /// <summary>Gets a value indicating whether the provider calls the control plane's private endpoint (run <c>pulumi up</c> inside its network).</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Gets the e-mail of the service account the nodes run as, which pulls images: it gets
    /// <c>roles/artifactregistry.reader</c> on the deployment's repository. Null grants nothing (the plan says the nodes
    /// must be able to read it).
    /// </summary>
    public string? NodeServiceAccount { get; init; }
}

/// <summary>
/// A cluster the SDK creates. Used by a <see cref="GkeTarget"/> it is created with its first deployment; listed in
/// <see cref="Platform.Components"/> a platform stack creates and exports it (prefix <c>gke-&lt;name&gt;</c>: <c>name</c>,
/// <c>location</c>, <c>endpoint</c>, <c>workload-pool</c>, <c>node-service-account</c>), and model stacks deploy onto
/// it as <see cref="GkeCluster.Existing"/>.
/// </summary>
/// <param name="Name">The cluster's handle.</param>
/// <param name="Project">Its project.</param>
/// <param name="Location">A region or a zone.</param>
public sealed record NewGkeCluster(string Name, string Project, string Location) : GkeCluster, IPlatformComponent
{
    /// <inheritdoc/>
    public override string Name { get; init; } = Name;

    /// <inheritdoc/>
    public override string Project { get; init; } = Project;

    /// <inheritdoc/>
    public override string Location { get; init; } = Location;

    /// <summary>Gets the release channel GKE upgrades the cluster on.</summary>
    public GkeReleaseChannel ReleaseChannel { get; init; } = GkeReleaseChannel.Regular;

    /// <summary>
    /// Gets the CIDRs allowed to reach the public control-plane endpoint (master authorized networks: the deployer's,
    /// e.g. CI egress). Exactly one of this and <see cref="PrivateCluster"/> says how <c>pulumi up</c> reaches the API.
    /// </summary>
    public ImmutableArray<string> MasterAuthorizedNetworks { get; init; } = [];

    /// <summary>Gets a value indicating whether the control plane has only a private endpoint and the nodes only private addresses (then <c>pulumi up</c> runs in the cluster's VPC or a connected one).</summary>
    public bool PrivateCluster { get; init; }

    /// <summary>Gets the /28 range of a private cluster's control plane.</summary>
    public string MasterIpv4CidrBlock { get; init; } = "172.16.0.0/28";

    /// <summary>Gets the VPC network (name or self link), or null for the project's <c>default</c> network.</summary>
    public string? Network { get; init; }

    /// <summary>Gets the subnetwork (name or self link), or null for the network's subnetwork in the region.</summary>
    public string? Subnetwork { get; init; }

    /// <summary>Gets the system node pool, which also runs the CPU workloads.</summary>
    public GkeNodePool SystemNodes { get; init; } = new("e2-standard-4", 1, 3);

    /// <summary>Gets the GPU node pool (tainted so only GPU workloads land there, autoscaled by GKE), or null for none.</summary>
    public GkeNodePool? GpuNodes { get; init; }

    /// <summary>Gets a canonical text of the settings, so deployments sharing the cluster can be checked to agree.</summary>
    public string Canonical => string.Join('|', Name, Project, Location, ReleaseChannel, string.Join(',', MasterAuthorizedNetworks), PrivateCluster, MasterIpv4CidrBlock, Network, Subnetwork, SystemNodes.Canonical, GpuNodes?.Canonical);
}

/// <summary>
/// A node pool, scaled between <paramref name="Min"/> and <paramref name="Max"/> nodes in total (across its zones) by
/// the cluster autoscaler.
/// </summary>
/// <param name="MachineType">The Compute Engine machine type, e.g. <c>g2-standard-8</c>.</param>
/// <param name="Min">Minimum nodes in total.</param>
/// <param name="Max">Maximum nodes in total.</param>
public sealed record GkeNodePool(string MachineType, int Min, int Max)
{
    /// <summary>Gets each node's boot disk in GiB; it holds the images and the kubelet's directory, so every pod's ephemeral storage must fit in it (10-65536 GiB).</summary>
    public int DiskSizeGiB { get; init; } = 100;

    /// <summary>Gets the GPUs attached to each node, required for a GPU pool (also for machine types that bundle them, e.g. G2, A2, A3).</summary>
    public GkeAccelerator? Accelerator { get; init; }

    /// <summary>Gets the zones of the pool's nodes (GPUs are zonal), or empty for the cluster's zones.</summary>
    public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary>Gets the capacity of one node, required when the SDK's machine type catalogue does not know <see cref="MachineType"/>.</summary>
    public NodeCapacity? Capacity { get; init; }

    /// <summary>Gets a canonical text of the pool (records print arrays by type only).</summary>
    public string Canonical => string.Join(';', MachineType, Min, Max, DiskSizeGiB, Accelerator, string.Join(',', Zones), Capacity);
}

/// <summary>GPUs attached to each node of a pool, with the driver GKE installs.</summary>
/// <param name="Type">The accelerator type, e.g. <c>nvidia-l4</c>, <c>nvidia-tesla-t4</c>, <c>nvidia-tesla-a100</c>, <c>nvidia-a100-80gb</c>, <c>nvidia-h100-80gb</c>.</param>
/// <param name="Count">GPUs per node.</param>
public sealed record GkeAccelerator(string Type, int Count)
{
    /// <summary>Gets the driver version GKE installs (<c>DEFAULT</c> or <c>LATEST</c>).</summary>
    public string DriverVersion { get; init; } = "DEFAULT";
}

/// <summary>The GKE release channel a created cluster follows.</summary>
public enum GkeReleaseChannel
{
    /// <summary>The regular channel (GKE's default): versions a few months after rapid.</summary>
    Regular,

    /// <summary>The stable channel: the most proven versions.</summary>
    Stable,

    /// <summary>The rapid channel: the newest versions.</summary>
    Rapid,
}
