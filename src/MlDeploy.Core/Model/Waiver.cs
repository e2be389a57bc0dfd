namespace MlDeploy.Model;

/// <summary>Turns off one guardrail for one deployment, with a reason that appears in the plan.</summary>
/// <param name="RuleId">The rule id, e.g. <c>MLS-REL-01</c>.</param>
/// <param name="Reason">Why the rule does not apply.</param>
public sealed record Waiver(string RuleId, string Reason);
