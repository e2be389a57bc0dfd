namespace MlDeploy.Model;

/// <summary>Autoscaling: replicas between <see cref="Min"/> and <see cref="Max"/>, scaled on a target per replica.</summary>
public sealed record Scaling
{
    /// <summary>Gets the minimum replicas (0 only where the platform scales to zero).</summary>
    public int Min { get; init; } = 2;

    /// <summary>Gets the maximum replicas.</summary>
    public int Max { get; init; } = 4;

    /// <summary>Gets the metric scaled on.</summary>
    public ScalingMetric Metric { get; init; } = ScalingMetric.RequestsPerSecond;

    /// <summary>Gets the target value per replica (requests/s, concurrent requests, or utilization percent).</summary>
    public decimal Target { get; init; } = 10;

    /// <summary>Gets the wait after a scale-in before the next (long enough not to thrash while models load).</summary>
    public TimeSpan ScaleInCooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the wait after a scale-out before the next.</summary>
    public TimeSpan ScaleOutCooldown { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>What autoscaling tracks per replica.</summary>
public enum ScalingMetric
{
    /// <summary>Requests per second per replica.</summary>
    RequestsPerSecond,

    /// <summary>Concurrent in-flight requests per replica.</summary>
    Concurrency,

    /// <summary>Average CPU utilization percent.</summary>
    CpuUtilization,

    /// <summary>Average GPU utilization percent.</summary>
    GpuUtilization,
}
