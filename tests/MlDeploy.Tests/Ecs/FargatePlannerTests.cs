using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;

namespace MlDeploy.Tests.Ecs;

public class FargatePlannerTests
{
    private static Resource Get(Synthesis s, string name) => s.Graph.Resources.Single(r => r.Name == name);

    private static MapValue Props(Synthesis s, string name) => Get(s, name).Properties;

    private static List<string> Sids(Synthesis s, string policy) =>
        [.. ((ListValue)ValuePath.Get(Props(s, policy), "policy.Statement")!).Items.Select(st => ValuePath.GetString(st, "Sid")!)];

    private static MapValue Container(Synthesis s, string task, string name) =>
        ((ListValue)ValuePath.Get(Props(s, task), "containerDefinitions")!).Items.Cast<MapValue>().Single(c => ValuePath.GetString(c, "name") == name);

    [Theory]
    [InlineData(RolloutStrategy.Canary, 10, 10, 10, "45m")]
    [InlineData(RolloutStrategy.Canary, 10, 30, 5, "80m")]
    [InlineData(RolloutStrategy.BlueGreen, 100, 15, 10, "40m")]
    [InlineData(RolloutStrategy.Linear, 25, 5, 10, "50m")]
    [InlineData(RolloutStrategy.Linear, 30, 1, 1, "21m")]
    [InlineData(RolloutStrategy.Rolling, 50, 10, 2, "20m")]
    public void Plan_Service_WaitsOutEveryBakeTimeBeyondTheProvidersTwentyMinutes(RolloutStrategy strategy, int percent, int bakeMinutes, int startupMinutes, string expected)
    {
        var d = FargateSamples.Internal() with
        {
            Rollout = new Rollout { Strategy = strategy, TrafficPercent = percent, BakeTime = TimeSpan.FromMinutes(bakeMinutes) },
            Serving = FargateSamples.Internal().Serving with { StartupTimeout = TimeSpan.FromMinutes(startupMinutes) },
        };

        var timeouts = Get(FargateSamples.Synthesize(d), "ranker-service").Options.CustomTimeouts;

        Assert.Equal(new CustomTimeouts(expected, expected, null), timeouts);
    }

