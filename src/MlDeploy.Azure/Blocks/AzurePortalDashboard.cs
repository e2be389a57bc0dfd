using MlDeploy.Graph;

namespace MlDeploy.Azure.Blocks;

/// <summary>
/// The deployment's one Azure portal dashboard: a metric chart per metric alert the deployment reported, on the
/// alert's own resource, metric and aggregation (read back from the alert), so it charts exactly what pages.
/// </summary>
internal static class AzurePortalDashboard
{
    private const int ColSpan = 6;
    private const int RowSpan = 4;

    public static Resource Create(AzureScope scope)
    {
        var parts = scope.ReportedAlarms().Select((alert, i) => (Value?)Part(alert, i)).ToList();

        // azure-native portal:Dashboard (2020-09-01-preview): properties.lenses[].parts[] with a position and part
        // metadata; MonitorChartPart is the portal's metrics chart, whose "options" input holds the chart (Azure
        // portal docs, "The structure of Azure dashboards").
        var dashboard = scope.Add("dashboard", AzureTypes.PortalDashboard, scope.Placed(
            ("dashboardName", scope.PhysicalName(64, "dashboard")),
            ("properties", Value.Map(("lenses", Value.List(Value.Map(("order", 0), ("parts", Value.List(parts)))))))));
        scope.Dashboard(dashboard);
        return dashboard;
    }

    private static MapValue Part(Resource alert, int index)
    {
        var criterion = ((ListValue)((MapValue)alert.Properties.Get("criteria")!).Get("allOf")!).Items[0] as MapValue;
        var watched = ((ListValue)alert.Properties.Get("scopes")!).Items[0];
        var metric = criterion!.Get("metricName")!;
        return Value.Map(
            ("position", Value.Map(("x", index % 2 * ColSpan), ("y", index / 2 * RowSpan), ("colSpan", ColSpan), ("rowSpan", RowSpan))),
            ("metadata", Value.Map(
                ("type", "Extension/HubsExtension/PartType/MonitorChartPart"),
                ("inputs", Value.List(Value.Map(
                    ("name", "options"),
                    ("isOptional", true),
                    ("value", Value.Map(("chart", Value.Map(
                        ("title", alert.Name),
                        ("metrics", Value.List(Value.Map(
                            ("resourceMetadata", Value.Map(("id", watched))),
                            ("name", metric),
                            ("namespace", criterion.Get("metricNamespace")),
                            ("aggregationType", AggregationType(((StringValue)criterion.Get("timeAggregation")!).Value)),
                            ("metricVisualization", Value.Map(("displayName", metric)))))),
                        ("visualization", Value.Map(("chartType", 2)))))))))),
                ("settings", MapValue.Empty))));
    }

    // The portal's aggregation codes for MonitorChartPart metrics: 1 sum, 2 minimum, 3 maximum, 4 average, 7 count.
    // 1, 3, 4 and 7 are confirmed by charts exported from the portal whose generated titles (titleKind 1) name the
    // aggregation: "Sum Requests for ...", "Max CPU for ...", "Avg Percentage CPU for ...", "Count Requests for ..."
    // (public dashboard exports on GitHub, read 2026-11-28); 2 (minimum) is the one code left between them: UNVERIFIED.
    private static int AggregationType(string aggregation) => aggregation switch
    {
        "Total" => 1,
        "Minimum" => 2,
        "Maximum" => 3,
        "Count" => 7,
        _ => 4,
    };
}
