using MlDeploy.Model;

namespace MlDeploy.Azure.ContainerApps;

/// <summary>
/// Deploy to an Azure Container App: pulled by the deployment's own managed identity, internal ingress by default,
/// revisions in multiple mode (canary and blue/green by revision traffic weights), the model downloaded into a volume
/// by an init container before the server starts, and Azure Monitor alerts.
/// </summary>
public sealed record ContainerAppsTarget : DeploymentTarget
{
    /// <summary>
    /// The default model-loader image: the Azure CLI from Microsoft Container Registry, by version tag (2.69 or later
    /// takes <c>az login --identity --client-id</c>). Production stacks pin it by digest.
    /// </summary>
    public const string DefaultModelLoaderImage = "mcr.microsoft.com/azure-cli:2.70.0";

    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Azure;

    /// <inheritdoc/>
    public override string DisplayName => "Azure Container Apps";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, Identifier>> Identifiers() =>
        InfrastructureSubnetId is { } subnet ? [new KeyValuePair<string, Identifier>("infrastructureSubnetId", subnet)] : [];

    /// <summary>Gets the Azure region every resource is created in, e.g. <c>westeurope</c>.</summary>
    public required string Location { get; init; }

    /// <summary>Gets an existing resource group by name; null creates one for the deployment.</summary>
    public string? ResourceGroupName { get; init; }

    /// <summary>Gets the ARM id of an existing Container Apps environment; null creates one that sends its logs to a Log Analytics workspace.</summary>
    public string? EnvironmentId { get; init; }

    /// <summary>Gets the subnet (ARM id) a created environment is integrated into, which makes it internal (no public endpoint); null creates a Microsoft-managed network.</summary>
    public Identifier? InfrastructureSubnetId { get; init; }

    /// <summary>Gets the workload profile the app runs on (a GPU profile for GPUs); null runs on the Consumption profile.</summary>
    public ContainerAppsWorkloadProfile? WorkloadProfile { get; init; }

    /// <summary>Gets the ARM id of the container registry of an existing image (<see cref="ImageSource.Existing"/>), on which the identity gets AcrPull.</summary>
    public string? RegistryId { get; init; }

    /// <summary>Gets the ARM id of the storage account of a model at a blob URL (<see cref="ModelArtifact.FromUri"/>) or in an Azure DVC remote (<see cref="ModelArtifact.FromDvc"/>), on whose container the identity gets Storage Blob Data Reader.</summary>
    public string? ArtifactStorageAccountId { get; init; }

    /// <summary>Gets the ARM id of the Key Vault holding the deployment's secrets (<see cref="SecretSource.Store"/> ids are its secret URLs).</summary>
    public string? KeyVaultId { get; init; }

    /// <summary>Gets the image of the init container that downloads the model into the shared volume; it must provide <c>az</c>, <c>sh</c> and <c>python3</c>.</summary>
    public string ModelLoaderImage { get; init; } = DefaultModelLoaderImage;

    /// <summary>
    /// Gets the revision that keeps the rest of the traffic while the new one takes its canary share (or none, for blue/green);
    /// null sends all traffic to the latest revision (a first deployment, or promotion). The stack output
    /// <c>&lt;deployment&gt;-latest-revision</c> names the revision to put here before the next rollout.
    /// </summary>
    public string? StableRevision { get; init; }

    /// <summary>Gets how many days untagged manifests are kept in a Premium registry (0-365).</summary>
    public int UntaggedRetentionDays { get; init; } = 7;
}

/// <summary>A workload profile of the environment (Azure Container Apps docs, "Workload profiles").</summary>
/// <param name="Name">The profile's name in the environment.</param>
/// <param name="Type">The profile type, e.g. <c>D4</c>, <c>NC24-A100</c> or <c>Consumption-GPU-NC8as-T4</c>.</param>
public sealed record ContainerAppsWorkloadProfile(string Name, string Type)
{
    /// <summary>Gets the fewest instances of a dedicated profile.</summary>
    public int MinimumCount { get; init; }

    /// <summary>Gets the most instances of a dedicated profile.</summary>
    public int MaximumCount { get; init; } = 3;

    /// <summary>Gets a value indicating whether the profile is a serverless (consumption) profile, which has no instance counts.</summary>
    public bool IsConsumption => Type.StartsWith("Consumption", StringComparison.Ordinal);
}
