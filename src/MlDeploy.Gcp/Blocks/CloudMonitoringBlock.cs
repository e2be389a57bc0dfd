using MlDeploy.Graph;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// One Cloud Monitoring threshold condition on a metric of the watched resource (TARGETS.md 12.3): the metric's
/// series are aligned per minute with <paramref name="Aligner"/>, reduced across series with <paramref name="Reducer"/>,
/// and fire when above the threshold for five minutes. With <paramref name="DenominatorFilter"/> the condition is a
/// ratio of the two filters (the error rate; an empty one is the metric without a label filter).
/// </summary>
/// <param name="Part">The alert policy's part name, e.g. <c>alert-latency</c>.</param>
/// <param name="Description">What fires it.</param>
/// <param name="Metric">The metric type, e.g. <c>run.googleapis.com/request_latencies</c>.</param>
/// <param name="Aligner">The per-series aligner, e.g. <c>ALIGN_PERCENTILE_99</c>.</param>
/// <param name="Reducer">The cross-series reducer, e.g. <c>REDUCE_MAX</c>.</param>
/// <param name="Threshold">The threshold (greater than fires).</param>
/// <param name="MetricFilter">A further filter on the metric's labels, or null.</param>
/// <param name="DenominatorFilter">The denominator's filter of a ratio condition, or null.</param>
internal sealed record MetricCondition(string Part, string Description, string Metric, string Aligner, string Reducer, decimal Threshold, string? MetricFilter = null, string? DenominatorFilter = null);

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
    public static IReadOnlyList<Resource> Alerts(GcpScope scope, Value resourceFilter, Value? channel, IReadOnlyList<Resource> apis, params MetricCondition[] conditions) =>
        [.. conditions.Select(c => scope.Add(
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
                        ("comparison", "COMPARISON_GT"),
                        ("thresholdValue", c.Threshold),
                        ("duration", "300s"),
                        ("trigger", Value.Map(("count", 1)))))))),
                ("notificationChannels", channel is null ? null : Value.List(channel)),
                ("alertStrategy", Value.Map(("autoClose", "1800s"))),
                ("userLabels", scope.Tags)),
            new ResourceOptions { DependsOn = [.. apis] }))];

    private static Value Filter(Value resourceFilter, string metric, string? labels) =>
        Value.Format($"{resourceFilter} AND metric.type = \"{metric}\"{(string.IsNullOrEmpty(labels) ? string.Empty : $" AND {labels}")}");

    private static ListValue Aggregation(MetricCondition c) =>
        Value.List(Value.Map(("alignmentPeriod", "60s"), ("perSeriesAligner", c.Aligner), ("crossSeriesReducer", c.Reducer)));
}
