using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>
/// Says what resources of one type token mean for the policies. A target pack contributes one per resource kind it
/// emits; a new kind (an Azure Container App, a Cloud Run service) is covered by adding an extractor, not a rule.
/// </summary>
public interface IFactExtractor
{
    /// <summary>Gets the Pulumi type token this extractor reads, e.g. <c>kubernetes:apps/v1:Deployment</c>.</summary>
    string ResourceType { get; }

    /// <summary>Gets the kind's name in the guardrail table, e.g. <c>Kubernetes Deployment</c>.</summary>
    string Kind { get; }

    /// <summary>Gets every fact type <see cref="Extract"/> may report (the guardrail table derives coverage from it).</summary>
    IReadOnlyList<Type> Reports { get; }

    /// <summary>Reads one resource.</summary>
    /// <param name="resource">A resource of <see cref="ResourceType"/>.</param>
    /// <param name="context">The whole graph, for companion resources (policies attached to a bucket, alarms of a service).</param>
    /// <returns>The facts; a fact not reported is not checked.</returns>
    IEnumerable<Fact> Extract(Resource resource, GuardrailContext context);
}
