using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>MLS-IMG-01 (Kubernetes): every container of a model-server pod, init containers included, runs an image pinned by digest.</summary>
public sealed class WorkloadImagesPinned : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-IMG-01";

    /// <inheritdoc/>
    public override string Title => "images are pinned by digest";

    /// <inheritdoc/>
    public override RuleLevel Level => RuleLevel.Production;

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from workload in PodTemplates.Deployments(context)
        from container in PodTemplates.Containers(workload.Pod)
        where !IsPinned(container.Container.Get("image"))
        select Fail(workload.Deployment, $"the image of {container.Label} is not pinned by digest");

    private static bool IsPinned(Value? image) => image switch
    {
        // <repository>@<digest of an image the program built and pushed>
        Interpolation { Parts: [.., StringValue { Value: var at }, OutputReference { Path: "digest", Target: Resource r }] } =>
            at.EndsWith('@') && r.Type.Token == "docker-build:index:Image",
        StringValue s => s.Value.Contains("@sha256:", StringComparison.Ordinal),
        _ => false,
    };
}
