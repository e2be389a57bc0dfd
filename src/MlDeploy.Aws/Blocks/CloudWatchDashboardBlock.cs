using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// The deployment's one CloudWatch dashboard: a graph per alarm the deployment reported (its metric and threshold
/// line), so the dashboard shows exactly the signals that page.
/// </summary>
internal static class CloudWatchDashboardBlock
{
    private const int Width = 12;
    private const int Height = 6;

    /// <summary>Creates the dashboard from the alarms reported so far (call after every alarm is reported).</summary>
    public static Resource Create(AwsScope scope)
    {
        // A metric widget whose annotations name one alarm draws that alarm's metric or expression and threshold
        // (CloudWatch User Guide, "Dashboard Body Structure and Syntax", metric widget annotations.alarms: one ARN, and
        // then no metrics array); the body is built from the graph, so it is the same on every synthesis.
        var widgets = scope.ReportedAlarms().Select((alarm, i) => (Value?)Value.Map(
            ("type", "metric"),
            ("x", i % 2 * Width),
            ("y", i / 2 * Height),
            ("width", Width),
            ("height", Height),
            ("properties", Value.Map(
                ("title", alarm.Name),
                ("view", "timeSeries"),
                ("region", scope.Account.RegionName),
                ("annotations", Value.Map(("alarms", Value.List(alarm.Output("arn"))))))))).ToList();
        var dashboard = scope.Add("dashboard", AwsTypes.Dashboard, Value.Map(
            ("dashboardName", scope.PhysicalName(255, "dashboard")),
            ("dashboardBody", Fn.ToJson(Value.Map(("start", "-PT6H"), ("widgets", Value.List(widgets)))))));
        scope.Dashboard(dashboard);
        return dashboard;
    }
}
