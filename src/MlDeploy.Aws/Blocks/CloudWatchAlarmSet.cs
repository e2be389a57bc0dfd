using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>Where a target's latency is measured: a CloudWatch metric read at p99.</summary>
/// <param name="Label">What the metric is, in the alarm description (e.g. "model latency").</param>
/// <param name="Namespace">The metric namespace.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Dimensions">The metric dimensions.</param>
/// <param name="Unit">The unit the metric is reported in.</param>
/// <param name="Part">The alarm's part name (a second latency alarm needs its own, e.g. <c>alarm-latency-green</c>).</param>
internal sealed record LatencySource(string Label, string Namespace, string Metric, Value Dimensions, LatencyUnit Unit, string Part = "alarm-latency");

/// <summary>How a target's 5xx rate is computed: per-minute sums combined by a metric-math expression into a percentage.</summary>
/// <param name="Scope">Words after the deployment's name in the description (e.g. " (targets and load balancer)"), or empty.</param>
/// <param name="Queries">The metric queries (each <see cref="AlarmProperties.SumQuery"/>).</param>
/// <param name="Expression">The expression giving the percentage.</param>
internal sealed record ErrorRateSource(string Scope, ImmutableArray<MapValue> Queries, string Expression);

/// <summary>One saturation metric: a utilization that may add up over cores or GPUs.</summary>
/// <param name="Part">The alarm's part name, e.g. <c>alarm-cpu</c>.</param>
/// <param name="What">What saturates, e.g. "CPU".</param>
/// <param name="Namespace">The metric namespace.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Dimensions">The metric dimensions.</param>
/// <param name="Units">How many cores or GPUs the metric adds up over (1 when averaged).</param>
/// <param name="Detail">What the threshold is relative to, in the description.</param>
internal sealed record SaturationSource(string Part, string What, string Namespace, string Metric, Value Dimensions, int Units, string Detail);

/// <summary>
/// The CloudWatch alarms every AWS target gets from the cloud-neutral signals: p99 latency, 5xx rate and saturation,
/// in the platform's units, notifying the deployment's topic. Targets say only where each signal is measured.
/// </summary>
internal static class CloudWatchAlarmSet
{
    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    public static IReadOnlyList<Resource> Create(AwsScope scope, Value topicArn, LatencySource latency, ErrorRateSource errors, params SaturationSource[] saturation) =>
        Create(scope, topicArn, [latency], errors, saturation);

    /// <summary>
    /// Creates the alarms with one p99 latency alarm per source (a percentile cannot be combined over several metrics by
    /// metric math, so two target groups need two alarms); returns those that should roll a deployment back.
    /// </summary>
    public static IReadOnlyList<Resource> Create(AwsScope scope, Value topicArn, IReadOnlyList<LatencySource> latencies, ErrorRateSource errors, params SaturationSource[] saturation)
    {
        var signals = new AlarmSignals(scope.Deployment.Monitoring);
        var m = scope.Deployment.Monitoring;
        var actions = Value.List(topicArn);

        var latencyAlarms = latencies.Select(latency => scope.Add(latency.Part, AwsTypes.MetricAlarm, AlarmProperties.Of(
            $"p99 {latency.Label} of {scope.Name} is above {m.LatencyP99Ms} ms",
            ("namespace", latency.Namespace),
            ("metricName", latency.Metric),
            ("dimensions", latency.Dimensions),
            ("extendedStatistic", "p99"),
            ("period", 60),
            ("threshold", signals.LatencyP99(latency.Unit)),
            ("actions", actions),
            ("tags", scope.Tags)))).ToList();

        var errorAlarm = scope.Add("alarm-errors", AwsTypes.MetricAlarm, AlarmProperties.Of(
            string.Create(CultureInfo.InvariantCulture, $"5xx error rate of {scope.Name}{errors.Scope} is above {m.ErrorRatePercent} %"),
            ("metricQueries", Value.List([.. errors.Queries, Value.Map(
                ("id", "errorRate"),
                ("expression", errors.Expression),
                ("label", "5xx error rate (%)"),
                ("returnData", true))])),
            ("threshold", signals.ErrorRatePercent),
            ("actions", actions),
            ("tags", scope.Tags)));

        scope.Alarmed(MonitoringSignal.LatencyP99, latencyAlarms, topicArn, string.Create(CultureInfo.InvariantCulture, $"p99 {string.Join(", ", latencies.Select(l => l.Metric).Distinct(StringComparer.Ordinal))} > {m.LatencyP99Ms} ms"));
        scope.Alarmed(MonitoringSignal.ErrorRate, [errorAlarm], topicArn, string.Create(CultureInfo.InvariantCulture, $"5xx share of requests{errors.Scope} > {m.ErrorRatePercent} %"));
        var saturationAlarms = new List<Resource>();
        foreach (var s in saturation)
        {
            saturationAlarms.Add(scope.Add(s.Part, AwsTypes.MetricAlarm, AlarmProperties.Of(
                $"{s.What} of {scope.Name} is above {m.SaturationPercent} % {s.Detail}",
                ("namespace", s.Namespace),
                ("metricName", s.Metric),
                ("dimensions", s.Dimensions),
                ("statistic", "Average"),
                ("period", 60),
                ("threshold", signals.Saturation(s.Units)),
                ("actions", actions),
                ("tags", scope.Tags))));
        }

        // A target without utilization metrics (SageMaker Serverless) reports why itself.
        if (saturationAlarms.Count > 0)
        {
            scope.Alarmed(MonitoringSignal.Saturation, saturationAlarms, topicArn, $"{string.Join(", ", saturation.Select(s => s.Metric))} > {m.SaturationPercent} % ({string.Join(", ", saturation.Select(s => s.What))})");
        }

        return [.. latencyAlarms, errorAlarm];
    }

    /// <summary>
    /// An alarm on a metric-math count falling below a floor (healthy replicas), or rising above zero (unhealthy ones):
    /// <paramref name="below"/> compares with <c>LessThanThreshold</c>. A missing count breaches a floor (nothing
    /// reports healthy) and not a ceiling (nothing reports unhealthy).
    /// </summary>
    public static Resource Count(AwsScope scope, string part, Value topicArn, string description, ImmutableArray<MapValue> queries, string expression, string label, decimal threshold, bool below) =>
        scope.Add(part, AwsTypes.MetricAlarm, AlarmProperties.Of(
            description,
            ("comparisonOperator", below ? "LessThanThreshold" : "GreaterThanThreshold"),
            ("treatMissingData", below ? "breaching" : "notBreaching"),
            ("metricQueries", Value.List([.. queries, Value.Map(
                ("id", "count"),
                ("expression", expression),
                ("label", label),
                ("returnData", true))])),
            ("threshold", threshold),
            ("actions", Value.List(topicArn)),
            ("tags", scope.Tags)));
}
