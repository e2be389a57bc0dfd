using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Ecs;

/// <summary>The alarms a Fargate service gets: load balancer 5xx rate, p99 target response time, CPU and memory utilization.</summary>
internal static class FargateAlarms
{
    public const string AlbNamespace = "AWS/ApplicationELB";
    public const string EcsNamespace = "AWS/ECS";

    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    public static IReadOnlyList<Resource> Create(AwsScope scope, Resource loadBalancer, Resource targetGroup, string clusterName, string serviceName, Value topicArn)
    {
        var m = scope.Deployment.Monitoring;
        var target = Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")), ("TargetGroup", targetGroup.Output("arnSuffix")));
        var service = Value.Map(("ClusterName", clusterName), ("ServiceName", serviceName));
        var actions = Value.List(topicArn);

        var latency = scope.Add("alarm-latency", AwsTypes.MetricAlarm, AlarmProperties.Of(
            $"p99 target response time of {scope.Name} is above {m.LatencyP99Ms} ms",
            ("namespace", AlbNamespace),
            ("metricName", "TargetResponseTime"),
            ("dimensions", target),
            ("extendedStatistic", "p99"),
            ("period", 60),

            // TargetResponseTime is reported in seconds.
            ("threshold", m.LatencyP99Ms / 1000m),
            ("actions", actions),
            ("tags", scope.Tags)));

        var errors = scope.Add("alarm-errors", AwsTypes.MetricAlarm, AlarmProperties.Of(
            string.Create(CultureInfo.InvariantCulture, $"5xx error rate of {scope.Name} (targets and load balancer) is above {m.ErrorRatePercent} %"),
            ("metricQueries", Value.List(
                AlarmProperties.SumQuery("targetErrors", AlbNamespace, "HTTPCode_Target_5XX_Count", target),
                AlarmProperties.SumQuery("lbErrors", AlbNamespace, "HTTPCode_ELB_5XX_Count", Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")))),
                AlarmProperties.SumQuery("requests", AlbNamespace, "RequestCount", target),
                Value.Map(
                    ("id", "errorRate"),
                    ("expression", "IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(lbErrors, 0)) / requests, 0)"),
                    ("label", "5xx error rate (%)"),
                    ("returnData", true)))),
            ("threshold", m.ErrorRatePercent),
            ("actions", actions),
            ("tags", scope.Tags)));

        foreach (var (part, metric, what) in new[] { ("alarm-cpu", "CPUUtilization", "CPU"), ("alarm-memory", "MemoryUtilization", "memory") })
        {
            scope.Add(part, AwsTypes.MetricAlarm, AlarmProperties.Of(
                $"{what} of {scope.Name} is above {m.SaturationPercent} % of the task size",
                ("namespace", EcsNamespace),
                ("metricName", metric),
                ("dimensions", service),
                ("statistic", "Average"),
                ("period", 60),
                ("threshold", m.SaturationPercent),
                ("actions", actions),
                ("tags", scope.Tags)));
        }

        return [latency, errors];
    }
}
