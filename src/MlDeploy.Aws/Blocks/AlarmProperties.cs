using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>The alarm shape every AWS target shares.</summary>
internal static class AlarmProperties
{
    /// <summary>
    /// The properties of a CloudWatch alarm that pages on sustained breaches (3 of 5 one-minute periods, missing data
    /// not breaching), with <c>("actions", topics)</c> expanding to both alarm and OK actions.
    /// </summary>
    public static MapValue Of(string description, params (string Key, Value? Value)[] entries)
    {
        var map = Value.Map(
            ("alarmDescription", description),
            ("comparisonOperator", "GreaterThanThreshold"),
            ("evaluationPeriods", 5),
            ("datapointsToAlarm", 3),
            ("treatMissingData", "notBreaching"),
            ("actionsEnabled", true));
        foreach (var (key, value) in entries)
        {
            if (key == "actions")
            {
                map = map.With("alarmActions", value!).With("okActions", value!);
            }
            else if (value is not null)
            {
                map = map.With(key, value);
            }
        }

        return map;
    }

    /// <summary>A metric-math input: the per-minute sum of one metric, not plotted by itself.</summary>
    public static MapValue SumQuery(string id, string metricNamespace, string metricName, Value dimensions) => Query(id, metricNamespace, metricName, dimensions, "Sum");

    /// <summary>A metric-math input: one metric's per-minute statistic, not plotted by itself.</summary>
    public static MapValue Query(string id, string metricNamespace, string metricName, Value dimensions, string stat) => Value.Map(
        ("id", id),
        ("metric", Value.Map(
            ("namespace", metricNamespace),
            ("metricName", metricName),
            ("dimensions", dimensions),
            ("period", 60),
            ("stat", stat))),
        ("returnData", false));
}
