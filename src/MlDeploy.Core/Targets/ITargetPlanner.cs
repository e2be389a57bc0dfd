using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>Plans deployments onto one kind of target: validates what the platform can honour, then adds resources.</summary>
public interface ITargetPlanner
{
    /// <summary>Gets the guardrails that apply to the resources this planner emits.</summary>
    IEnumerable<Guardrail> Guardrails { get; }

    /// <summary>Tells whether this planner handles a target.</summary>
    /// <param name="target">The target.</param>
    /// <returns>True when it does.</returns>
    bool CanPlan(DeploymentTarget target);

    /// <summary>Checks what the target cannot honour.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="path">Its diagnostic path.</param>
    /// <param name="platform">The whole platform (for profile-dependent rules).</param>
    /// <returns>Every problem.</returns>
    IEnumerable<Diagnostic> Validate(ModelDeployment deployment, DeploymentPath path, Platform platform);

    /// <summary>Adds the deployment's resources to the graph.</summary>
    /// <param name="deployment">A valid deployment.</param>
    /// <param name="context">The graph under construction and the stack's identity.</param>
    void Plan(ModelDeployment deployment, PlanContext context);
}
