using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>The target groups of a deployment on a shared load balancer: one, or two for the traffic-shifting rollouts.</summary>
/// <param name="Blue">The first target group.</param>
/// <param name="Green">The second target group, or null.</param>
internal sealed record FargateTargetGroupPair(Resource Blue, Resource? Green);

/// <summary>Where a Fargate service measures the alarm signals: the load balancer's response time and 5xx counts, ECS CPU and memory.</summary>
internal static class FargateAlarms
{
    public const string AlbNamespace = "AWS/ApplicationELB";
    public const string EcsNamespace = "AWS/ECS";

    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    /// <remarks>
    /// On a load balancer of its own, latency and errors are read at the load balancer: blue/green, canary and linear
    /// rollouts swap target groups on every deployment, and an alarm on one group would watch idle traffic after the
    /// first swap (a p99 cannot be combined over two groups by metric math, the load balancer's p99 covers both). On a
    /// service group's load balancer (<paramref name="sharedBalancer"/>), the load balancer's metrics mix every deployment of the
    /// group, so they are read per target group instead (see <see cref="PerTargetGroup"/>).
    /// </remarks>
    public static IReadOnlyList<Resource> Create(AwsScope scope, Resource loadBalancer, string clusterName, string serviceName, Value topicArn, FargateTargetGroupPair groups, bool sharedBalancer)
    {
        var rollback = Signals(scope, loadBalancer, clusterName, serviceName, topicArn, sharedBalancer ? groups : null);
        TargetHealth(scope, loadBalancer, topicArn, groups);
        CloudWatchDashboardBlock.Create(scope);
        return rollback;
    }

    /// <summary>
    /// Healthy replicas and start-up failures from the target groups' HealthyHostCount and UnHealthyHostCount (per
    /// TargetGroup and LoadBalancer; ELB User Guide, "CloudWatch metrics for your Application Load Balancer"), added up
    /// over both groups of a traffic-shifting rollout. AWS/ECS has no running-task count without Container Insights
    /// (ECS Developer Guide, "Amazon ECS CloudWatch metrics": CPUUtilization and MemoryUtilization per service), so the
    /// load balancer's view of the tasks is the one available: a task whose model fails to load never passes its
    /// health check and counts as unhealthy until ECS replaces it.
    /// </summary>
    private static void TargetHealth(AwsScope scope, Resource loadBalancer, Value topicArn, FargateTargetGroupPair groups)
    {
        var d = scope.Deployment;
        var named = new List<(string Id, Resource Group)> { ("blue", groups.Blue) };
        if (groups.Green is { } green)
        {
            named.Add(("green", green));
        }

        Value Dimensions(Resource group) => Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")), ("TargetGroup", group.Output("arnSuffix")));
        string Sum(string suffix) => string.Join(" + ", named.Select(n => $"FILL({n.Id}{suffix}, 0)"));

        var healthy = CloudWatchAlarmSet.Count(
            scope,
            "alarm-healthy",
            topicArn,
            $"fewer healthy tasks of {scope.Name} than its minimum of {d.Scaling.Min} (load balancer health checks)",
            [.. named.Select(n => AlarmProperties.Query($"{n.Id}Healthy", AlbNamespace, "HealthyHostCount", Dimensions(n.Group), "Minimum"))],
            Sum("Healthy"),
            "healthy tasks",
            d.Scaling.Min,
            below: true);
        scope.Alarmed(MonitoringSignal.HealthyReplicas, [healthy], topicArn, $"HealthyHostCount of its target group(s) < {d.Scaling.Min}");

        var unhealthy = CloudWatchAlarmSet.Count(
            scope,
            "alarm-unhealthy",
            topicArn,
            $"tasks of {scope.Name} fail their health checks (not started, or the model did not load)",
            [.. named.Select(n => AlarmProperties.Query($"{n.Id}Unhealthy", AlbNamespace, "UnHealthyHostCount", Dimensions(n.Group), "Maximum"))],
            Sum("Unhealthy"),
            "unhealthy tasks",
            0,
            below: false);
        scope.Alarmed(MonitoringSignal.StartupFailures, [unhealthy], topicArn, "UnHealthyHostCount of its target group(s) > 0 (a task that cannot load its model never passes the health check)");
    }

