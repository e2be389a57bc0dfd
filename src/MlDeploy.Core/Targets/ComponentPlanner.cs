using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>The base of every component planner: typed access to its component record, dispatched by the synthesizer on the record's type.</summary>
/// <typeparam name="TComponent">The component record.</typeparam>
public abstract class ComponentPlanner<TComponent> : IComponentPlanner
    where TComponent : class, IPlatformComponent
{
    /// <inheritdoc/>
    public Type ComponentType => typeof(TComponent);

    /// <inheritdoc/>
    public string Prefix(IPlatformComponent component) => Prefix(Cast(component));

    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(IPlatformComponent component, DeploymentPath path, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(platform);
        return Validate(Cast(component), path, platform);
    }

    /// <inheritdoc/>
    public void Plan(IPlatformComponent component, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Plan(Cast(component), context);
    }

    /// <summary>Gets the logical-name prefix of the component's scope.</summary>
    /// <param name="component">The component.</param>
    /// <returns>The prefix.</returns>
    public abstract string Prefix(TComponent component);

    /// <summary>Checks the component's own settings; the cloud-neutral rules have already run.</summary>
    /// <param name="component">The component.</param>
    /// <param name="path">Its diagnostic path.</param>
    /// <param name="platform">The whole platform.</param>
    /// <returns>Every problem.</returns>
    protected abstract IEnumerable<Diagnostic> Validate(TComponent component, DeploymentPath path, Platform platform);

    /// <summary>Adds the component's resources and outputs, once per program.</summary>
    /// <param name="component">A valid component.</param>
    /// <param name="context">The graph under construction.</param>
    protected abstract void Plan(TComponent component, PlanContext context);

    private static TComponent Cast(IPlatformComponent component) => component as TComponent
        ?? throw new ArgumentException($"{typeof(TComponent).Name} planner was given a {component?.GetType().Name ?? "null"} component.", nameof(component));
}
