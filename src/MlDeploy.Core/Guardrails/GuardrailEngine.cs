using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Guardrails;

/// <summary>
/// Reads the graph's facts with the packs' extractors, runs every policy of the catalogue over them, and decides per
/// finding whether it blocks, is advisory, or is waived.
/// </summary>
public sealed class GuardrailEngine
{
    private readonly PolicyCatalogue _catalogue;
    private readonly Dictionary<string, IFactExtractor> _extractors = new(StringComparer.Ordinal);

    /// <summary>Initializes the engine.</summary>
    /// <param name="catalogue">The policies.</param>
    /// <param name="extractors">The fact extractors; one per type token (the same extractor contributed by several packs is kept once).</param>
    /// <exception cref="ArgumentException">Two different extractors claim one type token.</exception>
    public GuardrailEngine(PolicyCatalogue catalogue, IEnumerable<IFactExtractor> extractors)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(extractors);
        _catalogue = catalogue;
        foreach (var extractor in extractors)
        {
            if (!_extractors.TryAdd(extractor.ResourceType, extractor) && !Equals(_extractors[extractor.ResourceType], extractor))
            {
                throw new ArgumentException($"two fact extractors are registered for {extractor.ResourceType}.", nameof(extractors));
            }
        }
    }

    /// <summary>Gets the policies checked.</summary>
    public ImmutableArray<Policy> Policies => _catalogue.Policies;

    /// <summary>Gets the extractors, one per type token.</summary>
    public IReadOnlyCollection<IFactExtractor> Extractors => _extractors.Values;

    /// <summary>Gets the resource kinds a policy covers: those whose extractor reports a fact the policy's rule reads.</summary>
    /// <param name="policyId">The policy id.</param>
    /// <returns>The extractors, ordered by kind.</returns>
    public IReadOnlyList<IFactExtractor> Covering(string policyId)
    {
        var reads = _catalogue.RuleOf(policyId).Reads;
        return [.. _extractors.Values.Where(e => e.Reports.Any(reads.Contains)).OrderBy(e => e.Kind, StringComparer.Ordinal)];
    }

    /// <summary>Checks the graph.</summary>
    /// <param name="context">The graph and model.</param>
    /// <returns>Every finding with its outcome, ordered by policy and resource.</returns>
    public ImmutableArray<GuardrailOutcome> Check(GuardrailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var waivers = context.Platform.Deployments.ToDictionary(d => d.Name, d => d.Waivers, StringComparer.Ordinal);
        var facts = new FactBase(context, _extractors);
        var outcomes = new List<GuardrailOutcome>();
        foreach (var rule in _catalogue.Rules)
        {
            foreach (var violation in rule.Check(facts))
            {
                var finding = violation.Finding;
                // A waiver scoped to one resource covers only findings on that resource (validation keeps one waiver per rule and scope).
                var waiver = finding.Deployment is not null && waivers.TryGetValue(finding.Deployment, out var deploymentWaivers)
                    ? deploymentWaivers.FirstOrDefault(w => w.RuleId == rule.Policy.Id && w.Covers(finding.Deployment, finding.Resource))
                    : null;
                var waived = waiver is not null;
                var status = waived ? GuardrailStatus.Waived
                    : violation.Level == RuleLevel.Production && context.Platform.EffectiveProfile != EnvironmentProfile.Production ? GuardrailStatus.Advisory
                    : GuardrailStatus.Violation;
                outcomes.Add(new GuardrailOutcome(finding, rule.Policy.Title, status, waiver?.Reason));
            }
        }

        return [.. StableOrder.By(outcomes, static (a, b) =>
            string.CompareOrdinal(a.Finding.RuleId, b.Finding.RuleId) is var rule and not 0 ? rule
            : string.CompareOrdinal(a.Finding.Resource, b.Finding.Resource) is var resource and not 0 ? resource
            : string.CompareOrdinal(a.Finding.Message, b.Finding.Message))];
    }
}

/// <summary>A finding and what it means for this stack.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Title">The policy's title.</param>
/// <param name="Status">Whether it blocks.</param>
/// <param name="WaiverReason">The waiver's reason when waived.</param>
public sealed record GuardrailOutcome(Finding Finding, string Title, GuardrailStatus Status, string? WaiverReason);

/// <summary>What a finding means for this stack.</summary>
public enum GuardrailStatus
{
    /// <summary>Blocks synthesis.</summary>
    Violation,

    /// <summary>Reported, not blocking: a production-only policy in a non-production stack.</summary>
    Advisory,

    /// <summary>Waived by the deployment, with a reason.</summary>
    Waived,
}
