using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>
/// Plans deployments onto one kind of target. Implement it by deriving from <see cref="TargetPlanner{TTarget}"/>;
/// the synthesizer dispatches on <see cref="TargetType"/>.
/// </summary>
public interface ITargetPlanner
{
    /// <summary>Gets the target record type this planner handles.</summary>
    Type TargetType { get; }

    /// <summary>Gets what the platform can honour for a target's settings (the data the shared validator checks).</summary>
    /// <param name="target">The target, of <see cref="TargetType"/>.</param>
    /// <returns>The capabilities.</returns>
    TargetCapabilities CapabilitiesOf(DeploymentTarget target);

    /// <summary>Gets the capabilities of representative settings of the target (for hints and generated docs).</summary>
    IReadOnlyList<TargetCapabilities> DocumentedCapabilities { get; }

    /// <summary>Checks the target's own knobs (what the capability table cannot say).</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="path">Its diagnostic path.</param>
    /// <param name="platform">The whole platform (for profile-dependent rules).</param>
    /// <returns>Every problem.</returns>
    IEnumerable<Diagnostic> Validate(ModelDeployment deployment, DeploymentPath path, Platform platform);

    /// <summary>
    /// Gets the target record this planner would use for a deployment declared for any target, built from the
    /// deployment's cloud-neutral settings only (the <c>portability</c> view plans the same deployment on every
    /// target): the deployment's own target when it already is one of <see cref="TargetType"/>, otherwise the record's
    /// defaults with analysis placeholders where the platform needs a place (a project, a VPC, an existing cluster).
    /// Such a record is validated and planned into a scratch graph, never written as a program.
    /// </summary>
    /// <param name="deployment">The deployment, declared for any target.</param>
    /// <returns>A target of <see cref="TargetType"/>.</returns>
    DeploymentTarget PortableTarget(ModelDeployment deployment);

    /// <summary>Adds the deployment's resources to the graph.</summary>
    /// <param name="deployment">A valid deployment.</param>
    /// <param name="context">The graph under construction and the stack's identity.</param>
    void Plan(ModelDeployment deployment, PlanContext context);
}
