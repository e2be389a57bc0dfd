namespace MlDeploy.Model;

/// <summary>Alarms, log retention, notification and request/response capture.</summary>
public sealed record Monitoring
{
    /// <summary>Gets the p99 model latency, in milliseconds, above which the latency alarm fires.</summary>
    public int LatencyP99Ms { get; init; } = 1000;

    /// <summary>Gets the 5xx error rate, in percent of requests, above which the error alarm fires.</summary>
    public decimal ErrorRatePercent { get; init; } = 1;

    /// <summary>Gets the CPU/GPU utilization percent above which the saturation alarm fires.</summary>
    public int SaturationPercent { get; init; } = 85;

    /// <summary>Gets how many days logs are kept.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Gets the percentage of requests and responses captured for drift analysis (0 = off).</summary>
    public int DataCapturePercent { get; init; }

    /// <summary>Gets the e-mail address alarms notify, if any (the deployment's own topic; use <see cref="Channel"/> for one shared by several deployments).</summary>
    public string? NotificationEmail { get; init; }

    /// <summary>Gets an existing notification topic (ARN or id) alarms notify instead of one the SDK creates.</summary>
    public string? NotificationTopic { get; init; }

    /// <summary>
    /// Gets the stack-level alert channel the alarms notify instead of a topic of the deployment's own; null keeps the
    /// deployment's own topic. Set either this or <see cref="NotificationEmail"/>/<see cref="NotificationTopic"/>, not both.
    /// </summary>
    public AlertChannel? Channel { get; init; }
}
