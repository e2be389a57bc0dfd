using MlDeploy.Graph;

namespace MlDeploy.Kubernetes;

/// <summary>The Kubernetes type tokens the workload emits (canonical form, checked by the conformance tests).</summary>
public static class KubernetesTypes
{
    /// <summary>Gets the explicit Kubernetes provider.</summary>
    public static ResourceType Provider { get; } = K8s("pulumi:providers:kubernetes");

    /// <summary>Gets the Namespace type.</summary>
    public static ResourceType Namespace { get; } = K8s("kubernetes:core/v1:Namespace");

    /// <summary>Gets the ServiceAccount type.</summary>
    public static ResourceType ServiceAccount { get; } = K8s("kubernetes:core/v1:ServiceAccount");

    /// <summary>Gets the Secret type.</summary>
    public static ResourceType Secret { get; } = K8s("kubernetes:core/v1:Secret");

    /// <summary>Gets the ConfigMap type.</summary>
    public static ResourceType ConfigMap { get; } = K8s("kubernetes:core/v1:ConfigMap");

    /// <summary>Gets the Service type.</summary>
    public static ResourceType Service { get; } = K8s("kubernetes:core/v1:Service");

    /// <summary>Gets the Deployment type.</summary>
    public static ResourceType Deployment { get; } = K8s("kubernetes:apps/v1:Deployment");

    /// <summary>Gets the DaemonSet type.</summary>
    public static ResourceType DaemonSet { get; } = K8s("kubernetes:apps/v1:DaemonSet");

    /// <summary>Gets the HorizontalPodAutoscaler (autoscaling/v2) type.</summary>
    public static ResourceType HorizontalPodAutoscaler { get; } = K8s("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");

    /// <summary>Gets the PodDisruptionBudget type.</summary>
    public static ResourceType PodDisruptionBudget { get; } = K8s("kubernetes:policy/v1:PodDisruptionBudget");

    /// <summary>Gets the NetworkPolicy type.</summary>
    public static ResourceType NetworkPolicy { get; } = K8s("kubernetes:networking.k8s.io/v1:NetworkPolicy");

    /// <summary>Gets the provider-side ConfigGroup (yaml/v2) used for CRD objects, which Pulumi YAML cannot declare directly.</summary>
    public static ResourceType ConfigGroup { get; } = K8s("kubernetes:yaml/v2:ConfigGroup");

    private static ResourceType K8s(string token) => new(token, PulumiPackages.Kubernetes);
}
