using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// One Cloud Monitoring threshold condition on a metric of the watched resource (TARGETS.md 12.3): the metric's
/// series are aligned per minute with <paramref name="Aligner"/>, reduced across series with <paramref name="Reducer"/>,
/// and fire when above the threshold for five minutes. With <paramref name="DenominatorFilter"/> the condition is a
/// ratio of the two filters (the error rate; an empty one is the metric without a label filter).
/// </summary>
/// <param name="Signal">The monitoring-contract signal it covers.</param>
/// <param name="Part">The alert policy's part name, e.g. <c>alert-latency</c>.</param>
/// <param name="Description">What fires it.</param>
/// <param name="Metric">The metric type, e.g. <c>run.googleapis.com/request_latencies</c>.</param>
/// <param name="Aligner">The per-series aligner, e.g. <c>ALIGN_PERCENTILE_99</c>.</param>
/// <param name="Reducer">The cross-series reducer, e.g. <c>REDUCE_MAX</c>.</param>
/// <param name="Threshold">The threshold (greater than fires).</param>
/// <param name="MetricFilter">A further filter on the metric's labels, or null.</param>
/// <param name="DenominatorFilter">The denominator's filter of a ratio condition, or null.</param>
/// <param name="Below">Whether it fires below the threshold (a replica floor) instead of above.</param>
internal sealed record MetricCondition(MonitoringSignal Signal, string Part, string Description, string Metric, string Aligner, string Reducer, decimal Threshold, string? MetricFilter = null, string? DenominatorFilter = null, bool Below = false)
{
    /// <summary>The p99 of a latency distribution in milliseconds above the deployment's threshold.</summary>
    /// <param name="signals">The deployment's alarm thresholds.</param>
    /// <param name="metric">The latency metric.</param>
    /// <returns>The condition.</returns>
    public static MetricCondition LatencyP99(AlarmSignals signals, string metric) =>
        new(MonitoringSignal.LatencyP99, "alert-latency", string.Create(CultureInfo.InvariantCulture, $"p99 latency above {signals.Monitoring.LatencyP99Ms} ms"), metric, "ALIGN_PERCENTILE_99", "REDUCE_MAX", signals.LatencyP99(LatencyUnit.Milliseconds));

    /// <summary>The share of 5xx responses above the deployment's error rate: the 5xx series over all of the metric's.</summary>
    /// <param name="signals">The deployment's alarm thresholds.</param>
    /// <param name="metric">The request or response count metric.</param>
    /// <param name="serverErrors">The label filter that selects 5xx responses.</param>
    /// <returns>The condition.</returns>
    public static MetricCondition ServerErrorRate(AlarmSignals signals, string metric, string serverErrors) =>
        new(MonitoringSignal.ErrorRate, "alert-errors", string.Create(CultureInfo.InvariantCulture, $"5xx responses above {signals.ErrorRatePercent} %"), metric, "ALIGN_RATE", "REDUCE_SUM", signals.ErrorRatePercent / 100m, serverErrors, string.Empty);
}

/// <summary>The deployment's notification channel and its Cloud Monitoring alert policies.</summary>
internal static class CloudMonitoringBlock
{
    /// <summary>The notification channel the alerts notify: an existing one (<c>Monitoring.NotificationTopic</c>), or the deployment's own e-mail channel.</summary>
    public static Value? Channel(GcpScope scope)
    {
        var m = scope.Deployment.Monitoring;
        if (m.NotificationTopic is { } existing)
        {
            return existing;
        }

        if (m.NotificationEmail is not { } email)
        {
            return null;
        }

        var channel = scope.Add("alerts", GcpTypes.NotificationChannel, Value.Map(
            ("project", scope.Project),
            ("type", "email"),
            ("displayName", $"{scope.Name} on-call"),
            ("labels", Value.Map(("email_address", email))),
            ("enabled", true),
            ("userLabels", scope.Tags)));
        return channel.Output("name");
    }

