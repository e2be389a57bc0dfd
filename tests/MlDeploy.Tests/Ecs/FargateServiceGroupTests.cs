using MlDeploy.Aws.Ecs;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Ecs;

/// <summary>Several Fargate deployments behind one service group's load balancer, each reached by its own listener rule.</summary>
public class FargateServiceGroupTests
{
    private static Synthesis Synthesize(params ModelDeployment[] deployments) =>
        FargateSamples.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, deployments), SampleDeployments.Staging);

    private static Resource Get(Synthesis s, string name) => s.Graph.Resources.Single(r => r.Name == name);

    private static MapValue Props(Synthesis s, string name) => Get(s, name).Properties;

    private static Resource Target(Synthesis s, string resource, string path) => (Resource)((OutputReference)ValuePath.Get(Props(s, resource), path)!).Target;

    [Fact]
    public void Plan_ThreeDeployments_ShareOneLoadBalancerListenerAndSecurityGroupOwnedByNone()
    {
        var s = Synthesize(FargateSamples.Grouped());

        var lb = Assert.Single(s.Graph.Resources, r => r.Type.Token == "aws:lb/loadBalancer:LoadBalancer");
        var listener = Assert.Single(s.Graph.Resources, r => r.Type.Token == "aws:lb/listener:Listener");
        Assert.Equal(("fargate-edge-lb", "fargate-edge-listener"), (lb.Name, listener.Name));
        Assert.Equal(["fargate-edge-lb-sg"], s.Graph.Resources.Where(r => r.Name.EndsWith("lb-sg", StringComparison.Ordinal)).Select(r => r.Name));
        Assert.All(s.Graph.Resources.Where(r => r.Name.StartsWith("fargate-edge-", StringComparison.Ordinal)), r => Assert.Null(r.Owner));
        Assert.Equal("edge", ValuePath.GetString(lb.Properties, "tags.mldeploy:service-group"));
        Assert.Equal("fargate-edge", ValuePath.GetString(lb.Properties, "accessLogs.prefix"));
        Assert.Equal(("HTTPS", FargatePlanner.TlsPolicy), (ValuePath.GetString(listener.Properties, "protocol"), ValuePath.GetString(listener.Properties, "sslPolicy")));
        Assert.Equal("fixed-response", ValuePath.GetString(listener.Properties, "defaultActions[0].type"));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name is "ranker-lb" or "scorer-lb" or "fraud-lb" or "ranker-listener" or "ranker-lb-ingress");
    }

    [Fact]
    public void Plan_EachDeployment_GetsOneRuleOnTheSharedListenerWithItsConditionsAndPriority()
    {
        var s = Synthesize(FargateSamples.Grouped());

        Assert.Equal(["fraud-listener-rule", "ranker-listener-rule", "scorer-listener-rule"], s.Graph.Resources.Where(r => r.Type.Token == "aws:lb/listenerRule:ListenerRule").Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var (name, priority, condition, value) in new[] { ("ranker", 10m, "pathPattern", "/ranker/*"), ("scorer", 20m, "pathPattern", "/scorer/*"), ("fraud", 30m, "hostHeader", "fraud.ml.example.com") })
        {
            var rule = Props(s, $"{name}-listener-rule");
            Assert.Equal("fargate-edge-listener", Target(s, $"{name}-listener-rule", "listenerArn").Name);
            Assert.Equal(priority, ValuePath.GetNumber(rule, "priority"));
            Assert.Single(((ListValue)rule.Get("conditions")!).Items);
            Assert.Equal(value, ValuePath.GetString(rule, $"conditions[0].{condition}.values[0]"));
            Assert.Equal(name, Get(s, $"{name}-listener-rule").Owner);
        }

        // Rolling forwards to its one target group; the traffic-shifting rules are weighted and left to ECS.
        Assert.Equal("ranker-tg", Target(s, "ranker-listener-rule", "actions[0].targetGroupArn").Name);
        Assert.Empty(Get(s, "ranker-listener-rule").Options.IgnoreChanges);
        Assert.Equal(["actions"], Get(s, "scorer-listener-rule").Options.IgnoreChanges.ToArray());
        Assert.Equal("scorer-tg-green", Target(s, "scorer-listener-rule", "actions[0].forward.targetGroups[1].arn").Name);
        Assert.Equal("https://fraud.ml.example.com/invocations", ((StringValue)s.Graph.Outputs.Single(o => o.Name == "fraud-url").Value).Value);
    }

    [Fact]
    public void Plan_RuleWithHostsAndPaths_HasOneConditionOfEachKind()
    {
        var grouped = FargateSamples.Grouped();
        var ranker = grouped[0] with { Target = ((FargateTarget)grouped[0].Target) with { Route = new FargateRoute { Priority = 5, HostHeaders = ["ml.example.com", "*.ml.example.com"], PathPatterns = ["/ranker/*", "/rank"] } } };

        var rule = Props(Synthesize(ranker), "ranker-listener-rule");

        Assert.Equal(["ml.example.com", "*.ml.example.com"], ((ListValue)ValuePath.Get(rule, "conditions[0].hostHeader.values")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Equal(["/ranker/*", "/rank"], ((ListValue)ValuePath.Get(rule, "conditions[1].pathPattern.values")!).Items.Cast<StringValue>().Select(v => v.Value));
    }

    [Fact]
    public void Plan_Tasks_AdmitOnlyTheGroupsLoadBalancerSecurityGroup()
    {
        var s = Synthesize(FargateSamples.Grouped());

        foreach (var name in new[] { "ranker", "scorer", "fraud" })
        {
            Assert.Equal("fargate-edge-lb-sg", Target(s, $"{name}-task-ingress", "referencedSecurityGroupId").Name);
            Assert.Equal($"{name}-task-sg", Target(s, $"{name}-task-ingress", "securityGroupId").Name);
            Assert.Equal(("fargate-edge-lb-sg", $"{name}-task-sg"), (Target(s, $"{name}-lb-egress", "securityGroupId").Name, Target(s, $"{name}-lb-egress", "referencedSecurityGroupId").Name));
        }

        // The VPC's range reaches the load balancer, and nothing reaches the tasks but it (MLS-NET-05 holds).
        Assert.Equal(new OutputReference(s.Graph.Invokes.Single(i => i.Name == "fargate-edge-vpc"), "cidrBlock"), Props(s, "fargate-edge-lb-ingress").Get("cidrIpv4"));
        Assert.DoesNotContain(s.Guardrails, o => o.Finding.RuleId == "MLS-NET-05");
    }

    [Fact]
    public void Plan_BlueGreenAndCanary_ShiftOnTheirOwnRuleAndMayModifyNoListener()
    {
        var s = Synthesize(FargateSamples.Grouped());

        foreach (var name in new[] { "scorer", "fraud" })
        {
            Assert.Equal($"{name}-listener-rule", Target(s, $"{name}-service", "loadBalancers[0].advancedConfiguration.productionListenerRule").Name);
            Assert.Equal($"{name}-tg-green", Target(s, $"{name}-service", "loadBalancers[0].advancedConfiguration.alternateTargetGroupArn").Name);
            var shift = ((ListValue)ValuePath.Get(Props(s, $"{name}-lb-role-policy"), "policy.Statement")!).Items.OfType<MapValue>().Single(st => ValuePath.GetString(st, "Sid") == "ShiftTraffic");
            // One action on one resource: IAM's scalar form.
            Assert.Equal("elasticloadbalancing:ModifyRule", ValuePath.GetString(shift, "Action"));
            Assert.Equal(Get(s, $"{name}-listener-rule"), ((OutputReference)shift.Get("Resource")!).Target);
        }

        Assert.Equal(("BLUE_GREEN", "CANARY"), (ValuePath.GetString(Props(s, "scorer-service"), "deploymentConfiguration.strategy"), ValuePath.GetString(Props(s, "fraud-service"), "deploymentConfiguration.strategy")));

        // The service waits for its rule (which attaches its target group to the load balancer), not just the listener.
        Assert.Contains(Get(s, "ranker-listener-rule"), Get(s, "ranker-service").Options.DependsOn);
    }

    [Fact]
    public void Plan_Alarms_ReadTheDeploymentsOwnTargetGroupsNotTheSharedLoadBalancer()
    {
        var s = Synthesize(FargateSamples.Grouped());

        Assert.Equal("ranker-tg", Target(s, "ranker-alarm-latency", "dimensions.TargetGroup").Name);
        var rankerQueries = ((ListValue)Props(s, "ranker-alarm-errors").Get("metricQueries")!).Items.Where(q => ValuePath.Get(q, "metric") is not null).ToList();
        Assert.Equal(["HTTPCode_Target_5XX_Count", "TargetConnectionErrorCount", "RequestCount"], rankerQueries.Select(q => ValuePath.GetString(q, "metric.metricName")));
        Assert.All(rankerQueries, q => Assert.Equal("ranker-tg", ((Resource)((OutputReference)ValuePath.Get(q, "metric.dimensions.TargetGroup")!).Target).Name));

        // Two target groups: a p99 alarm on each (a percentile cannot be added up), errors over both; all three roll back.
        Assert.Equal(("scorer-tg", "scorer-tg-green"), (Target(s, "scorer-alarm-latency", "dimensions.TargetGroup").Name, Target(s, "scorer-alarm-latency-green", "dimensions.TargetGroup").Name));
        Assert.Equal(6, ((ListValue)Props(s, "scorer-alarm-errors").Get("metricQueries")!).Items.Count(q => ValuePath.Get(q, "metric") is not null));
        Assert.Equal(3, ((ListValue)ValuePath.Get(Props(s, "scorer-service"), "alarms.alarmNames")!).Items.Length);
        Assert.DoesNotContain("HTTPCode_ELB_5XX_Count", s.Graph.Resources.Where(r => r.Type.Token == "aws:cloudwatch/metricAlarm:MetricAlarm").SelectMany(MetricNames));
    }

    [Fact]
    public void Plan_ReorderingOrRemovingDeployments_LeavesTheGroupsResourcesByteIdentical()
    {
        var all = FargateSamples.Grouped(EnvironmentProfile.Production);
        ModelDeployment[][] variants = [all, [.. all.Reverse()], [all[2], all[0]], [all[1]], [all[2]]];

        var texts = variants.Select(ds => GroupBlocks(FargateSamples.Program(EnvironmentProfile.Production, ds))).ToList();

        Assert.Contains("fargate-edge-lb:", texts[0], StringComparison.Ordinal);
        Assert.Contains("fargate-edge-dns-name:", texts[0], StringComparison.Ordinal);
        Assert.All(texts, t => Assert.Equal(texts[0], t));
    }

    /// <summary>Every top-level block of the program (resource, invoke, output) named <c>fargate-edge-...</c>, in order.</summary>
    private static string GroupBlocks(string program)
    {
        var blocks = new List<string>();
        var inBlock = false;
        foreach (var line in program.Split('\n'))
        {
            var isKey = line.Length > 2 && line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ';
            if (isKey || (line.Length > 0 && line[0] != ' '))
            {
                inBlock = isKey && line.StartsWith("  fargate-edge-", StringComparison.Ordinal);
            }

            if (inBlock)
            {
                blocks.Add(line);
            }
        }

        return string.Join('\n', blocks);
    }

    [Fact]
    public void Plan_ProgramWithoutGroup_IsUnchangedByTheGroupCodePath()
    {
        // A deployment without a group keeps a load balancer of its own (the existing goldens pin its exact shape).
        var s = Synthesize(FargateSamples.Internal());

        Assert.Equal(["ranker-lb"], s.Graph.Resources.Where(r => r.Type.Token == "aws:lb/loadBalancer:LoadBalancer").Select(r => r.Name));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name.StartsWith("fargate-", StringComparison.Ordinal));
    }

    private static IEnumerable<string?> MetricNames(Resource alarm) =>
        ((alarm.Properties.Get("metricQueries") as ListValue)?.Items ?? []).Select(q => ValuePath.GetString(q, "metric.metricName")).Append(ValuePath.GetString(alarm.Properties, "metricName"));
}
