using MlDeploy.Graph;

namespace MlDeploy.Aws.Eks;

/// <summary>The explicit Kubernetes provider every workload resource on an EKS cluster uses.</summary>
internal static class KubernetesProvider
{
    /// <summary>
    /// A kubeconfig (JSON is valid YAML) that authenticates with <c>aws eks get-token</c> at each call, so long
    /// deployments never outlive a token; the AWS CLI must be on the PATH where <c>pulumi up</c> runs.
    /// </summary>
    public static MapValue Properties(Value clusterName, Value endpoint, Value certificateAuthorityData) => Value.Map(
        ("kubeconfig", Fn.ToJson(Value.Map(
            ("apiVersion", "v1"),
            ("kind", "Config"),
            ("clusters", Value.List(Value.Map(("name", "eks"), ("cluster", Value.Map(("server", endpoint), ("certificate-authority-data", certificateAuthorityData)))))),
            ("contexts", Value.List(Value.Map(("name", "eks"), ("context", Value.Map(("cluster", "eks"), ("user", "eks")))))),
            ("current-context", "eks"),
            ("users", Value.List(Value.Map(("name", "eks"), ("user", Value.Map(("exec", Value.Map(
                ("apiVersion", "client.authentication.k8s.io/v1beta1"),
                ("command", "aws"),
                ("args", Value.List("eks", "get-token", "--cluster-name", clusterName, "--output", "json")))))))))))),
        ("enableServerSideApply", true),
        ("deleteUnreachable", false));
}
