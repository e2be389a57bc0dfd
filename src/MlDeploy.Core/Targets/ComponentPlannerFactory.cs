using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>Builds component planners from the block functions a cloud already has, so a pack registers each in one line.</summary>
public static class ComponentPlanner
{
    /// <summary>A planner that names, validates and plans a component through the given functions.</summary>
    /// <typeparam name="TComponent">The component type.</typeparam>
    /// <param name="prefix">The component's logical-name prefix.</param>
    /// <param name="plan">Plans it (through <see cref="PlanContext.Shared{T}"/>, so deployments using it share the result).</param>
    /// <param name="validate">The cloud's own checks, or null when the cloud-neutral rules cover everything.</param>
    /// <returns>The planner.</returns>
    public static ComponentPlanner<TComponent> Of<TComponent>(
        Func<TComponent, string> prefix,
        Action<PlanContext, TComponent> plan,
        Func<TComponent, DeploymentPath, Platform, IEnumerable<Diagnostic>>? validate = null)
        where TComponent : class, IPlatformComponent =>
        new Delegated<TComponent>(prefix ?? throw new ArgumentNullException(nameof(prefix)), plan ?? throw new ArgumentNullException(nameof(plan)), validate);

    private sealed class Delegated<TComponent>(
        Func<TComponent, string> prefix,
        Action<PlanContext, TComponent> plan,
        Func<TComponent, DeploymentPath, Platform, IEnumerable<Diagnostic>>? validate) : ComponentPlanner<TComponent>
        where TComponent : class, IPlatformComponent
    {
        public override string Prefix(TComponent component) => prefix(component);

        protected override IEnumerable<Diagnostic> Validate(TComponent component, DeploymentPath path, Platform platform) =>
            validate?.Invoke(component, path, platform) ?? [];

        protected override void Plan(TComponent component, PlanContext context) => plan(context, component);
    }
}
