using MlDeploy.Azure.Blocks;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>The workspace the endpoint lives in: its name (what every asset and endpoint is addressed by) and its ARM id.</summary>
/// <param name="Name">The workspace name.</param>
/// <param name="Id">The workspace's ARM id (the scope of AzureML Metrics Writer).</param>
/// <param name="StorageAccountId">The ARM id of the workspace's storage account, which holds its default datastore.</param>
/// <param name="Created">Whether the SDK created it (with Application Insights on the deployment's Log Analytics workspace).</param>
internal sealed record AzureMlWorkspace(Value Name, Value Id, Value StorageAccountId, bool Created);

/// <summary>
/// An existing Azure ML workspace, or one created with what it requires (TARGETS.md 4.1): a storage account, a key
/// vault (RBAC, purge protection), workspace-based Application Insights on a Log Analytics workspace, the container
/// registry, and a system-assigned identity, to which Azure ML grants itself its rights on those resources.
/// </summary>
internal static class AzureMlWorkspaceBlock
{
    /// <summary>How long deleted secrets and the vault can be recovered (Key Vault: 7-90 days).</summary>
    public const int VaultSoftDeleteDays = 90;

    /// <summary>The random characters a created vault's name ends with.</summary>
    private const int VaultSuffixLength = 6;

    /// <summary>
    /// The name prefix of the blob container behind a workspace's default datastore (<c>workspaceblobstore</c>), which
    /// Azure ML names <c>azureml-blobstore-&lt;GUID&gt;</c> when it creates the workspace (learn.microsoft.com, "Run batch
    /// inference with ParallelRunStep": results land under <c>azureml-blobstore-GUID/azureml/...</c>).
    /// </summary>
    public const string DefaultDatastoreContainerPrefix = "azureml-blobstore-";

    public static AzureMlWorkspace Existing(AzureScope scope, string workspaceId)
    {
        var id = AzureMlValidator.WorkspaceId().Match(workspaceId);
        var name = id.Groups["name"].Value;

        // The workspace's own storage account is the owner's: read it from the workspace (an invoke at every run), so
        // the endpoint identity's grant follows the workspace rather than a copy of its id in the stack's config.
        var workspace = scope.Invoke("workspace", AzureTypes.GetMlWorkspace, Value.Map(
            ("resourceGroupName", id.Groups["group"].Value),
            ("workspaceName", name)));
        scope.Note("workspace", Fidelity.Native, $"existing workspace {name}; its storage, key vault, Application Insights and network are its owner's; the endpoint identity reads its default datastore; Azure ML also requires AcrPull on the workspace's own registry, which the identity has only when the image's registry (target registryId) is that registry");
        return new AzureMlWorkspace(name, workspaceId, workspace.Output("storageAccount"), Created: false);
    }

    /// <summary>
    /// Grants the endpoint identity what online endpoints require of the workspace itself: Storage Blob Data Reader on
    /// the default datastore (learn.microsoft.com, "Authentication for managed online endpoints", "Automatic role
    /// assignment for endpoint identity": granted automatically to a system-assigned identity only; Microsoft's
    /// user-assigned sample, azureml-examples cli/deploy-managed-online-endpoint-access-resource-uai.sh, assigns it on
    /// the workspace's storage account). The role is assigned on that account, narrowed by an ABAC condition to the
    /// default datastore's containers, so the identity reads nothing else the account holds (AZURE-RUNTIME 25).
    /// </summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="identity">The endpoint identity.</param>
    /// <returns>The role assignment.</returns>
    public static Resource GrantDatastoreReader(AzureScope scope, AzureMlWorkspace workspace, Resource identity) =>
        IdentityBlock.Grant(scope, "datastore-reader", workspace.StorageAccountId, "workspace storage account", AzureRoles.StorageBlobDataReader, identity, DefaultDatastoreCondition);

    /// <summary>
    /// Reading and listing blobs (both the blob read data action, listing as its Blob.List suboperation) only in containers
    /// named like the default datastore's; the container-name form is learn.microsoft.com's "Example Azure role assignment
    /// conditions for Blob Storage" ("Read blobs in named containers"), with <c>StringStartsWith</c>; condition version 2.0.
    /// </summary>
    internal const string DefaultDatastoreCondition =
        "(!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}))"
        + " OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith '" + DefaultDatastoreContainerPrefix + "')";

    public static AzureMlWorkspace Create(AzureScope scope, Value storageAccountId, Value registryId)
    {
        var logs = AzureMonitorBlock.Workspace(scope);
        var insights = scope.Add("insights", AzureTypes.AppInsights, scope.Placed(
            ("resourceName", scope.PhysicalName(255, "insights")),
            ("kind", "web"),
            ("applicationType", "web"),
            ("workspaceResourceId", logs.Output("id")),
            ("ingestionMode", "LogAnalytics"),

            // Telemetry is ingested with Entra authorization only (no instrumentation-key writes).
            ("disableLocalAuth", true)));

        // Vault names: 3-24 letters, digits and dashes, globally unique; RBAC instead of access policies. A deleted
        // purge-protected vault keeps its name reserved for its soft-delete days, and the provider never purges it
        // (pulumi/pulumi-azure-native#1174; Key Vault docs, "soft-delete overview"): a name fixed by the stack would
        // make a destroyed stack impossible to re-create for 90 days. So the name ends with a random suffix, chosen
        // once and then kept in the stack's state (AZURE-RUNTIME fact 32).
        var suffix = scope.Add("vault-suffix", AzureTypes.RandomString, Value.Map(("length", VaultSuffixLength), ("special", false), ("upper", false)));
        var vault = scope.Add("vault", AzureTypes.KeyVault, scope.Placed(
            ("vaultName", Value.Format($"{AzureNames.Alphanumeric(scope, 24 - VaultSuffixLength, "vault")}{suffix.Output("result")}")),
            ("properties", Value.Map(
                ("tenantId", scope.Client.Output("tenantId")),
                ("sku", Value.Map(("family", "A"), ("name", "standard"))),
                ("enableRbacAuthorization", true),
                ("enableSoftDelete", true),
                ("softDeleteRetentionInDays", VaultSoftDeleteDays),
                ("enablePurgeProtection", true)))));

        // Workspace names: 3-33 characters (Microsoft.MachineLearningServices naming rules).
        var workspace = scope.Add("workspace", AzureTypes.MlWorkspace, scope.Placed(
            ("workspaceName", scope.PhysicalName(33, "ws")),
            ("friendlyName", $"{scope.Name} ({scope.Context.Stack})"),
            ("sku", Value.Map(("name", "Basic"), ("tier", "Basic"))),
            ("identity", Value.Map(("type", "SystemAssigned"))),
            ("storageAccount", storageAccountId),
            ("keyVault", vault.Output("id")),
            ("applicationInsights", insights.Output("id")),
            ("containerRegistry", registryId),
            ("v1LegacyMode", false)));
        scope.Note("workspace", Fidelity.Native, $"created workspace with the deployment's storage account, a key vault (RBAC, purge protection, soft delete {VaultSoftDeleteDays} days), Application Insights on the deployment's Log Analytics workspace and its registry; the workspace's system-assigned identity gets its rights from Azure ML at creation (the deployer needs Owner or User Access Administrator)");
        return new AzureMlWorkspace(workspace.Output("name"), workspace.Output("id"), storageAccountId, Created: true);
    }
}
