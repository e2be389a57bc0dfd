using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>Everything one stack deploys: model deployments, shared components, and custom outputs.</summary>
public sealed record Platform
{
    private readonly ImmutableArray<ModelDeployment> _deployments = [];
    private readonly ImmutableArray<PlatformOutput> _outputs = [];
    private readonly ImmutableArray<IPlatformComponent> _components = [];

    /// <summary>Gets the deployments (none is valid when <see cref="Components"/> declares something: a platform stack).</summary>
    public ImmutableArray<ModelDeployment> Deployments
    {
        get => _deployments;

        // `default` reads as "none", so a platform stack may leave it unset and enumerating never throws.
        init => _deployments = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Gets the shared components the stack owns and exports whether or not a deployment uses them (a platform stack
    /// may declare components and no deployment at all): e.g. <c>ImageSource.Shared(...)</c> as a <see cref="SharedImage"/>,
    /// or a cluster a cloud pack creates. A deployment using one of them shares its resources; it must pass the same settings.
    /// </summary>
    public ImmutableArray<IPlatformComponent> Components
    {
        get => _components;

        // `default` reads as "none", like Outputs.
        init => _components = value.IsDefault ? [] : value;
    }

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