    [Theory]
    [InlineData(0.25, 0.5, "256", "512")]
    [InlineData(0.25, 3, "512", "3072")]
    [InlineData(1, 3, "1024", "3072")]
    [InlineData(1, 10, "2048", "10240")]
    [InlineData(2, 8, "2048", "8192")]
    [InlineData(3, 10, "4096", "10240")]
    [InlineData(4, 30.5, "8192", "32768")]
    [InlineData(8, 17, "8192", "20480")]
    [InlineData(16, 100, "16384", "106496")]
    public void Plan_Compute_MapsToTheSmallestFargateSizeAtLeastTheRequest(decimal cpu, decimal memory, string expectedCpu, string expectedMemory)
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal() with { Compute = new Compute { Cpu = cpu, MemoryGiB = memory } });

        Assert.Equal((expectedCpu, expectedMemory), (ValuePath.GetString(Props(s, "ranker-task"), "cpu"), ValuePath.GetString(Props(s, "ranker-task"), "memory")));
    }

    [Fact]
    public void Plan_ComputeRoundedUp_IsNotedAsApproximated()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        var note = s.Notes.Single(n => n.Concept == "compute");
        Assert.Equal((Fidelity.Approximated, "3 vCPU / 10 GiB -> Fargate task 4 vCPU / 10 GiB (cpu 4096, memory 10240), the smallest Fargate size that fits"), (note.Fidelity, note.Text));
    }

    [Fact]
    public void Plan_Server_WaitsForTheLoaderAndSeesTheModelReadOnly()
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal());
        var server = Container(s, "ranker-task", "server");
        var loader = Container(s, "ranker-task", "model-loader");

        Assert.Equal("model-loader", ValuePath.GetString(server, "dependsOn[0].containerName"));
        // SUCCESS: COMPLETE would start the server after a failed download.
        Assert.Equal("SUCCESS", ValuePath.GetString(server, "dependsOn[0].condition"));

        // ECS returns capabilities with "add": [], so the definition says so too (no replacement on every update).
        Assert.Empty(((ListValue)ValuePath.Get(server, "linuxParameters.capabilities.add")!).Items);
        Assert.Equal(("model", "/opt/ml/model", true), (ValuePath.GetString(server, "mountPoints[0].sourceVolume"), ValuePath.GetString(server, "mountPoints[0].containerPath"), ValuePath.GetBool(server, "mountPoints[0].readOnly")));
        Assert.Equal(("model", "/model", false), (ValuePath.GetString(loader, "mountPoints[0].sourceVolume"), ValuePath.GetString(loader, "mountPoints[0].containerPath"), ValuePath.GetBool(loader, "mountPoints[0].readOnly")));
        Assert.False(ValuePath.GetBool(loader, "essential"));
        Assert.Equal("public.ecr.aws/aws-cli/aws-cli:2.22.35", ValuePath.GetString(loader, "image"));
        Assert.Equal(["/bin/sh", "-c"], ((ListValue)loader.Get("entryPoint")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Equal([AwsModelLoader.Script(ModelDataKind.Prefix), "<uri>", "/model"], ((ListValue)loader.Get("command")!).Items.Select(i => i is StringValue v ? v.Value : "<uri>"));
        Assert.StartsWith("aws s3 cp --only-show-errors --recursive \"$0\" \"$1/\" && ", AwsModelLoader.Script(ModelDataKind.Prefix), StringComparison.Ordinal);
        Assert.Equal(3072m, ValuePath.GetNumber(server, "memory") + ValuePath.GetNumber(loader, "memory"));
        Assert.Equal(300m, ValuePath.GetNumber(server, "healthCheck.startPeriod"));
        Assert.Equal(600m, ValuePath.GetNumber(Props(s, "ranker-service"), "healthCheckGracePeriodSeconds"));
    }

    [Fact]
    public void Plan_Tarball_IsStreamedAndUnpackedWithoutTar()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());
        var loader = Container(s, "scorer-task", "model-loader");

        // The AWS CLI image has no tar (aws/aws-cli#5106): the same Python unpacker as on EKS, URI and directory as $0 and $1.
        Assert.Equal(["/bin/sh", "-c"], ((ListValue)loader.Get("entryPoint")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Equal(AwsModelLoader.Script(ModelDataKind.TarGz), ValuePath.GetString(loader, "command[0]"));
        Assert.DoesNotContain("tar -", ValuePath.GetString(loader, "command[0]"), StringComparison.Ordinal);
        Assert.Equal(["s3://models-prod/scorer/v3/model.tar.gz", "/model"], ((ListValue)loader.Get("command")!).Items.Skip(1).Cast<StringValue>().Select(v => v.Value));
    }

    [Fact]
    public void Plan_PinnedObjectVersion_LoadsThatVersionOnly_AndExportsItForPromotion()
    {
        var pinned = FargateSamples.PublicWaived() with
        {
            Artifact = new UriArtifact("s3://models-prod/scorer/v3/model.tar.gz") { Version = "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", Sha256 = new string('c', 64) },
        };
        var s = FargateSamples.Synthesize(pinned);
        var loader = Container(s, "scorer-task", "model-loader");

        // s3api get-object takes the version (s3 cp cannot); the digest is checked after unpacking.
        Assert.Equal(
            [AwsModelLoader.Script(ModelDataKind.TarGz, versioned: true), "s3://models-prod/scorer/v3/model.tar.gz", "/model", "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"],
            ((ListValue)loader.Get("command")!).Items.Cast<StringValue>().Select(v => v.Value));
        Assert.Contains("--version-id \"$2\"", AwsModelLoader.Script(ModelDataKind.TarGz, versioned: true), StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("MODEL_SHA256", new string('c', 64)), ((ListValue)loader.Get("environment")!).Items.Cast<MapValue>().Select(e => KeyValuePair.Create(ValuePath.GetString(e, "name")!, ValuePath.GetString(e, "value")!)));

        var statement = ((ListValue)ValuePath.Get(Props(s, "scorer-task-role-policy"), "policy.Statement")!).Items.Cast<MapValue>().Single(st => ValuePath.GetString(st, "Sid") == "ReadModelArtifactVersion");
        Assert.Equal("s3:GetObjectVersion", ValuePath.GetString(statement, "Action"));
        Assert.Equal("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", ValuePath.GetString(statement, "Condition.StringEquals.s3:VersionId"));
        Assert.DoesNotContain(Sids(s, "scorer-task-role-policy"), sid => sid == "ReadModelArtifact");

        var outputs = s.Graph.Outputs.ToDictionary(o => o.Name, o => o.Value);
        Assert.Equal(new StringValue("s3://models-prod/scorer/v3/model.tar.gz"), outputs["scorer-model-uri"]);
        Assert.Equal(new StringValue("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"), outputs["scorer-model-version"]);
        Assert.Equal(new StringValue(new string('c', 64)), outputs["scorer-model-sha256"]);
    }

    [Fact]
    public void Plan_Roles_SplitWhatEcsNeedsFromWhatTheServerNeeds()
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal());

        Assert.Equal(["PullServingImage", "GetRegistryToken", "WriteOwnLogs", "ReadOwnSecrets", "DecryptOwnSecrets"], Sids(s, "ranker-execution-role-policy"));
        Assert.Equal(["ReadModelArtifacts", "ListModelArtifacts", "UseDeploymentKey", "WriteCapturedData"], Sids(s, "ranker-task-role-policy"));
        Assert.Equal(Get(s, "ranker-task-role"), ((OutputReference)Props(s, "ranker-task").Get("taskRoleArn")!).Target);
        Assert.Equal(Get(s, "ranker-execution-role"), ((OutputReference)Props(s, "ranker-task").Get("executionRoleArn")!).Target);
        Assert.Equal("ranker-secret-api-token", ((Resource)((OutputReference)ValuePath.Get(Container(s, "ranker-task", "server"), "secrets[0].valueFrom")!).Target).Name);
    }

    [Fact]
    public void Plan_SsmParameterSecret_IsReadWithSsmNotSecretsManager()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        Assert.Equal(["PullServingImage", "GetRegistryToken", "WriteOwnLogs", "ReadOwnParameters"], Sids(s, "scorer-execution-role-policy"));
        Assert.Equal(["ReadModelArtifact"], Sids(s, "scorer-task-role-policy"));
    }

    [Fact]
    public void Plan_Internal_AdmitsTheVpcOnHttpAndTasksOnlyFromTheLoadBalancer()
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal());

        Assert.True(ValuePath.GetBool(Props(s, "ranker-lb"), "internal"));
        Assert.Equal(("HTTP", 80m), (ValuePath.GetString(Props(s, "ranker-listener"), "protocol"), ValuePath.GetNumber(Props(s, "ranker-listener"), "port")));
        Assert.Equal(new OutputReference(s.Graph.Invokes.Single(i => i.Name == "ranker-vpc"), "cidrBlock"), Props(s, "ranker-lb-ingress").Get("cidrIpv4"));
        Assert.Equal(Get(s, "ranker-lb-sg"), ((OutputReference)Props(s, "ranker-task-ingress").Get("referencedSecurityGroupId")!).Target);
        Assert.False(ValuePath.GetBool(Props(s, "ranker-service"), "networkConfiguration.assignPublicIp"));
        Assert.Equal(2, ((ListValue)ValuePath.Get(Props(s, "ranker-service"), "networkConfiguration.securityGroups")!).Items.Length);
    }

    [Fact]
    public void Plan_Public_ServesHttpsWithTls12PolicyAndAccessLogs()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        Assert.False(ValuePath.GetBool(Props(s, "scorer-lb"), "internal"));
        Assert.Equal(("HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", FargateSamples.CertificateArn), (ValuePath.GetString(Props(s, "scorer-listener"), "protocol"), ValuePath.GetString(Props(s, "scorer-listener"), "sslPolicy"), ValuePath.GetString(Props(s, "scorer-listener"), "certificateArn")));
        Assert.Equal("acme-alb-logs", ValuePath.GetString(Props(s, "scorer-lb"), "accessLogs.bucket"));
        Assert.Equal("0.0.0.0/0", ValuePath.GetString(Props(s, "scorer-lb-ingress"), "cidrIpv4"));
        Assert.Equal("MLS-NET-01 MLS-NET-02", ValuePath.GetString(Props(s, "scorer-service"), "tags.mldeploy:waivers"));
        var waived = s.Guardrails.Single(o => o.Finding.RuleId == "MLS-NET-01");
        Assert.Equal(("scorer-lb", GuardrailStatus.Waived), (waived.Finding.Resource, waived.Status));
    }

    [Fact]
    public void Plan_BlueGreen_UsesNativeStrategyWithTwoTargetGroupsAndBakeTime()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());
        var service = Props(s, "scorer-service");

        Assert.Equal(("BLUE_GREEN", "15"), (ValuePath.GetString(service, "deploymentConfiguration.strategy"), ValuePath.GetString(service, "deploymentConfiguration.bakeTimeInMinutes")));
        Assert.Equal(Get(s, "scorer-tg-green"), ((OutputReference)ValuePath.Get(service, "loadBalancers[0].advancedConfiguration.alternateTargetGroupArn")!).Target);
        Assert.Equal(Get(s, "scorer-listener-rule"), ((OutputReference)ValuePath.Get(service, "loadBalancers[0].advancedConfiguration.productionListenerRule")!).Target);
        Assert.Equal(Get(s, "scorer-lb-role"), ((OutputReference)ValuePath.Get(service, "loadBalancers[0].advancedConfiguration.roleArn")!).Target);
        Assert.Equal(["actions"], Get(s, "scorer-listener-rule").Options.IgnoreChanges.ToArray());
        Assert.Equal(200m, ValuePath.GetNumber(service, "deploymentMaximumPercent"));
    }

    [Theory]
    [InlineData(RolloutStrategy.Canary, "CANARY", "canaryConfiguration.canaryPercent")]
    [InlineData(RolloutStrategy.Linear, "LINEAR", "linearConfiguration.stepPercent")]
    public void Plan_CanaryAndLinear_MapToNativeStrategies(RolloutStrategy strategy, string expected, string percentPath)
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal() with { Rollout = new Rollout { Strategy = strategy, TrafficPercent = 20 } });
        var config = ValuePath.Get(Props(s, "ranker-service"), "deploymentConfiguration");

        Assert.Equal(expected, ValuePath.GetString(config, "strategy"));
        Assert.Equal(20m, ValuePath.GetNumber(config, percentPath));
        Assert.Contains(s.Graph.Resources, r => r.Name == "ranker-tg-green");
    }

    [Theory]
    [InlineData(2, 25, 150)]
    [InlineData(4, 10, 125)]
    [InlineData(10, 30, 130)]
    [InlineData(1, 10, 200)]
    public void Plan_Rolling_LeavesRoomForAtLeastOneNewTask(int min, int percent, int expected)
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal() with { Scaling = new Scaling { Min = min, Max = 10 }, Rollout = new Rollout { Strategy = RolloutStrategy.Rolling, TrafficPercent = percent } });
        var service = Props(s, "ranker-service");

        Assert.Equal((100m, expected), (ValuePath.GetNumber(service, "deploymentMinimumHealthyPercent"), (int)ValuePath.GetNumber(service, "deploymentMaximumPercent")!));
        Assert.Equal("ROLLING", ValuePath.GetString(service, "deploymentConfiguration.strategy"));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name == "ranker-tg-green");
    }

    [Fact]
    public void Plan_RequestsPerSecond_ScalesOnAlbRequestsPerTargetPerMinute()
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal());
        var policy = Props(s, "ranker-scaling-policy");

        Assert.Equal(("ALBRequestCountPerTarget", 600m), (ValuePath.GetString(policy, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType"), ValuePath.GetNumber(policy, "targetTrackingScalingPolicyConfiguration.targetValue")));
        Assert.Equal($"service/{ValuePath.GetString(Props(s, "ranker-service"), "name")}/", ((StringValue)((Interpolation)Props(s, "ranker-scaling-target").Get("resourceId")!).Parts[0]).Value);
    }

    [Fact]
    public void Plan_ExistingCluster_IsNotCreated()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        Assert.DoesNotContain(s.Graph.Resources, r => r.Type.Token == "aws:ecs/cluster:Cluster");
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/ml-shared", ValuePath.GetString(Props(s, "scorer-service"), "cluster"));
        Assert.Equal("ml-shared", ValuePath.GetString(Props(s, "scorer-alarm-cpu"), "dimensions.ClusterName"));
    }

    [Fact]
    public void Plan_Alarms_WatchLoadBalancerErrorsLatencyAndSaturation()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        Assert.Equal(("TargetResponseTime", "p99", 0.5m), (ValuePath.GetString(Props(s, "scorer-alarm-latency"), "metricName"), ValuePath.GetString(Props(s, "scorer-alarm-latency"), "extendedStatistic"), ValuePath.GetNumber(Props(s, "scorer-alarm-latency"), "threshold")));
        Assert.Equal("HTTPCode_Target_5XX_Count", ValuePath.GetString(Props(s, "scorer-alarm-errors"), "metricQueries[0].metric.metricName"));
        Assert.Equal("MemoryUtilization", ValuePath.GetString(Props(s, "scorer-alarm-memory"), "metricName"));
        Assert.Equal(2, ((ListValue)ValuePath.Get(Props(s, "scorer-service"), "alarms.alarmNames")!).Items.Length);
    }

    [Fact]
    public void Plan_BlueGreen_InfrastructureRoleMovesTargetsOfBothGroups()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived());

        var statement = ((ListValue)ValuePath.Get(Props(s, "scorer-lb-role-policy"), "policy.Statement")!).Items.OfType<MapValue>().Single(st => ValuePath.GetString(st, "Sid") == "RegisterOwnTargets");
        Assert.Equal(["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"], ((ListValue)statement.Get("Action")!).Items.Select(a => ((StringValue)a).Value));
        Assert.Equal([Get(s, "scorer-tg"), Get(s, "scorer-tg-green")], ((ListValue)statement.Get("Resource")!).Items.Select(r => ((OutputReference)r).Target));
    }

    [Fact]
    public void Plan_BlueGreen_AlarmsAndScalingWatchBothTargetGroups()
    {
        var s = FargateSamples.Synthesize(FargateSamples.PublicWaived() with { Scaling = new Scaling { Metric = ScalingMetric.RequestsPerSecond, Target = 5 } });

        // After a swap the first target group is idle: alarms read the load balancer (both groups), scaling adds both up.
        Assert.Null(ValuePath.Get(Props(s, "scorer-alarm-latency"), "dimensions.TargetGroup"));
        Assert.All(((ListValue)Props(s, "scorer-alarm-errors").Get("metricQueries")!).Items.Where(q => q is MapValue m && m.Get("metric") is not null), q => Assert.Null(ValuePath.Get(q, "metric.dimensions.TargetGroup")));
        var metrics = (ListValue)ValuePath.Get(Props(s, "scorer-scaling-policy"), "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics")!;
        Assert.Equal("FILL(blue, 0) + FILL(green, 0)", ValuePath.GetString(metrics.Items[2], "expression"));
        Assert.Equal(Get(s, "scorer-tg-green"), ((OutputReference)ValuePath.Get(metrics.Items[1], "metricStat.metric.dimensions[1].value")!).Target);
    }

    [Fact]
    public void Plan_LogsAndCapture_AreEncryptedAndExpire()
    {
        var s = FargateSamples.Synthesize(FargateSamples.Internal() with { Monitoring = new Monitoring { DataCapturePercent = 5, NotificationEmail = "ml@example.com" } });

        Assert.Equal(Get(s, "ranker-key"), ((OutputReference)Props(s, "ranker-logs").Get("kmsKeyId")!).Target);
        var logsStatement = ((ListValue)ValuePath.Get(Props(s, "ranker-key"), "policy.Statement")!).Items.Single(st => ValuePath.GetString(st, "Sid") == "AllowCloudWatchLogsForOwnLogGroup");
        Assert.NotNull(ValuePath.Get(logsStatement, "Condition.ArnEquals"));
        Assert.Equal("capture/ranker/", ValuePath.GetString(Props(s, "ranker-artifacts-lifecycle"), "rules[0].filter.prefix"));
        Assert.Equal(30m, ValuePath.GetNumber(Props(s, "ranker-artifacts-lifecycle"), "rules[0].expiration.days"));
    }
}
