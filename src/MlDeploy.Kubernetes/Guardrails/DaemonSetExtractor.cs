using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>
/// A DaemonSet: a node agent the platform installs (the NVIDIA device plugin on the GPU nodes of a created EKS
/// cluster), not a model server. Its pod template is checked like any other; serving policies (probes, replicas,
/// spread, rollout, ingress policy) do not apply to one pod per node.
/// </summary>
internal sealed record DaemonSetExtractor() : KubernetesExtractor(KubernetesTypes.DaemonSet.Token, "Kubernetes DaemonSet")
{
    /// <summary>
    /// The facts are reported truthfully, but findings do not block yet: the device plugin the EKS planner emits runs as
    /// root with a writable root, no seccomp profile, the default ServiceAccount and token, a hostPath (its kubelet
    /// socket directory), a memory limit above its request and a tag-pinned image. Until its planner fixes what can be
    /// fixed (and waives the hostPath it needs), blocking would reject every created GPU cluster.
    /// </summary>
    public const string Advisory = "node agents emitted by planners (the NVIDIA device plugin) are reported, not enforced, until the planner hardens them";

    public override IReadOnlyList<Type> Reports => PodTemplateExtractor.Reports;

    public override string? AdvisoryReason => Advisory;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) => PodTemplateExtractor.Extract(resource, "DaemonSet");
}
