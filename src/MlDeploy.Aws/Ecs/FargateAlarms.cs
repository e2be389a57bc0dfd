using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>Where a Fargate service measures the alarm signals: the load balancer's response time and 5xx counts, ECS CPU and memory.</summary>
internal static class FargateAlarms
{
    public const string AlbNamespace = "AWS/ApplicationELB";
    public const string EcsNamespace = "AWS/ECS";

    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    /// <remarks>
    /// Latency and errors are read at the load balancer, which is the deployment's own: blue/green, canary and linear
    /// rollouts swap target groups on every deployment, and an alarm on one group would watch idle traffic after the
    /// first swap (a p99 cannot be combined over two groups by metric math, the load balancer's p99 covers both).
    /// </remarks>
    public static IReadOnlyList<Resource> Create(AwsScope scope, Resource loadBalancer, string clusterName, string serviceName, Value topicArn)
    {
        var target = Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")));
        var service = Value.Map(("ClusterName", clusterName), ("ServiceName", serviceName));
        return CloudWatchAlarmSet.Create(
            scope,
            topicArn,
            new LatencySource("target response time", AlbNamespace, "TargetResponseTime", target, LatencyUnit.Seconds),
            new ErrorRateSource(
                " (targets and load balancer)",
                [
                    AlarmProperties.SumQuery("targetErrors", AlbNamespace, "HTTPCode_Target_5XX_Count", target),
                    AlarmProperties.SumQuery("lbErrors", AlbNamespace, "HTTPCode_ELB_5XX_Count", target),
                    AlarmProperties.SumQuery("requests", AlbNamespace, "RequestCount", target),
                ],
                "IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(lbErrors, 0)) / requests, 0)"),
            new SaturationSource("alarm-cpu", "CPU", EcsNamespace, "CPUUtilization", service, 1, "of the task size"),
            new SaturationSource("alarm-memory", "memory", EcsNamespace, "MemoryUtilization", service, 1, "of the task size"));
    }
}
