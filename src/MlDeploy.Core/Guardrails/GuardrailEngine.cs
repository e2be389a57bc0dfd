using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Guardrails;

/// <summary>Runs rules and decides, per finding, whether it blocks, is advisory, or is waived.</summary>
/// <param name="rules">The rules.</param>
public sealed class GuardrailEngine(IEnumerable<Guardrail> rules)
{
    // OrderBy is stable: rules sharing an id (one policy, several resource kinds) keep the order they were given.
    private readonly ImmutableArray<Guardrail> _rules = [.. (rules ?? throw new ArgumentNullException(nameof(rules))).OrderBy(r => r.Id, StringComparer.Ordinal)];

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
