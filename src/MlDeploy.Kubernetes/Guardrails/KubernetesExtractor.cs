using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>The base of the Kubernetes extractors: a record, so the same extractor listed by two packs is one.</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record KubernetesExtractor(string ResourceType, string Kind) : IFactExtractor
{
    public abstract IReadOnlyList<Type> Reports { get; }

    public abstract IEnumerable<Fact> Extract(Resource resource, GuardrailContext context);
}
