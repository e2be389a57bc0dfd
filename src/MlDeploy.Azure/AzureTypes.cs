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

    // Azure Machine Learning (azure-native v3 machinelearningservices, API 2025-12-01; TARGETS.md 4.1-4.2).
    public static readonly ResourceType MlWorkspace = Azure("azure-native:machinelearningservices:Workspace");
    public static readonly ResourceType ModelContainer = Azure("azure-native:machinelearningservices:ModelContainer");
    public static readonly ResourceType ModelVersion = Azure("azure-native:machinelearningservices:ModelVersion");
    public static readonly ResourceType EnvironmentContainer = Azure("azure-native:machinelearningservices:EnvironmentContainer");
    public static readonly ResourceType EnvironmentVersion = Azure("azure-native:machinelearningservices:EnvironmentVersion");
    public static readonly ResourceType OnlineEndpoint = Azure("azure-native:machinelearningservices:OnlineEndpoint");
    public static readonly ResourceType OnlineDeployment = Azure("azure-native:machinelearningservices:OnlineDeployment");
    public static readonly ResourceType KeyVault = Azure("azure-native:keyvault:Vault");
    public static readonly ResourceType AppInsights = Azure("azure-native:applicationinsights:Component");
    public static readonly ResourceType AutoscaleSetting = Azure("azure-native:monitor:AutoscaleSetting");

    // azure-native v3 has no insights module: alerts and action groups are in monitor (TARGETS.md 12.2).
    public static readonly ResourceType ActionGroup = Azure("azure-native:monitor:ActionGroup");
    public static readonly ResourceType PortalDashboard = Azure("azure-native:portal:Dashboard");
    public static readonly ResourceType MetricAlert = Azure("azure-native:monitor:MetricAlert");

    public static readonly ResourceType GetClientConfig = Azure("azure-native:authorization:getClientConfig");
    public static readonly ResourceType GetSharedKeys = Azure("azure-native:operationalinsights:getSharedKeys");
    public static readonly ResourceType GetManagedCluster = Azure("azure-native:containerservice:getManagedCluster");
    public static readonly ResourceType GetMlWorkspace = Azure("azure-native:machinelearningservices:getWorkspace");
    public static readonly ResourceType ListManagedClusterUserCredentials = Azure("azure-native:containerservice:listManagedClusterUserCredentials");

    /// <summary>@pulumi/command's <c>local.run</c> function: runs on every program execution (a fresh registry token each time).</summary>
    public static readonly ResourceType LocalRun = new("command:local:run", PulumiPackages.Command);

    /// <summary>@pulumi/command's <c>local.Command</c> resource: runs when created and when its triggers change, after its dependencies.</summary>
    public static readonly ResourceType LocalCommand = new("command:local:Command", PulumiPackages.Command);

    /// <summary>@pulumi/random's <c>RandomString</c>: chosen once at creation, then kept in the stack's state.</summary>
    public static readonly ResourceType RandomString = new("random:index/randomString:RandomString", PulumiPackages.Random);

    private static ResourceType Azure(string token) => new(token, PulumiPackages.AzureNative);
}