    /// <summary>One alert policy per condition on the resources <paramref name="resourceFilter"/> selects (text, or an interpolation of a resource's id), notifying the channel.</summary>
    public static IReadOnlyList<Resource> Alerts(GcpScope scope, Value resourceFilter, Value? channel, IReadOnlyList<Resource> apis, params MetricCondition[] conditions)
    {
        var alerts = conditions.Select(c => (c.Signal, c.Description, Alert: scope.Add(
            c.Part,
            GcpTypes.AlertPolicy,
            Value.Map(
                ("project", scope.Project),
                ("displayName", $"{scope.Name}: {c.Description}"),
                ("combiner", "OR"),
                ("enabled", true),
                ("severity", "ERROR"),
                ("conditions", Value.List(Value.Map(
                    ("displayName", c.Description),
                    ("conditionThreshold", Value.Map(
                        ("filter", Filter(resourceFilter, c.Metric, c.MetricFilter)),
                        ("aggregations", Aggregation(c)),
                        ("denominatorFilter", c.DenominatorFilter is null ? null : Filter(resourceFilter, c.Metric, c.DenominatorFilter)),
                        ("denominatorAggregations", c.DenominatorFilter is null ? null : Aggregation(c)),
                        ("comparison", c.Below ? "COMPARISON_LT" : "COMPARISON_GT"),
                        ("thresholdValue", c.Threshold),
                        ("duration", "300s"),
                        ("trigger", Value.Map(("count", 1)))))))),
                ("notificationChannels", channel is null ? null : Value.List(channel)),
                ("alertStrategy", Value.Map(("autoClose", "1800s"))),
                ("userLabels", scope.Tags)),
            new ResourceOptions { DependsOn = [.. apis] }))).ToList();
        foreach (var signal in alerts.GroupBy(a => a.Signal))
        {
            scope.Alarmed(signal.Key, signal.Select(a => a.Alert), channel, string.Join("; ", signal.Select(a => a.Description)));
        }

        return [.. alerts.Select(a => a.Alert)];
    }

    /// <summary>
    /// The deployment's one Cloud Monitoring dashboard: an alert chart per alert policy reported so far (the
    /// policy's condition and threshold; Cloud Monitoring API, Dashboard <c>AlertChart</c> widget, <c>name</c> = the
    /// policy's resource name), so it shows exactly what pages.
    /// </summary>
    /// <remarks>
    /// A tile in the first column or row leaves its position out: the Monitoring API omits zero fields when it returns a
    /// dashboard, and the provider compares the JSON it reads back with the configured one, so <c>"xPos": 0</c> showed
    /// a change on every preview and rewrote the dashboard on every update (hashicorp/terraform-provider-google#16173,
    /// GoogleCloudPlatform/magic-modules#18515; docs/GCP-RUNTIME.md G18).
    /// </remarks>
    public static Resource Dashboard(GcpScope scope)
    {
        static Value? Position(int value) => value == 0 ? null : value;
        var tiles = scope.ReportedAlarms().Select((alert, i) => (Value?)Value.Map(
            ("xPos", Position(i % 2 * 6)),
            ("yPos", Position(i / 2 * 4)),
            ("width", 6),
            ("height", 4),
            ("widget", Value.Map(("title", alert.Name), ("alertChart", Value.Map(("name", alert.Output("name")))))))).ToList();
        var dashboard = scope.Add("dashboard", GcpTypes.Dashboard, Value.Map(
            ("project", scope.Project),
            ("dashboardJson", Fn.ToJson(Value.Map(
                ("displayName", $"{scope.Name} ({scope.Context.Stack})"),
                ("mosaicLayout", Value.Map(("columns", 12), ("tiles", Value.List(tiles)))))))));
        scope.Dashboard(dashboard);
        return dashboard;
    }

    private static Value Filter(Value resourceFilter, string metric, string? labels) =>
        Value.Format($"{resourceFilter} AND metric.type = \"{metric}\"{(string.IsNullOrEmpty(labels) ? string.Empty : $" AND {labels}")}");

    private static ListValue Aggregation(MetricCondition c) =>
        Value.List(Value.Map(("alignmentPeriod", "60s"), ("perSeriesAligner", c.Aligner), ("crossSeriesReducer", c.Reducer)));
}
