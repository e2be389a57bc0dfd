namespace MlDeploy.Guardrails.Policies;

/// <summary>A rule that reads one fact type and reports problems on the resource each fact came from.</summary>
/// <typeparam name="TFact">The fact type.</typeparam>
internal abstract class PolicyRule<TFact> : PolicyRule
    where TFact : Fact
{
    public override IReadOnlyList<Type> Reads { get; } = [typeof(TFact)];

    // Loops, not SelectMany/Select: two closures per fact added up to megabytes at 1 000 deployments.
    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<TFact>())
        {
            foreach (var message in Problems(at.Fact, facts.Context))
            {
                yield return Fail(at, message);
            }
        }
    }

    /// <summary>What does not hold for one fact, as finding messages.</summary>
    protected abstract IEnumerable<string> Problems(TFact fact, GuardrailContext context);
}
