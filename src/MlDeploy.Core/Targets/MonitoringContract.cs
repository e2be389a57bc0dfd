namespace MlDeploy.Targets;

/// <summary>
/// Checks that a planner kept the monitoring contract for a deployment: every <see cref="MonitoringSignal"/> reported
/// once (alarmed or unmeasured with a reason) and exactly one dashboard. A miss is a planner defect, not an input error.
/// </summary>
public static class MonitoringContract
{
    /// <summary>Throws when the deployment's plan leaves a signal unreported, reports one twice, or has not one dashboard.</summary>
    /// <param name="deployment">The deployment's name.</param>
    /// <param name="target">The target's display name, for the message.</param>
    /// <param name="context">The plan.</param>
    /// <exception cref="InvalidOperationException">The contract is not kept.</exception>
    public static void Check(string deployment, string target, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reported = context.MonitoringOf(deployment).Select(c => c.Signal).ToList();
        var missing = MonitoringSignals.All.Except(reported).ToList();
        var twice = reported.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || twice.Count > 0)
        {
            throw new InvalidOperationException(
                $"the {target} planner did not keep the monitoring contract for '{deployment}': "
                + (missing.Count > 0 ? $"unreported {string.Join(", ", missing)}" : string.Empty)
                + (missing.Count > 0 && twice.Count > 0 ? "; " : string.Empty)
                + (twice.Count > 0 ? $"reported twice {string.Join(", ", twice)}" : string.Empty)
                + " (use DeploymentScope.Alarmed or Unmeasured).");
        }

        var dashboards = context.DashboardCount(deployment);
        if (dashboards != 1)
        {
            throw new InvalidOperationException($"the {target} planner emitted {dashboards} dashboards for '{deployment}'; the monitoring contract asks for exactly one (DeploymentScope.Dashboard).");
        }
    }
}
