namespace MlDeploy.Guardrails;

/// <summary>One place where a policy does not hold.</summary>
/// <param name="RuleId">The policy id.</param>
/// <param name="Deployment">The deployment owning the resource, if any.</param>
/// <param name="Resource">The resource's logical name.</param>
/// <param name="Message">What does not hold.</param>
public sealed record Finding(string RuleId, string? Deployment, string Resource, string Message);
