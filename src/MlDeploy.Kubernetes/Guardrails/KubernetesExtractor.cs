using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>The base of the Kubernetes extractors (<see cref="FactExtractor"/>).</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record KubernetesExtractor(string ResourceType, string Kind) : FactExtractor(ResourceType, Kind);
