using MlDeploy.Costs;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Writers.Reports;

namespace MlDeploy.Writers;

/// <summary>
/// Writes the plan as plain text (redirected output, files, CI logs): the <see cref="PlanReport"/> with aligned columns.
/// </summary>
public static class PlanWriter
{
    /// <summary>Writes the plan.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <returns>The plan text.</returns>
    public static string Write(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount) =>
        Write(platform, synthesis, stack, ruleCount, null);

    /// <summary>Writes the plan with a cost line per deployment.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <param name="cost">The stack's cost estimate, or null for none.</param>
    /// <returns>The plan text.</returns>
    public static string Write(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount, StackCost? cost) =>
        PlainTextReport.Write(PlanReport.Build(platform, synthesis, stack, ruleCount, cost));
}
