namespace MlDeploy.Azure;

/// <summary>
/// Azure built-in role definition ids (Azure RBAC docs, "Azure built-in roles"; the ids are the same in every tenant).
/// </summary>
internal static class AzureRoles
{
    /// <summary>AcrPull: pull images from the registry.</summary>
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    /// <summary>AcrPush: push and pull.</summary>
    public const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";

    /// <summary>Storage Blob Data Reader: read and list blobs.</summary>
    public const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    /// <summary>Storage Blob Data Contributor: read, write and delete blobs.</summary>
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    /// <summary>Key Vault Secrets User: read secret contents.</summary>
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>Azure Kubernetes Service RBAC Cluster Admin: every Kubernetes action on an Azure-RBAC cluster.</summary>
    public const string AksRbacClusterAdmin = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
    /// <summary>
    /// AzureML Metrics Writer (preview): write metrics to the workspace, which an online endpoint's user-assigned identity
    /// needs (docs "Authentication for managed online endpoints"; role id as in Azure Verified Modules' workspace module).
    /// </summary>
    public const string AzureMlMetricsWriter = "635dd51f-9968-44d3-b7fb-6d9a6bd613ae";

    /// <summary>Owner.</summary>
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

    /// <summary>Contributor.</summary>
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";

    /// <summary>User Access Administrator.</summary>
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

    /// <summary>Gets a role's name for plans and findings.</summary>
    public static string Name(string id) => id switch
    {
        AcrPull => "AcrPull",
        AcrPush => "AcrPush",
        StorageBlobDataReader => "Storage Blob Data Reader",
        StorageBlobDataContributor => "Storage Blob Data Contributor",
        KeyVaultSecretsUser => "Key Vault Secrets User",
        AksRbacClusterAdmin => "Azure Kubernetes Service RBAC Cluster Admin",
        AzureMlMetricsWriter => "AzureML Metrics Writer",
        Owner => "Owner",
        Contributor => "Contributor",
        UserAccessAdministrator => "User Access Administrator",
        _ => id,
    };
}
