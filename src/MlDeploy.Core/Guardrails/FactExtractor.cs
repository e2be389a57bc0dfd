using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>
/// The base of every pack's fact extractors: a record, so the same extractor listed by two packs (the Kubernetes ones
/// by every cloud with a cluster target) is one.
/// </summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
public abstract record FactExtractor(string ResourceType, string Kind) : IFactExtractor
{
    /// <inheritdoc/>
    public abstract IReadOnlyList<Type> Reports { get; }

    /// <inheritdoc/>
    public abstract IEnumerable<Fact> Extract(Resource resource, GuardrailContext context);

    /// <summary>The items of a list value, or none when the value is absent or not a list.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The items.</returns>
    protected static IEnumerable<Value> Items(Value? value) => value is ListValue list ? list.Items : [];
}
