using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>The one rule of a policy: a check over facts, never over a resource kind's properties.</summary>
internal abstract class PolicyRule
{
    /// <summary>Gets the catalogue entry.</summary>
    public abstract Policy Policy { get; }

    /// <summary>Gets the fact types the rule reads (with the extractors' <see cref="IFactExtractor.Reports"/> this says which kinds it covers).</summary>
    public abstract IReadOnlyList<Type> Reads { get; }

    public abstract IEnumerable<Violation> Check(FactBase facts);

    /// <summary>A finding on the resource the fact was read from (or on a related resource the fact names).</summary>
    protected Violation Fail<TFact>(Observation<TFact> at, string message, Resource? resource = null, RuleLevel? level = null)
        where TFact : Fact
    {
        var on = resource ?? at.Resource;
        return new Violation(new Finding(Policy.Id, on.Owner, on.Name, message), level ?? Policy.Level);
    }
}

/// <summary>A finding with the level it is enforced at.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Level">The level (the policy's, or a stricter/looser one for this kind).</param>
internal sealed record Violation(Finding Finding, RuleLevel Level);
