using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Aks;

/// <summary>How <c>pulumi up</c> reaches an AKS cluster's API: the shared exec-credential kubeconfig with <c>kubelogin</c>.</summary>
internal static class AksAccess
{
    /// <summary>
    /// The application id of the AKS Microsoft Entra server, the audience of every AKS API token (kubelogin docs,
    /// "Using kubelogin with AKS": <c>--server-id 6dae42f8-4368-4678-94ff-3960e28e3630</c>; the same in every tenant).
    /// </summary>
    public const string ServerAppId = "6dae42f8-4368-4678-94ff-3960e28e3630";

    /// <summary>
    /// Provider properties for an Entra ID cluster with local accounts disabled. The provider authenticates with
    /// <c>kubelogin get-token --login &lt;mode&gt; --server-id ...</c> at each call (kubelogin must be on the PATH where
    /// <c>pulumi up</c> runs), through the same builder as EKS (<see cref="KubernetesProvider.WithExecCredentials(string, Value, Value, string, Value?[])"/>).
    /// The kubeconfig <c>listManagedClusterUserCredentials</c> returns is not used as is: its exec user logs in with
    /// <c>--login devicecode</c>, which waits for a person (pulumi/pulumi-azure-native#2399, Azure/AKS#4990), and its
    /// login mode cannot be chosen. Only the cluster CA is read from it (<c>format: exec</c>, so no static credential is
    /// returned): the line after <c>certificate-authority-data: </c>, since Pulumi YAML cannot parse YAML.
    /// </summary>
    public static MapValue Kubeconfig(GraphScope scope, Value resourceGroupName, Value clusterName, Value fqdn, AksDeployer deployer)
    {
        var credentials = scope.Invoke("credentials", AzureTypes.ListManagedClusterUserCredentials, Value.Map(
            ("resourceGroupName", resourceGroupName),
            ("resourceName", clusterName),
            ("format", "exec")));
        var kubeconfig = Fn.FromBase64(credentials.Output("kubeconfigs[0].value"));
        var certificateAuthority = Fn.Select(0, Fn.Split("\n", Fn.Select(1, Fn.Split("certificate-authority-data: ", kubeconfig))));
        var login = deployer.Login switch
        {
            AksLogin.WorkloadIdentity => "workloadidentity",
            AksLogin.ManagedIdentity => "msi",
            _ => "azurecli",
        };
        scope.Context.RequireTool("kubelogin", "kubelogin get-token signs the Kubernetes provider in to the AKS cluster");
        if (deployer.Login == AksLogin.AzureCli)
        {
            scope.Context.RequireTool("az", "the Azure CLI, signed in (az login): kubelogin --login azurecli uses its account");
        }

        return KubernetesProvider.WithExecCredentials("aks", Value.Format($"https://{fqdn}:443"), certificateAuthority, "kubelogin", "get-token", "--login", login, "--server-id", ServerAppId);
    }
}
