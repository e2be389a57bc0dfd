using MlDeploy.Graph;

namespace MlDeploy.Kubernetes;

/// <summary>The explicit Kubernetes provider every workload object on a cluster is created with.</summary>
public static class KubernetesProvider
{
    /// <summary>
    /// Provider properties whose kubeconfig (JSON is valid YAML) authenticates with an exec credential plugin at each
    /// call (<c>aws eks get-token</c>, <c>kubelogin</c>, <c>gke-gcloud-auth-plugin</c>), so long deployments never
    /// outlive a token; the command must be on the PATH where <c>pulumi up</c> runs.
    /// </summary>
    /// <param name="name">The kubeconfig's cluster, context and user name (e.g. <c>eks</c>).</param>
    /// <param name="endpoint">The API server URL.</param>
    /// <param name="certificateAuthorityData">The cluster CA, base64.</param>
    /// <param name="command">The credential plugin.</param>
    /// <param name="args">Its arguments.</param>
    /// <returns>The properties of a <c>pulumi:providers:kubernetes</c> resource.</returns>
    public static MapValue WithExecCredentials(string name, Value endpoint, Value certificateAuthorityData, string command, params Value?[] args) =>
        WithExecCredentials(name, endpoint, certificateAuthorityData, command, [], args);

    /// <summary>As <see cref="WithExecCredentials(string, Value, Value, string, Value?[])"/>, with environment variables for the plugin (e.g. <c>AWS_PROFILE</c>).</summary>
    /// <param name="name">The kubeconfig's cluster, context and user name.</param>
    /// <param name="endpoint">The API server URL.</param>
    /// <param name="certificateAuthorityData">The cluster CA, base64.</param>
    /// <param name="command">The credential plugin.</param>
    /// <param name="env">Environment variables the plugin runs with; empty for none.</param>
    /// <param name="args">Its arguments.</param>
    /// <returns>The properties of a <c>pulumi:providers:kubernetes</c> resource.</returns>
    public static MapValue WithExecCredentials(string name, Value endpoint, Value certificateAuthorityData, string command, IReadOnlyList<KeyValuePair<string, string>> env, params Value?[] args) => Value.Map(
        ("kubeconfig", Fn.ToJson(Value.Map(
            ("apiVersion", "v1"),
            ("kind", "Config"),
            ("clusters", Value.List(Value.Map(("name", name), ("cluster", Value.Map(("server", endpoint), ("certificate-authority-data", certificateAuthorityData)))))),
            ("contexts", Value.List(Value.Map(("name", name), ("context", Value.Map(("cluster", name), ("user", name)))))),
            ("current-context", name),
            ("users", Value.List(Value.Map(("name", name), ("user", Value.Map(("exec", Value.Map(
                ("apiVersion", "client.authentication.k8s.io/v1beta1"),
                ("command", command),
                ("args", Value.List(args)),
                ("env", env.Count == 0 ? null : Value.List(env.Select(e => (Value?)Value.Map(("name", e.Key), ("value", e.Value))))))))))))))),
        ("enableServerSideApply", true),
        ("deleteUnreachable", false));
}
