using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Blocks;

/// <summary>One Azure Monitor metric alert condition: a metric of the watched resource, aggregated over the window.</summary>
/// <param name="Signal">The monitoring-contract signal it covers.</param>
/// <param name="Part">The alert's part name, e.g. <c>alert-latency</c>.</param>
/// <param name="Description">What fires it.</param>
/// <param name="Metric">The metric name.</param>
/// <param name="Aggregation">Average, Count, Minimum, Maximum or Total (metric alerts have no percentiles).</param>
/// <param name="Threshold">The threshold (greater than fires).</param>
/// <param name="Dimensions">Dimension filters, or null.</param>
/// <param name="Below">Whether it fires below the threshold (a replica floor) instead of above.</param>
internal sealed record AlertCondition(MonitoringSignal Signal, string Part, string Description, string Metric, string Aggregation, decimal Threshold, Value? Dimensions = null, bool Below = false)
{
    /// <summary>
    /// More 5xx responses in the five-minute window than the error rate allows at the deployment's scaling floor (its
    /// minimum replicas times its requests/s target, or one request/s per replica when it scales on something else):
    /// Azure Monitor metric alerts count, they cannot divide one metric by another.
    /// </summary>
    /// <param name="d">The deployment.</param>
    /// <param name="signals">Its alarm thresholds.</param>
    /// <param name="metric">The request count metric.</param>
    /// <param name="statusDimension">The metric's dimension that holds the status class (<c>5xx</c>).</param>
    /// <returns>The condition.</returns>
    public static AlertCondition ServerErrors(ModelDeployment d, AlarmSignals signals, string metric, string statusDimension)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(signals);
        var floorPerSecond = Math.Max(1, d.Scaling.Min) * (d.Scaling.Metric == ScalingMetric.RequestsPerSecond ? d.Scaling.Target : 1);
        var threshold = Math.Max(1, Math.Ceiling(signals.ErrorRatePercent / 100m * floorPerSecond * 300));
        return new(
            MonitoringSignal.ErrorRate,
            "alert-errors",
            string.Create(CultureInfo.InvariantCulture, $"more than {threshold} 5xx responses of {d.Name} in 5 minutes ({signals.ErrorRatePercent} % of its scaling floor)"),
            metric,
            "Total",
            threshold,
            Value.List(Value.Map(("name", statusDimension), ("operator", "Include"), ("values", Value.List("5xx")))));
    }
}

/// <summary>Log Analytics, the deployment's action group and its metric alerts.</summary>
internal static class AzureMonitorBlock
{
    /// <summary>
    /// The interactive retention a PerGB2018 workspace accepts (Azure Monitor docs, "Manage data retention in a Log
    /// Analytics workspace": 30-730 days; shorter periods only on the legacy Free tier).
    /// </summary>
    public const int MinRetentionDays = 30;

    /// <summary>The longest interactive retention.</summary>
    public const int MaxRetentionDays = 730;

    /// <summary>A Log Analytics workspace with the deployment's retention, read by resource permissions only.</summary>
    public static Resource Workspace(AzureScope scope) => scope.Add("logs", AzureTypes.Workspace, scope.Placed(
        ("workspaceName", scope.PhysicalName(63, "logs")),
        ("sku", Value.Map(("name", "PerGB2018"))),
        ("retentionInDays", scope.Deployment.Monitoring.LogRetentionDays),
        ("features", Value.Map(("enableLogAccessUsingOnlyResourcePermissions", true)))));

    /// <summary>The action group the alerts notify: an existing one (<see cref="Monitoring.NotificationTopic"/>), or the deployment's own with its e-mail receiver.</summary>
    public static Value ActionGroup(AzureScope scope)
    {
        var m = scope.Deployment.Monitoring;
        if (m.NotificationTopic is { } existing)
        {
            return existing;
        }

        // groupShortName: at most 12 characters (azure-native ActionGroup docs: "The short name of the action group").
        var shortName = new string([.. scope.Name.Where(char.IsAsciiLetterOrDigit).Take(12)]);
        var group = scope.Add("alerts", AzureTypes.ActionGroup, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("actionGroupName", scope.PhysicalName(260, "alerts")),
            ("groupShortName", shortName.Length == 0 ? "mldeploy" : shortName),
            ("enabled", true),
            ("location", "global"),
            ("emailReceivers", m.NotificationEmail is { } email
                ? Value.List(Value.Map(("name", "oncall"), ("emailAddress", email), ("useCommonAlertSchema", true)))
                : null),
            ("tags", scope.Tags)));
        return group.Output("id");
    }

    /// <summary>One metric alert per condition on one resource, evaluated every minute over five, notifying the action group.</summary>
    public static IReadOnlyList<Resource> Alerts(AzureScope scope, Resource watched, string resourceType, Value actionGroup, params AlertCondition[] conditions)
    {
        var alerts = conditions.Select(c => (c.Signal, c.Description, Alert: scope.Add(c.Part, AzureTypes.MetricAlert, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("ruleName", scope.PhysicalName(260, c.Part)),
            ("location", "global"),
            ("description", c.Description),
            ("severity", 2),
            ("enabled", true),
            ("scopes", Value.List(watched.Output("id"))),
            ("targetResourceType", resourceType),
            ("evaluationFrequency", "PT1M"),
            ("windowSize", "PT5M"),
            ("autoMitigate", true),
            ("criteria", Value.Map(
                ("odataType", "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"),
                ("allOf", Value.List(Value.Map(
                    ("criterionType", "StaticThresholdCriterion"),
                    ("name", c.Metric),
                    ("metricName", c.Metric),
                    ("metricNamespace", resourceType),
                    ("operator", c.Below ? "LessThan" : "GreaterThan"),
                    ("threshold", c.Threshold),
                    ("timeAggregation", c.Aggregation),
                    ("dimensions", c.Dimensions)))))),
            ("actions", Value.List(Value.Map(("actionGroupId", actionGroup)))),
            ("tags", scope.Tags))))).ToList();
        foreach (var signal in alerts.GroupBy(a => a.Signal))
        {
            scope.Alarmed(signal.Key, signal.Select(a => a.Alert), actionGroup, string.Join("; ", signal.Select(a => a.Description)));
        }

        return [.. alerts.Select(a => a.Alert)];
    }


    /// <summary>Formats a number for descriptions.</summary>
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
