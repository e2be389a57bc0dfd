using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The namespaces workloads run in, created once per cluster and named by what they are
/// (<c>&lt;cluster prefix&gt;-namespace-&lt;name&gt;</c>), never by the deployment that happened to be declared first:
/// reordering or removing deployments renames no namespace, so `pulumi up` never replaces one (which would delete
/// every workload in it).
/// </summary>
public static class NamespaceClaims
{
    /// <summary>Returns the namespace a workload runs in, creating it on first use when the SDK manages it.</summary>
    /// <param name="context">The plan under construction.</param>
    /// <param name="clusterPrefix">The cluster's logical-name prefix, e.g. <c>eks-ml</c>.</param>
    /// <param name="options">The workload options naming the namespace.</param>
    /// <param name="provider">The cluster's Kubernetes provider.</param>
    /// <returns>The namespace resource, or null when the namespace exists already (<see cref="KubernetesWorkloadOptions.CreateNamespace"/> false).</returns>
    /// <exception cref="InvalidOperationException">Deployments disagree on whether the SDK manages the namespace.</exception>
    public static Resource? Claim(PlanContext context, string clusterPrefix, KubernetesWorkloadOptions options, Resource provider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return context.Shared<NamespaceHandle>(
            $"k8s-namespace/{clusterPrefix}/{options.Namespace}",
            options.CreateNamespace,
            () => new(options.CreateNamespace ? Create(new ComponentScope(context, clusterPrefix), options.Namespace, provider) : null)).Resource;
    }

    /// <summary>A namespace labelled for the restricted Pod Security profile (enforced, audited and warned).</summary>
    /// <param name="scope">The cluster's scope; the resource is <c>&lt;prefix&gt;-namespace-&lt;name&gt;</c>.</param>
    /// <param name="name">The namespace name.</param>
    /// <param name="provider">The cluster's Kubernetes provider.</param>
    /// <returns>The namespace.</returns>
    public static Resource Create(GraphScope scope, string name, Resource provider)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Add(
            $"namespace-{name}",
            KubernetesTypes.Namespace,
            Value.Map(("metadata", Value.Map(
                ("name", name),
                ("labels", Value.Map(
                    ("pod-security.kubernetes.io/audit", "restricted"),
                    ("pod-security.kubernetes.io/enforce", "restricted"),
                    ("pod-security.kubernetes.io/enforce-version", "latest"),
                    ("pod-security.kubernetes.io/warn", "restricted")))))),
            new ResourceOptions { Provider = provider });
    }

    private sealed record NamespaceHandle(Resource? Resource);
}
