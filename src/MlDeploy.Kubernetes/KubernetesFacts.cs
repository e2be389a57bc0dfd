using MlDeploy.Guardrails;
using MlDeploy.Kubernetes.Guardrails;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The fact extractors for the Kubernetes objects the workload emitter (and cluster planners) emit. Every cloud with a
/// Kubernetes target lists them in its pack; the engine keeps each once.
/// </summary>
public static class KubernetesFacts
{
    /// <summary>Gets every Kubernetes extractor.</summary>
    public static IReadOnlyList<IFactExtractor> All { get; } =
    [
        new DeploymentExtractor(), new DaemonSetExtractor(), new ServiceAccountExtractor(), new NamespaceExtractor(), new ServiceExtractor(),
        new AutoscalerExtractor(), new NetworkPolicyExtractor(),
        new NamespacedObjectExtractor(KubernetesTypes.Secret.Token, "Kubernetes Secret", "Secret"),
        new NamespacedObjectExtractor(KubernetesTypes.PodDisruptionBudget.Token, "Kubernetes PodDisruptionBudget", "PodDisruptionBudget"),
    ];
}
