using MlDeploy.Graph;

namespace MlDeploy.Azure;

/// <summary>
/// The azure-native (v3) type and function tokens the SDK emits, each looked up in the provider's Node SDK
/// (<c>__pulumiType</c> / <c>invoke("...")</c> of @pulumi/azure-native 3.28.0) and checked by the conformance tests.
/// </summary>
internal static class AzureTypes
{
    public static readonly ResourceType ResourceGroup = Azure("azure-native:resources:ResourceGroup");
    public static readonly ResourceType Registry = Azure("azure-native:containerregistry:Registry");
    public static readonly ResourceType UserAssignedIdentity = Azure("azure-native:managedidentity:UserAssignedIdentity");
    public static readonly ResourceType RoleAssignment = Azure("azure-native:authorization:RoleAssignment");
    public static readonly ResourceType StorageAccount = Azure("azure-native:storage:StorageAccount");
    public static readonly ResourceType BlobServiceProperties = Azure("azure-native:storage:BlobServiceProperties");
    public static readonly ResourceType BlobContainer = Azure("azure-native:storage:BlobContainer");
    public static readonly ResourceType Blob = Azure("azure-native:storage:Blob");
    public static readonly ResourceType Workspace = Azure("azure-native:operationalinsights:Workspace");
    public static readonly ResourceType ManagedEnvironment = Azure("azure-native:app:ManagedEnvironment");
    public static readonly ResourceType ContainerApp = Azure("azure-native:app:ContainerApp");
    public static readonly ResourceType ManagedCluster = Azure("azure-native:containerservice:ManagedCluster");
    public static readonly ResourceType AgentPool = Azure("azure-native:containerservice:AgentPool");
    public static readonly ResourceType FederatedIdentityCredential = Azure("azure-native:managedidentity:FederatedIdentityCredential");

    // azure-native v3 has no insights module: alerts and action groups are in monitor (TARGETS.md 12.2).
    public static readonly ResourceType ActionGroup = Azure("azure-native:monitor:ActionGroup");
    public static readonly ResourceType MetricAlert = Azure("azure-native:monitor:MetricAlert");

    public static readonly ResourceType GetClientConfig = Azure("azure-native:authorization:getClientConfig");
    public static readonly ResourceType GetSharedKeys = Azure("azure-native:operationalinsights:getSharedKeys");
    public static readonly ResourceType GetManagedCluster = Azure("azure-native:containerservice:getManagedCluster");
    public static readonly ResourceType ListManagedClusterUserCredentials = Azure("azure-native:containerservice:listManagedClusterUserCredentials");

    /// <summary>@pulumi/command's <c>local.run</c> function: runs on every program execution (a fresh registry token each time).</summary>
    public static readonly ResourceType LocalRun = new("command:local:run", PulumiPackages.Command);

    private static ResourceType Azure(string token) => new(token, PulumiPackages.AzureNative);
}
