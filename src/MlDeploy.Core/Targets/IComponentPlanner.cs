using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>
/// Plans one kind of shared component (<see cref="IPlatformComponent"/>) declared in <see cref="Platform.Components"/>.
/// Implement it by deriving from <see cref="ComponentPlanner{TComponent}"/>; the synthesizer dispatches on
/// <see cref="ComponentType"/>, like target planners on the target record.
/// </summary>
public interface IComponentPlanner
{
    /// <summary>Gets the component record type this planner handles (a base type covers its derived records).</summary>
    Type ComponentType { get; }

    /// <summary>Gets the logical-name prefix of the component's scope: its resources and outputs are <c>&lt;prefix&gt;-&lt;part&gt;</c>.</summary>
    /// <param name="component">The component, of <see cref="ComponentType"/>.</param>
    /// <returns>The prefix, e.g. <c>image-scorer</c>.</returns>
    string Prefix(IPlatformComponent component);

    /// <summary>Checks the component's settings the cloud-neutral rules do not cover, and that deployments using it agree with it.</summary>
    /// <param name="component">The component.</param>
    /// <param name="path">Its diagnostic path, <c>components[&lt;name&gt;]</c>.</param>
    /// <param name="platform">The whole platform.</param>
    /// <returns>Every problem.</returns>
    IEnumerable<Diagnostic> Validate(IPlatformComponent component, DeploymentPath path, Platform platform);

    /// <summary>
    /// Adds the component's resources and outputs once per program: through <see cref="PlanContext.Shared{T}"/>, under
    /// the key a deployment using it registers, so it is planned once whoever needs it first.
    /// </summary>
    /// <param name="component">A valid component.</param>
    /// <param name="context">The graph under construction.</param>
    void Plan(IPlatformComponent component, PlanContext context);
}
