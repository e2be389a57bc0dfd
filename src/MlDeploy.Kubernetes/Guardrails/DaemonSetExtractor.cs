using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>
/// A DaemonSet: a node agent the platform installs (the NVIDIA device plugin on the GPU nodes of a created EKS
/// cluster), not a model server. Its pod template is checked like any other, and its findings block like any other;
/// serving policies (probes, replicas, spread, rollout, ingress policy) do not apply to one pod per node. The one
/// shape only a DaemonSet may have is a device plugin's registration with the kubelet (see <see cref="PodTemplateExtractor"/>).
/// </summary>
internal sealed record DaemonSetExtractor() : KubernetesExtractor(KubernetesTypes.DaemonSet.Token, "Kubernetes DaemonSet")
{
    public override IReadOnlyList<Type> Reports => PodTemplateExtractor.Reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) => PodTemplateExtractor.Extract(resource, "DaemonSet", nodeAgent: true);
}
