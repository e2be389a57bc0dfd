using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>The base of every planner: typed access to its target record, dispatched by the synthesizer on the record's type.</summary>
/// <typeparam name="TTarget">The target record.</typeparam>
public abstract class TargetPlanner<TTarget> : ITargetPlanner
    where TTarget : DeploymentTarget
{
    /// <inheritdoc/>
    public Type TargetType => typeof(TTarget);

    /// <inheritdoc/>
    public TargetCapabilities CapabilitiesOf(DeploymentTarget target) => Capabilities(Cast(target));

    /// <inheritdoc/>
    public abstract IReadOnlyList<TargetCapabilities> DocumentedCapabilities { get; }

    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(ModelDeployment deployment, DeploymentPath path, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return Validate(deployment, Cast(deployment.Target), path, platform);
    }

    /// <inheritdoc/>
    public DeploymentTarget PortableTarget(ModelDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Target as TTarget ?? Portable(deployment);
    }

    /// <inheritdoc/>
    public void Plan(ModelDeployment deployment, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(context);
        Plan(deployment, Cast(deployment.Target), context);
    }

    /// <summary>Gets what the platform can honour with these target settings.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The capabilities.</returns>
    public abstract TargetCapabilities Capabilities(TTarget target);

    /// <summary>Checks the target's own knobs; the capability table's checks have already run.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="target">Its target.</param>
    /// <param name="path">Its diagnostic path.</param>
    /// <param name="platform">The whole platform.</param>
    /// <returns>Every problem.</returns>
    protected abstract IEnumerable<Diagnostic> Validate(ModelDeployment deployment, TTarget target, DeploymentPath path, Platform platform);

    /// <summary>
    /// Builds this target's record for a deployment declared for another target, from its cloud-neutral settings only
    /// (see <see cref="ITargetPlanner.PortableTarget"/>).
    /// </summary>
    /// <param name="deployment">The deployment, whose target is of another type.</param>
    /// <returns>The record, with analysis placeholders where the platform needs a place.</returns>
    protected abstract TTarget Portable(ModelDeployment deployment);

    /// <summary>Adds the deployment's resources.</summary>
    /// <param name="deployment">A valid deployment.</param>
    /// <param name="target">Its target.</param>
    /// <param name="context">The graph under construction.</param>
    protected abstract void Plan(ModelDeployment deployment, TTarget target, PlanContext context);

    private static TTarget Cast(DeploymentTarget target) => target as TTarget
        ?? throw new ArgumentException($"{typeof(TTarget).Name} planner was given a {target?.GetType().Name ?? "null"} target.", nameof(target));
}
