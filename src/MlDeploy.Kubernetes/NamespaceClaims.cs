using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// Deployments sharing one namespace on one cluster: the namespace is created once, and every other workload in it
/// waits for that resource.
/// </summary>
public static class NamespaceClaims
{
    /// <summary>Claims a namespace for a deployment.</summary>
    /// <param name="context">The plan under construction.</param>
    /// <param name="cluster">The cluster's identity (e.g. <c>eks/ml</c>).</param>
    /// <param name="options">The workload options naming the namespace.</param>
    /// <returns>The claim: whether this deployment creates the namespace, else the resource to wait for.</returns>
    public static NamespaceClaim Claim(PlanContext context, string cluster, KubernetesWorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var claim = context.Shared($"k8s-namespace/{cluster}/{options.Namespace}", options.Namespace, () => new NamespaceClaim(options.CreateNamespace));
        return claim;
    }
}

/// <summary>Who creates a shared namespace, and its resource once created.</summary>
public sealed class NamespaceClaim
{
    private bool _claimed;

    internal NamespaceClaim(bool managed) => Managed = managed;

    /// <summary>Gets a value indicating whether the SDK manages the namespace (false: it exists already).</summary>
    public bool Managed { get; }

    /// <summary>Gets the namespace resource once the deployment that creates it has emitted it.</summary>
    public Resource? Resource { get; private set; }

    /// <summary>Takes the creation over if nobody has yet.</summary>
    /// <returns>True when the caller creates the namespace.</returns>
    public bool TryCreate()
    {
        if (!Managed || _claimed)
        {
            return false;
        }

        _claimed = true;
        return true;
    }

    /// <summary>Records the created namespace so later workloads wait for it.</summary>
    /// <param name="resource">The namespace resource.</param>
    public void Created(Resource? resource) => Resource ??= resource;
}
