namespace MlDeploy.Guardrails;

/// <summary>Where a policy applies.</summary>
public enum RuleLevel
{
    /// <summary>Enforced in every environment.</summary>
    Default,

    /// <summary>Enforced in production; advisory elsewhere.</summary>
    Production,
}
