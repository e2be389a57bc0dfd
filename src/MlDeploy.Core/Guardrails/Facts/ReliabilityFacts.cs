using MlDeploy.Graph;

namespace MlDeploy.Guardrails.Facts;

/// <summary>How many serving instances a workload starts with.</summary>
/// <param name="Subject">The workload, e.g. <c>variant primary</c>.</param>
/// <param name="MinimumInstances">The minimum, or null when unset.</param>
public sealed record ServingCapacity(string Subject, decimal? MinimumInstances) : Fact(Subject);

/// <summary>Whether replicas are spread across zones.</summary>
/// <param name="Subject">The workload.</param>
/// <param name="AcrossZones">Whether a spread constraint on the zone label exists.</param>
public sealed record ZoneSpread(string Subject, bool AcrossZones) : Fact(Subject);

/// <summary>Who owns a workload's replica count and how voluntary disruptions are bounded.</summary>
/// <param name="Subject">The workload.</param>
/// <param name="ScaledBy">The autoscaler that owns the count, or null.</param>
/// <param name="ReplicasInSpec">Whether the workload also sets a replica count itself.</param>
/// <param name="MinReplicas">The minimum replicas (the autoscaler's, else the spec's).</param>
/// <param name="Budget">The disruption budget selecting its pods, or null.</param>
public sealed record ReplicaManagement(string Subject, string? ScaledBy, bool ReplicasInSpec, decimal MinReplicas, Resource? Budget) : Fact(Subject)
{
    /// <summary>Gets whether the budget sets maxUnavailable or minAvailable.</summary>
    public bool BudgetHasPolicy { get; init; }

    /// <summary>Gets whether the budget allows any voluntary eviction.</summary>
    public bool BudgetAllowsEviction { get; init; }

    /// <summary>Gets the budget's minAvailable as a number, when it is one.</summary>
    public decimal? BudgetMinAvailable { get; init; }
}

/// <summary>An autoscaler's range.</summary>
/// <param name="Subject">The autoscaler.</param>
/// <param name="CanScale">Whether its maximum is above its minimum.</param>
public sealed record AutoscalerRange(string Subject, bool CanScale) : Fact(Subject);

/// <summary>How a serving instance's health and start-up are checked. Null means the kind has no such check.</summary>
/// <param name="Subject">The container, variant, service or target group.</param>
public sealed record HealthChecks(string Subject) : Fact(Subject)
{
    /// <summary>Gets whether an explicit start-up allowance covers loading the model (startup probe, start period, grace period, timeouts).</summary>
    public bool? StartupAllowance { get; init; }

    /// <summary>Gets the start-up allowance in seconds, when it can be computed.</summary>
    public decimal? StartupAllowanceSeconds { get; init; }

    /// <summary>Gets whether readiness is checked.</summary>
    public bool? Readiness { get; init; }

    /// <summary>Gets whether liveness is checked.</summary>
    public bool? Liveness { get; init; }

    /// <summary>Gets whether readiness and liveness are checked differently.</summary>
    public bool? ReadinessDistinctFromLiveness { get; init; }

    /// <summary>Gets whether the check asks the server (an HTTP path), not just whether the port is open.</summary>
    public bool? ChecksServer { get; init; }

    /// <summary>Gets what the start-up allowance is called on this kind, for messages.</summary>
    public string StartupName { get; init; } = "start-up allowance";
}

/// <summary>How updates roll out. Null means the kind has no such setting.</summary>
/// <param name="Subject">The workload.</param>
public sealed record RolloutGuard(string Subject) : Fact(Subject)
{
    /// <summary>Gets whether updates shift traffic gradually (canary, linear, rolling).</summary>
    public bool? Gradual { get; init; }

    /// <summary>Gets whether alarms roll a bad update back.</summary>
    public bool? AlarmRollback { get; init; }

    /// <summary>Gets whether a failed deployment rolls back by itself.</summary>
    public bool? FailedDeploymentRollsBack { get; init; }

    /// <summary>Gets whether <c>pulumi up</c> waits until the update is healthy.</summary>
    public bool? WaitsForSteadyState { get; init; }

    /// <summary>Gets whether updates never take serving replicas away.</summary>
    public bool? KeepsCapacity { get; init; }

    /// <summary>Gets how long an update may take before it counts as failed, in seconds.</summary>
    public decimal? ProgressDeadlineSeconds { get; init; }

    /// <summary>Gets whether the platform shifts traffic between fleets (SageMaker blue/green), where SECURITY.md requires the guard in production only.</summary>
    public bool FleetTrafficShift { get; init; }
}

/// <summary>Whether operators get a shell on serving instances, and how the platform version is chosen.</summary>
/// <param name="Subject">The workload.</param>
/// <param name="InteractiveShell">What opens an interactive shell, or null when nothing does.</param>
/// <param name="PinnedPlatformVersion">A platform version pinned below LATEST, or null.</param>
public sealed record OperatorAccess(string Subject, string? InteractiveShell, string? PinnedPlatformVersion) : Fact(Subject);

/// <summary>How long the serving path holds a request, against the platform's limit and the model's latency threshold.</summary>
/// <param name="Subject">The hop, e.g. <c>the load balancer</c>.</param>
/// <param name="TimeoutSeconds">The configured (or the platform's default) request or idle timeout.</param>
/// <param name="PlatformLimitSeconds">The longest timeout the platform allows.</param>
/// <param name="LatencyP99Ms">The deployment's p99 latency threshold (Monitoring.LatencyP99Ms), or null when unknown.</param>
public sealed record RequestTimeout(string Subject, decimal TimeoutSeconds, decimal PlatformLimitSeconds, decimal? LatencyP99Ms) : Fact(Subject);