    private static IReadOnlyList<Resource> Signals(AwsScope scope, Resource loadBalancer, string clusterName, string serviceName, Value topicArn, FargateTargetGroupPair? shared)
    {
        var service = Value.Map(("ClusterName", clusterName), ("ServiceName", serviceName));
        SaturationSource[] saturation =
        [
            new SaturationSource("alarm-cpu", "CPU", EcsNamespace, "CPUUtilization", service, 1, "of the task size"),
            new SaturationSource("alarm-memory", "memory", EcsNamespace, "MemoryUtilization", service, 1, "of the task size"),
        ];
        if (shared is not null)
        {
            var (latencies, errors) = PerTargetGroup(loadBalancer, shared);
            return CloudWatchAlarmSet.Create(scope, topicArn, latencies, errors, saturation);
        }

        var target = Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")));
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
            saturation);
    }

    /// <summary>
    /// The signals of one deployment on a shared load balancer, from the metrics CloudWatch reports per (LoadBalancer,
    /// TargetGroup): TargetResponseTime, HTTPCode_Target_5XX_Count, TargetConnectionErrorCount and RequestCount (ELB User
    /// Guide, "CloudWatch metrics for your Application Load Balancer"). HTTPCode_ELB_5XX_Count has no TargetGroup
    /// dimension and would count the whole group's errors, so it is left out; failed connections to the deployment's
    /// targets (which the load balancer answers with 502) are counted by TargetConnectionErrorCount instead. With two
    /// target groups, each gets a p99 latency alarm (either breaching rolls back) and the error rate adds both up.
    /// </summary>
    private static (IReadOnlyList<LatencySource> Latencies, ErrorRateSource Errors) PerTargetGroup(Resource loadBalancer, FargateTargetGroupPair pair)
    {
        Value Dimensions(Resource group) => Value.Map(("LoadBalancer", loadBalancer.Output("arnSuffix")), ("TargetGroup", group.Output("arnSuffix")));
        if (pair.Green is not { } green)
        {
            var target = Dimensions(pair.Blue);
            return (
                [new LatencySource("target response time", AlbNamespace, "TargetResponseTime", target, LatencyUnit.Seconds)],
                new ErrorRateSource(
                    " (its target group)",
                    [
                        AlarmProperties.SumQuery("targetErrors", AlbNamespace, "HTTPCode_Target_5XX_Count", target),
                        AlarmProperties.SumQuery("connectionErrors", AlbNamespace, "TargetConnectionErrorCount", target),
                        AlarmProperties.SumQuery("requests", AlbNamespace, "RequestCount", target),
                    ],
                    "IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(connectionErrors, 0)) / requests, 0)"));
        }

        var blue = Dimensions(pair.Blue);
        var greenDimensions = Dimensions(green);
        return (
            [
                new LatencySource("target response time (blue target group)", AlbNamespace, "TargetResponseTime", blue, LatencyUnit.Seconds),
                new LatencySource("target response time (green target group)", AlbNamespace, "TargetResponseTime", greenDimensions, LatencyUnit.Seconds, "alarm-latency-green"),
            ],
            new ErrorRateSource(
                " (both target groups)",
                [
                    AlarmProperties.SumQuery("blueErrors", AlbNamespace, "HTTPCode_Target_5XX_Count", blue),
                    AlarmProperties.SumQuery("blueConnectionErrors", AlbNamespace, "TargetConnectionErrorCount", blue),
                    AlarmProperties.SumQuery("blueRequests", AlbNamespace, "RequestCount", blue),
                    AlarmProperties.SumQuery("greenErrors", AlbNamespace, "HTTPCode_Target_5XX_Count", greenDimensions),
                    AlarmProperties.SumQuery("greenConnectionErrors", AlbNamespace, "TargetConnectionErrorCount", greenDimensions),
                    AlarmProperties.SumQuery("greenRequests", AlbNamespace, "RequestCount", greenDimensions),
                ],
                "IF(FILL(blueRequests, 0) + FILL(greenRequests, 0) > 0, 100 * (FILL(blueErrors, 0) + FILL(blueConnectionErrors, 0) + FILL(greenErrors, 0) + FILL(greenConnectionErrors, 0)) / (FILL(blueRequests, 0) + FILL(greenRequests, 0)), 0)"));
    }
}
