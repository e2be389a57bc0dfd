using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-OBS-01: every log group has an explicit retention (the default is to keep logs forever).</summary>
public sealed class LogRetentionSet : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-OBS-01";

    /// <inheritdoc/>
    public override string Title => "log retention is set";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.LogGroup.Token)
            .Where(g => g.Properties.Get("retentionInDays") is null)
            .Select(g => Fail(g, "retentionInDays is not set"));
}

/// <summary>MLS-OBS-03: every endpoint has latency and error alarms that notify someone.</summary>
public sealed class AlarmsWithActions : Guardrail
{
    private static readonly string[] s_requiredMetrics = ["ModelLatency", "Invocation5XXErrors"];
    private static readonly string[] s_requiredLoadBalancerMetrics = ["TargetResponseTime", "HTTPCode_Target_5XX_Count"];

    /// <inheritdoc/>
    public override string Id => "MLS-OBS-03";

    /// <inheritdoc/>
    public override string Title => "latency and error alarms notify someone";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var alarmsByOwner = context.OfType(AwsTypes.MetricAlarm.Token)
            .Where(a => ValuePath.GetBool(a.Properties, "actionsEnabled") != false && a.Properties.Get("alarmActions") is ListValue { Items.Length: > 0 })
            .ToLookup(a => a.Owner ?? string.Empty, StringComparer.Ordinal);
        var watched = context.OfType(AwsTypes.SageMakerEndpoint.Token).Select(e => (Resource: e, Required: s_requiredMetrics))
            .Concat(context.OfType(AwsTypes.EcsService.Token).Select(s => (Resource: s, Required: s_requiredLoadBalancerMetrics)));
        foreach (var (resource, required) in watched)
        {
            var metrics = alarmsByOwner[resource.Owner ?? string.Empty]
                .SelectMany(a => MetricNames(a.Properties))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var metric in required.Where(m => !metrics.Contains(m)))
            {
                yield return Fail(resource, $"no alarm with actions watches {metric}");
            }
        }
    }

    private static IEnumerable<string> MetricNames(MapValue alarm) =>
        (ValuePath.GetString(alarm, "metricName") is { } name ? [name] : Array.Empty<string>())
            .Concat(PolicyStatements.Items(alarm.Get("metricQueries")).Select(q => ValuePath.GetString(q, "metric.metricName")).OfType<string>());
}
