using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>The base of the AWS extractors: a record, so the same extractor listed twice is one.</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record AwsExtractor(string ResourceType, string Kind) : IFactExtractor
{
    public abstract IReadOnlyList<Type> Reports { get; }

    public abstract IEnumerable<Fact> Extract(Resource resource, GuardrailContext context);
}
