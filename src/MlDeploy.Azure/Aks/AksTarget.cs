using System.Collections.Immutable;
using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Azure.Aks;

/// <summary>
/// Deploy as a Kubernetes workload on Azure Kubernetes Service, on an existing cluster or one the SDK creates: the
/// deployment's own ACR image (pulled by the cluster's kubelet identity), its model in Blob Storage, and a user-assigned
/// identity bound by workload identity to exactly its namespace and service account.
/// </summary>
/// <param name="Cluster">The cluster: <see cref="AksCluster.Existing"/> or <see cref="AksCluster.Create"/>.</param>
public sealed record AksTarget(AksCluster Cluster) : DeploymentTarget
{
    /// <summary>
    /// The default model-loader image: the Azure CLI from Microsoft Container Registry, by version tag. It provides
    /// <c>az</c> (with <c>az login --federated-token</c>), <c>sh</c> and <c>python3</c>, which unpacks tarballs (the
    /// script needs no <c>tar</c>). Production stacks pin it by digest.
    /// </summary>
    public const string DefaultModelLoaderImage = "mcr.microsoft.com/azure-cli:2.70.0";

    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Azure;

    /// <inheritdoc/>
    public override string DisplayName => "AKS (Kubernetes)";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, Identifier>> Identifiers() =>
        Cluster is NewAksCluster { SubnetId: { } subnet } ? [new KeyValuePair<string, Identifier>("cluster.subnetId", subnet)] : [];

    /// <summary>Gets the Azure region of the deployment's own resources (registry, storage, identity), e.g. <c>westeurope</c>.</summary>
    public required string Location { get; init; }

    /// <summary>Gets an existing resource group for the deployment's own resources by name; null creates one.</summary>
    public string? ResourceGroupName { get; init; }

    /// <summary>Gets the Kubernetes settings shared with the other cluster targets (namespace, ingress, Prometheus, model loader, GPU placement).</summary>
    public KubernetesWorkloadOptions Workload { get; init; } = new();

    /// <summary>Gets the ARM id of the registry of an existing image (<see cref="ImageSource.Existing"/>), on which the cluster's kubelet identity gets AcrPull.</summary>
    public string? RegistryId { get; init; }

    /// <summary>Gets the ARM id of the storage account of a model at a blob URL or in an Azure DVC remote, on whose container the workload identity gets Storage Blob Data Reader.</summary>
    public string? ArtifactStorageAccountId { get; init; }
}

/// <summary>The AKS cluster a workload runs on. Both kinds must use Microsoft Entra ID with Azure RBAC and workload identity.</summary>
public abstract record AksCluster
{
    /// <summary>Gets the cluster's handle (shared by every deployment naming it; a created cluster's name in messages and logical names).</summary>
    public abstract string Name { get; }

    /// <summary>Gets who runs <c>pulumi up</c> against the cluster: how <c>kubelogin</c> signs in, and on a created cluster its RBAC grant.</summary>
    public AksDeployer Deployer { get; init; } = new();

    /// <summary>An existing cluster, looked up at deploy time.</summary>
    /// <param name="name">The cluster's resource name.</param>
    /// <param name="resourceGroupName">Its resource group.</param>
    /// <returns>The cluster.</returns>
    public static ExistingAksCluster Existing(string name, string resourceGroupName) => new(name, resourceGroupName);

    /// <summary>A cluster the SDK creates (Entra ID with Azure RBAC, no local accounts, OIDC issuer and workload identity, Cilium network policy).</summary>
    /// <param name="name">The cluster's handle.</param>
    /// <param name="location">Its Azure region.</param>
    /// <returns>The cluster.</returns>
    public static NewAksCluster Create(string name, string location) => new(name, location);
}

/// <summary>An existing cluster.</summary>
/// <param name="Name">The cluster's resource name.</param>
/// <param name="ResourceGroupName">Its resource group.</param>
public sealed record ExistingAksCluster(string Name, string ResourceGroupName) : AksCluster
{
    /// <inheritdoc/>
    public override string Name { get; } = Name;

    /// <summary>
    /// Gets a value indicating whether the cluster runs the OIDC issuer and workload identity
    /// (<c>az aks update --enable-oidc-issuer --enable-workload-identity</c>). The workload's Azure credentials come only
    /// through them and nothing at synth time can look, so it must be declared.
    /// </summary>
    public bool WorkloadIdentityEnabled { get; init; }

    /// <summary>Gets a value indicating whether the API server is private: the provider then calls its private FQDN (run <c>pulumi up</c> inside its network).</summary>
    public bool Private { get; init; }
}

