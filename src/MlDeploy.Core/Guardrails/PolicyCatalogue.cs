using System.Collections.Immutable;
using MlDeploy.Guardrails.Policies;

namespace MlDeploy.Guardrails;

/// <summary>
/// The policies, one entry per SECURITY.md id, each with its one rule. Packs add no rules, only fact extractors, so a
/// policy means the same on every resource kind and a waiver by id covers it everywhere.
/// </summary>
public sealed class PolicyCatalogue
{
    private readonly Dictionary<string, PolicyRule> _byId = new(StringComparer.Ordinal);

    /// <summary>Initializes a catalogue from rules.</summary>
    /// <param name="rules">The rules.</param>
    /// <exception cref="ArgumentException">Two rules carry the same policy id.</exception>
    internal PolicyCatalogue(IEnumerable<PolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ordered = new List<PolicyRule>();
        foreach (var rule in rules)
        {
            if (!_byId.TryAdd(rule.Policy.Id, rule))
            {
                throw new ArgumentException($"policy {rule.Policy.Id} is defined twice; a policy has exactly one rule (add a fact extractor to cover another resource kind).", nameof(rules));
            }

            ordered.Add(rule);
        }

        Rules = [.. ordered];
        Policies = [.. ordered.Select(r => r.Policy)];
        Ids = [.. _byId.Keys];
    }

    /// <summary>Gets every MLS policy the SDK checks.</summary>
    public static PolicyCatalogue Default { get; } = new(PolicyRules.All);

    /// <summary>Gets the policies, in the order the catalogue lists them (by id).</summary>
    public ImmutableArray<Policy> Policies { get; }

    /// <summary>Gets every policy id (what waivers may name).</summary>
    public ImmutableHashSet<string> Ids { get; }

    internal ImmutableArray<PolicyRule> Rules { get; }

    /// <summary>Looks a policy up by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The policy, or null.</returns>
    public Policy? Find(string id) => _byId.TryGetValue(id, out var rule) ? rule.Policy : null;

    internal PolicyRule RuleOf(string id) => _byId[id];
}
