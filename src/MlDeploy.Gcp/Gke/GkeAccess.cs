using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Gke;

/// <summary>How <c>pulumi up</c> reaches a GKE control plane: the shared exec-credential kubeconfig with <c>gke-gcloud-auth-plugin</c>.</summary>
internal static class GkeAccess
{
    /// <summary>
    /// Provider properties for a GKE cluster. Since Kubernetes 1.26 GKE authenticates kubectl and client-go through the
    /// <c>gke-gcloud-auth-plugin</c> exec plugin, which hands out the deployer's gcloud credentials at each call
    /// (GKE docs, "Install kubectl and configure cluster access"; pulumi/pulumi-kubernetes#3369 shows the kubeconfig
    /// Pulumi's own guide builds); no token is stored in the state. Endpoint and CA come from the cluster or its lookup
    /// (<c>masterAuths[0].clusterCaCertificate</c> on <c>getCluster</c>).
    /// </summary>
    public static MapValue Kubeconfig(GraphScope scope, Value endpoint, Value certificateAuthority)
    {
        scope.Context.RequireTool("gke-gcloud-auth-plugin", "the exec credential plugin that signs the Kubernetes provider in to the GKE cluster (gcloud components install gke-gcloud-auth-plugin)");
        scope.Context.RequireTool("gcloud", "the Google Cloud CLI, signed in (gcloud auth login, or a CI workload identity credential): gke-gcloud-auth-plugin uses its account");
        return KubernetesProvider.WithExecCredentials("gke", Value.Format($"https://{endpoint}"), certificateAuthority, "gke-gcloud-auth-plugin");
    }
}