/// <summary>
/// A cluster the SDK creates. Used by an <see cref="AksTarget"/> it is created with its first deployment; listed in
/// <see cref="Platform.Components"/> a platform stack creates and exports it (prefix <c>aks-&lt;name&gt;</c>: <c>name</c>,
/// <c>resource-group</c>, <c>id</c>, <c>fqdn</c>, <c>oidc-issuer-url</c>, <c>kubelet-object-id</c>), and model stacks
/// deploy onto it as <see cref="AksCluster.Existing"/>.
/// </summary>
/// <param name="Name">The cluster's handle.</param>
/// <param name="Location">Its Azure region.</param>
public sealed record NewAksCluster(string Name, string Location) : AksCluster, IPlatformComponent
{
    /// <inheritdoc/>
    public override string Name { get; } = Name;

    /// <summary>Gets an existing resource group for the cluster by name; null creates one.</summary>
    public string? ResourceGroupName { get; init; }

    /// <summary>Gets the Kubernetes version.</summary>
    public string Version { get; init; } = "1.33";

    /// <summary>
    /// Gets the CIDRs allowed to reach the public API server (the deployer's, e.g. CI egress). Exactly one of this and
    /// <see cref="PrivateCluster"/> says how <c>pulumi up</c> reaches the API: an API server open to every address is never the default.
    /// </summary>
    public ImmutableArray<string> AuthorizedIpRanges { get; init; } = [];

    /// <summary>Gets a value indicating whether the API server has only a private endpoint (then <c>pulumi up</c> must run in the cluster's virtual network or a peered one).</summary>
    public bool PrivateCluster { get; init; }

    /// <summary>Gets the subnet (ARM id) of the nodes, or null for a network AKS creates.</summary>
    public Identifier? SubnetId { get; init; }

    /// <summary>Gets the system node pool, which also runs the CPU workloads.</summary>
    public AksNodePool SystemNodes { get; init; } = new("Standard_D4ds_v5", 2, 5);

    /// <summary>Gets the GPU node pool (tainted so only GPU workloads land there, autoscaled by AKS), or null for none.</summary>
    public AksNodePool? GpuNodes { get; init; }

    /// <summary>Gets the NVIDIA device plugin image, or null for the SDK's version tag; production requires a digest-pinned image.</summary>
    public string? DevicePluginImage { get; init; }

    /// <summary>Gets a canonical text of the settings, so deployments sharing the cluster can be checked to agree.</summary>
    public string Canonical => string.Join('|', Name, Location, ResourceGroupName, Version, string.Join(',', AuthorizedIpRanges), PrivateCluster, SubnetId, SystemNodes, GpuNodes, DevicePluginImage, Deployer);
}

/// <summary>A node pool, scaled between <paramref name="Min"/> and <paramref name="Max"/> by the AKS cluster autoscaler.</summary>
/// <param name="VmSize">The VM size, e.g. <c>Standard_NC8as_T4_v3</c>.</param>
/// <param name="Min">Minimum nodes.</param>
/// <param name="Max">Maximum nodes.</param>
public sealed record AksNodePool(string VmSize, int Min, int Max)
{
    /// <summary>
    /// Gets each node's managed OS disk in GiB. It holds the images and the kubelet's directory, so every pod's
    /// ephemeral storage (the model volume included) must fit in it (AKS agent pool <c>osDiskSizeGB</c>: 30-2048).
    /// </summary>
    public int OsDiskSizeGiB { get; init; } = 128;

    /// <summary>Gets the capacity of one node, required when the SDK's VM size catalogue does not know <see cref="VmSize"/>.</summary>
    public NodeCapacity? Capacity { get; init; }
}

/// <summary>How <c>kubelogin</c> signs in where <c>pulumi up</c> runs.</summary>
public enum AksLogin
{
    /// <summary>The Azure CLI's signed-in account (<c>--login azurecli</c>).</summary>
    AzureCli,

    /// <summary>Workload identity federation from the environment's <c>AZURE_*</c> variables, e.g. a CI OIDC token (<c>--login workloadidentity</c>).</summary>
    WorkloadIdentity,

    /// <summary>The machine's managed identity (<c>--login msi</c>).</summary>
    ManagedIdentity,
}

/// <summary>Who runs <c>pulumi up</c> against an AKS cluster.</summary>
public sealed record AksDeployer
{
    /// <summary>Gets how <c>kubelogin</c> signs in.</summary>
    public AksLogin Login { get; init; } = AksLogin.AzureCli;

    /// <summary>
    /// Gets the object id of the principal <c>pulumi up</c> runs as. On a created cluster it gets Azure Kubernetes
    /// Service RBAC Cluster Admin on the cluster; null grants it to whoever runs <c>pulumi up</c> (<c>getClientConfig</c>).
    /// </summary>
    public string? PrincipalId { get; init; }
}
