using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Guardrails;

/// <summary>Runs rules and decides, per finding, whether it blocks, is advisory, or is waived.</summary>
/// <param name="rules">The rules.</param>
public sealed class GuardrailEngine(IEnumerable<Guardrail> rules)
{
    private readonly ImmutableArray<Guardrail> _rules = SortById(rules);

    /// <summary>Gets the rules.</summary>
    public ImmutableArray<Guardrail> Rules => _rules;

    /// <summary>Checks the graph.</summary>
    /// <param name="context">The graph and model.</param>
    /// <returns>Every finding with its outcome, ordered by rule and resource.</returns>
    public ImmutableArray<GuardrailOutcome> Check(GuardrailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var waivers = context.Platform.Deployments.ToDictionary(
            d => d.Name,
            d => d.Waivers.ToDictionary(w => w.RuleId, w => w.Reason, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var outcomes = new List<GuardrailOutcome>();
        foreach (var rule in _rules)
        {
            foreach (var finding in rule.Check(context))
            {
                string? reason = null;
                var waived = finding.Deployment is not null
                    && waivers.TryGetValue(finding.Deployment, out var byRule)
                    && byRule.TryGetValue(rule.Id, out reason);
                var status = waived ? GuardrailStatus.Waived
                    : rule.Level == RuleLevel.Production && context.Platform.Profile != EnvironmentProfile.Production ? GuardrailStatus.Advisory
                    : GuardrailStatus.Violation;
                outcomes.Add(new GuardrailOutcome(finding, rule.Title, status, reason));
            }
        }

        return [.. outcomes
            .OrderBy(o => o.Finding.RuleId, StringComparer.Ordinal)
            .ThenBy(o => o.Finding.Resource, StringComparer.Ordinal)
            .ThenBy(o => o.Finding.Message, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Orders rules by id, keeping rules that share an id in the order given (as a stable OrderBy would). An
    /// insertion sort: there are a few dozen rules, and it needs no generic sorting code compiled at start-up,
    /// which every run of the compiler would pay for.
    /// </summary>
    private static ImmutableArray<Guardrail> SortById(IEnumerable<Guardrail> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sorted = rules.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var rule = sorted[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(sorted[j].Id, rule.Id) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = rule;
        }

        return [.. sorted];
    }
}

/// <summary>A finding and what it means for this stack.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Status">Whether it blocks.</param>
/// <param name="WaiverReason">The waiver's reason when waived.</param>
public sealed record GuardrailOutcome(Finding Finding, string Title, GuardrailStatus Status, string? WaiverReason);

/// <summary>What a finding means for this stack.</summary>
public enum GuardrailStatus
{
    /// <summary>Blocks synthesis.</summary>
    Violation,

    /// <summary>A production-only rule in a non-production stack: reported, not blocking.</summary>
    Advisory,

    /// <summary>Waived by the deployment, with a reason.</summary>
    Waived,
}
