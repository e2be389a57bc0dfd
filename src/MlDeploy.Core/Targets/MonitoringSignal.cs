namespace MlDeploy.Targets;

/// <summary>
/// The cloud-neutral monitoring contract: the signals every deployment is watched on, whatever its target. Each
/// planner reports, per signal, the alarm that covers it or why the platform cannot measure it
/// (<see cref="DeploymentScope.Alarmed"/>, <see cref="DeploymentScope.Unmeasured"/>); synthesis refuses a plan that
/// leaves one out, so a new target cannot skip a signal silently.
/// </summary>
public enum MonitoringSignal
{
    /// <summary>The 99th percentile request latency.</summary>
    LatencyP99,

    /// <summary>The share of 5xx responses.</summary>
    ErrorRate,

    /// <summary>CPU, GPU, memory or concurrency near its limit.</summary>
    Saturation,

    /// <summary>Fewer healthy replicas than the scaling floor.</summary>
    HealthyReplicas,

    /// <summary>Replicas that fail to start or to load the model.</summary>
    StartupFailures,
}

/// <summary>Names of the monitoring signals, as the plan shows them.</summary>
public static class MonitoringSignals
{
    /// <summary>Gets every signal of the contract, in order.</summary>
    public static IReadOnlyList<MonitoringSignal> All { get; } = Enum.GetValues<MonitoringSignal>();

    /// <summary>The plan note concept of a signal, e.g. <c>monitoring: latency p99</c>.</summary>
    /// <param name="signal">The signal.</param>
    /// <returns>The concept.</returns>
    public static string Concept(this MonitoringSignal signal) => "monitoring: " + signal switch
    {
        MonitoringSignal.LatencyP99 => "latency p99",
        MonitoringSignal.ErrorRate => "error rate",
        MonitoringSignal.Saturation => "saturation",
        MonitoringSignal.HealthyReplicas => "healthy replicas",
        MonitoringSignal.StartupFailures => "start-up failures",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
