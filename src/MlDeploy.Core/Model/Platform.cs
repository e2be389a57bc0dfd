using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>Everything one stack deploys.</summary>
public sealed record Platform
{
    private readonly ImmutableArray<PlatformOutput> _outputs = [];

    /// <summary>Gets the deployments.</summary>
    public ImmutableArray<ModelDeployment> Deployments { get; init; } = [];

    /// <summary>
    /// Gets the stack outputs the stack program exports beside the SDK's, written under <c>outputs:</c> in name order.
    /// </summary>
    public ImmutableArray<PlatformOutput> Outputs
    {
        get => _outputs;

        // `default` reads as "none", so enumerating the outputs never throws.
        init => _outputs = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Gets the environment profile; production turns on the production-only guardrails. Leave it null in stack
    /// programs: the host sets it from the stack's <c>profile</c> config key.
    /// </summary>
    public EnvironmentProfile? Profile { get; init; }

    /// <summary>Gets the profile in force: <see cref="Profile"/>, or development when none is set.</summary>
    public EnvironmentProfile EffectiveProfile => Profile ?? EnvironmentProfile.Development;
}

/// <summary>Environment profiles.</summary>
public enum EnvironmentProfile
{
    /// <summary>Development and staging: production-only guardrails are advisory.</summary>
    Development,

    /// <summary>Production: every guardrail is enforced.</summary>
    Production,
}
