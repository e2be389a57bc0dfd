using MlDeploy.Model;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>
/// Deploy to an Azure Machine Learning managed online endpoint: the model and the serving image registered as a model
/// version and an environment version of a workspace (an existing one, or one created with its storage, key vault and
/// Application Insights), one endpoint per deployment authenticated with Entra tokens by default, a managed online
/// deployment per revision (named from the image and model), traffic set after the deployment exists, Azure Monitor
/// autoscale and alerts.
/// </summary>
public sealed record AzureMlTarget : DeploymentTarget
{
    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Azure;

    /// <inheritdoc/>
    public override string DisplayName => "Azure ML managed online endpoints";

    /// <summary>Gets the Azure region every resource is created in, e.g. <c>westeurope</c>.</summary>
    public required string Location { get; init; }

    /// <summary>Gets an existing resource group by name for a created workspace; null creates one for the deployment. An existing workspace brings its own.</summary>
    public string? ResourceGroupName { get; init; }

    /// <summary>
    /// Gets the ARM id of an existing workspace (<c>/subscriptions/&lt;id&gt;/resourceGroups/&lt;group&gt;/providers/Microsoft.MachineLearningServices/workspaces/&lt;name&gt;</c>);
    /// the endpoint is created in its resource group. Null creates a workspace with its storage account, key vault and Application Insights.
    /// </summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Gets the VM size of the deployment's instances (e.g. <c>Standard_NC4as_T4_v3</c>); null picks the smallest catalogued size that fits the compute.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets how callers authenticate to the endpoint; Entra (AAD) tokens by default.</summary>
    public AzureMlAuthMode AuthMode { get; init; } = AzureMlAuthMode.AadToken;

    /// <summary>Gets how long the endpoint waits for a scoring response (1-180 s); null allows twice the p99 latency threshold, at least 5 s.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Gets how many requests one instance serves at once (Azure ML's default is 1).</summary>
    public int MaxConcurrentRequestsPerInstance { get; init; } = 1;

    /// <summary>
    /// Gets the deployment that keeps the rest of the traffic while the new revision takes its canary share (or all of it,
    /// for blue/green); null sends all traffic to the new revision once it is healthy (a first deployment, or promotion).
    /// The stack output <c>&lt;deployment&gt;-deployment-name</c> names the deployment to put here before the next rollout.
    /// </summary>
    public string? StableDeployment { get; init; }

    /// <summary>Gets the ARM id of the container registry of an existing image (<see cref="ImageSource.Existing"/>), on which the identity gets AcrPull.</summary>
    public string? RegistryId { get; init; }

    /// <summary>Gets the ARM id of the Key Vault holding the deployment's secrets (<see cref="SecretSource.Store"/> ids are its secret URLs); the container gets each URL as <c>&lt;NAME&gt;_SECRET_URL</c>.</summary>
    public string? KeyVaultId { get; init; }

    /// <summary>Gets the ARM id of the storage account of a model at a blob URL (<see cref="ModelArtifact.FromUri"/>), on whose container the identity gets Storage Blob Data Reader.</summary>
    public string? ArtifactStorageAccountId { get; init; }
}

/// <summary>How callers authenticate to an Azure ML online endpoint (the endpoint's <c>authMode</c>).</summary>
public enum AzureMlAuthMode
{
    /// <summary>Microsoft Entra tokens; callers need the endpoint's score action (Azure RBAC).</summary>
    AadToken,

    /// <summary>Endpoint keys (long-lived shared secrets, listed with <c>listOnlineEndpointKeys</c>).</summary>
    Key,
}
