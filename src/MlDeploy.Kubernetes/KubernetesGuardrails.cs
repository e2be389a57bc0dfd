using MlDeploy.Guardrails;
using MlDeploy.Kubernetes.Guardrails;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The guardrails over Kubernetes workloads (ids from SECURITY.md section 5; a policy checked on other resource kinds
/// too, such as MLS-CTR-01 on ECS, shares its id, and a waiver by id covers every kind).
/// </summary>
public static class KubernetesGuardrails
{
    /// <summary>Gets every Kubernetes rule.</summary>
    public static IReadOnlyList<Guardrail> All { get; } =
    [
        new PodRunsAsNonRoot(), new ContainersNotPrivileged(), new CapabilitiesDropped(), new RootFilesystemReadOnly(),
        new SeccompRuntimeDefault(), new NoHostAccess(), new ServiceAccountTokenNotMounted(), new ResourcesDeclared(),
        new NamespaceRestricted(), new SpreadAcrossZones(), new DisruptionBudgetConsistent(), new ProbesDistinct(),
        new RollingUpdateKeepsCapacity(), new ServerSelectedByNetworkPolicy(), new ServiceNotPublic(), new WorkloadImagesPinned(),
    ];
}
