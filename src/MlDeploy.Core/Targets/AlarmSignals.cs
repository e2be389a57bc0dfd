using System.Globalization;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>The unit a platform reports a latency metric in.</summary>
public enum LatencyUnit
{
    /// <summary>Microseconds (SageMaker <c>ModelLatency</c>).</summary>
    Microseconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Seconds (ALB <c>TargetResponseTime</c>, Prometheus histograms).</summary>
    Seconds,
}

/// <summary>
/// The cloud-neutral alarm signals of a deployment (p99 latency, error rate, saturation), converted once into each
/// platform's units, so every target's alarms and plan notes read the same thresholds.
/// </summary>
/// <param name="Monitoring">The deployment's monitoring settings.</param>
public sealed record AlarmSignals(Monitoring Monitoring)
{
    /// <summary>Gets the error rate, in percent of requests, above which the error alarm fires.</summary>
    public decimal ErrorRatePercent => Monitoring.ErrorRatePercent;

    /// <summary>Gets the p99 latency threshold in a platform's unit.</summary>
    /// <param name="unit">The unit the platform reports latency in.</param>
    /// <returns>The threshold.</returns>
    public decimal LatencyP99(LatencyUnit unit) => unit switch
    {
        LatencyUnit.Microseconds => Monitoring.LatencyP99Ms * 1000m,
        LatencyUnit.Milliseconds => Monitoring.LatencyP99Ms,
        _ => Monitoring.LatencyP99Ms / 1000m,
    };

    /// <summary>Gets the saturation threshold of a metric that adds up per core or per GPU (100 % each).</summary>
    /// <param name="units">How many cores or GPUs the metric adds up over (1 for an averaged metric).</param>
    /// <returns>The threshold.</returns>
    public int Saturation(int units = 1) => checked(Monitoring.SaturationPercent * units);

    /// <summary>Describes the alarms for the plan.</summary>
    /// <param name="latencyMetric">The latency metric's name.</param>
    /// <param name="saturation">What saturation is measured on (e.g. "CPU/memory"), or null for none.</param>
    /// <returns>The text.</returns>
    /// <remarks>
    /// Formatted in stack buffers, one after the other: two pooled buffers in use at once (a nested interpolation) made
    /// the shared array pool take its per-core path, whose first use times the processor-number lookup at start-up
    /// (<c>ProcessorIdCache</c>, about 3 % of a compile run; docs/BENCHMARKS.md, stop 16).
    /// </remarks>
    public string Describe(string latencyMetric, string? saturation)
    {
        var saturated = saturation is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $", {saturation} > {Monitoring.SaturationPercent} %");
        return string.Create(
            CultureInfo.InvariantCulture,
            stackalloc char[256],
            $"{latencyMetric} p99 > {Monitoring.LatencyP99Ms} ms, 5xx rate > {Monitoring.ErrorRatePercent} %{saturated}");
    }
}
