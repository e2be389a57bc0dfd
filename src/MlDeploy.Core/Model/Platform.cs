using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>Everything one stack deploys.</summary>
public sealed record Platform
{
    /// <summary>Gets the deployments.</summary>
    public ImmutableArray<ModelDeployment> Deployments { get; init; } = [];

    /// <summary>Gets the environment profile; production turns on the production-only guardrails.</summary>
    public EnvironmentProfile Profile { get; init; } = EnvironmentProfile.Development;
}

/// <summary>Environment profiles.</summary>
public enum EnvironmentProfile
{
    /// <summary>Development and staging: production-only guardrails are advisory.</summary>
    Development,

    /// <summary>Production: every guardrail is enforced.</summary>
    Production,
}
