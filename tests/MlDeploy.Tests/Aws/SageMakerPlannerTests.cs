using MlDeploy.Aws.SageMaker;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aws;

public class SageMakerPlannerTests
{
    private static Synthesis Synth(ModelDeployment d, EnvironmentProfile profile = EnvironmentProfile.Production) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(profile, d), profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging);

    private static Resource Get(Synthesis s, string name) => s.Graph.Resources.Single(r => r.Name == name);

    private static MapValue Props(Synthesis s, string name) => Get(s, name).Properties;

    private static List<string> Sids(Synthesis s, string policy) =>
        [.. ((ListValue)ValuePath.Get(Props(s, policy), "policy.Statement")!).Items.Select(st => ValuePath.GetString(st, "Sid")!)];

    [Theory]
    [InlineData(2, 8, null, 0, "ml.m5.large")]
    [InlineData(2, 4, null, 0, "ml.c5.large")]
    [InlineData(3, 20, null, 0, "ml.r5.xlarge")]
    [InlineData(4, 16, "T4", 1, "ml.g4dn.xlarge")]
    [InlineData(8, 32, "A10G", 1, "ml.g5.2xlarge")]
    [InlineData(8, 32, "A10G", 4, "ml.g5.12xlarge")]
    [InlineData(16, 128, "L40S", 1, "ml.g6e.4xlarge")]
    [InlineData(96, 1000, "A100", 8, "ml.p4d.24xlarge")]
    public void Plan_Compute_MapsToTheSmallestInstanceThatFits(int cpu, int memory, string? kind, int gpus, string expected)
    {
        var d = SampleDeployments.CpuEndpoint() with { Compute = new Compute { Cpu = cpu, MemoryGiB = memory, Gpu = kind is { } k ? new Gpu(gpus, new GpuKind(k)) : null } };

        Assert.Equal(expected, ValuePath.GetString(Props(Synth(d), "fraud-endpoint-config"), "productionVariants[0].instanceType"));
    }

    [Fact]
    public void Plan_InstanceStorageType_OmitsVolumeKeyAndSaysWhy()
    {
        var s = Synth(SampleDeployments.GpuEndpoint());

        Assert.Null(Props(s, "llm-endpoint-config").Get("kmsKeyArn"));
        var note = s.Notes.Single(n => n.Concept == "encryption");
        Assert.Equal((Fidelity.Approximated, "ml.g5.2xlarge has NVMe instance storage (hardware-encrypted); SageMaker rejects a volume KMS key for it"), (note.Fidelity, note.Text));
    }

    [Fact]
    public void Plan_ExecutionRole_GrantsOnlyWhatTheEndpointUses()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());

        Assert.Equal(
            ["PullServingImage", "GetRegistryToken", "ReadModelArtifacts", "ListModelArtifacts", "UseDeploymentKey", "WriteCapturedData", "WriteOwnLogs", "PublishEndpointMetrics", "ReadRollbackAlarms", "ManageOwnNetworkInterfaces", "DescribeNetwork"],
            Sids(s, "fraud-role-policy"));
        var statements = (ListValue)ValuePath.Get(Props(s, "fraud-role-policy"), "policy.Statement")!;
        var pull = statements.Items[0];
        Assert.Equal(Get(s, "fraud-repo"), ((OutputReference)ValuePath.Get(pull, "Resource")!).Target);
        var capture = (Interpolation)ValuePath.Get(statements.Items[5], "Resource")!;
        Assert.Equal("/capture/fraud/*", ((StringValue)capture.Parts[^1]).Value);
        Assert.Equal("models/fraud/*", ((ListValue)ValuePath.Get(statements.Items[3], "Condition.StringLike.s3:prefix")!).Items.OfType<StringValue>().Single().Value);
    }

    [Fact]
    public void Plan_AutoRollback_RoleMayDescribeExactlyTheAlarmsTheEndpointRollsBackOn()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());
        var statement = ((ListValue)ValuePath.Get(Props(s, "fraud-role-policy"), "policy.Statement")!).Items.Single(st => ValuePath.GetString(st, "Sid") == "ReadRollbackAlarms");
        var rollbackAlarms = ((ListValue)ValuePath.Get(Props(s, "fraud-endpoint"), "deploymentConfig.autoRollbackConfiguration.alarms")!).Items
            .Select(a => ((OutputReference)ValuePath.Get(a, "alarmName")!).Target.Name);
        var resources = ValuePath.Get(statement, "Resource") is ListValue list ? list.Items : [ValuePath.Get(statement, "Resource")!];

        Assert.Equal("cloudwatch:DescribeAlarms", ValuePath.GetString(statement, "Action"));
        Assert.Equal(["fraud-alarm-errors", "fraud-alarm-latency"], rollbackAlarms.Order(StringComparer.Ordinal));
        Assert.Equal(rollbackAlarms.Order(StringComparer.Ordinal), resources.Select(r => ((OutputReference)r).Target.Name).Order(StringComparer.Ordinal));
        Assert.All(resources, r => Assert.Equal("arn", ((OutputReference)r).Path));
    }

    [Fact]
    public void Plan_NoAutoRollbackOrServerless_RoleReadsNoAlarms()
    {
        var manual = Synth(SampleDeployments.CpuEndpoint() with { Rollout = new Rollout { AutoRollback = false } }, EnvironmentProfile.Development);
        var serverless = Synth(SampleDeployments.Serverless(), EnvironmentProfile.Development);

        Assert.DoesNotContain("ReadRollbackAlarms", Sids(manual, "fraud-role-policy"));
        Assert.DoesNotContain("ReadRollbackAlarms", Sids(serverless, "churn-role-policy"));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(40, true)]
    public void Plan_UpdatesNote_SaysWhatReplacesTheEndpointAndWhenAStartupCanOutlastTheProvidersWait(int startupMinutes, bool said)
    {
        var d = SampleDeployments.CpuEndpoint() with { Serving = SampleDeployments.CpuEndpoint().Serving with { StartupTimeout = TimeSpan.FromMinutes(startupMinutes) } };

        var note = Synth(d).Notes.Single(n => n.Concept == "updates").Text;

        Assert.Contains("turning Rollout.AutoRollback on or off replaces the endpoint (deleted, then created again: an outage while it starts)", note, StringComparison.Ordinal);
        Assert.Equal(said, note.Contains("an update can outlast the provider's fixed 60-minute wait for the endpoint when the model uses its whole start-up allowance (20 min of bake times plus up to 45 min to launch and start)", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ExistingImageAndS3Object_ReadsOnlyThatObjectAndPullsOnlyThatRepository()
    {
        var s = Synth(SampleDeployments.GpuEndpoint());

        // Nothing of this deployment is stored by the SDK (existing image, existing artifact, existing topic, NVMe
        // volumes), so it gets no bucket, repository or KMS key it would pay for without using.
        // The deployment's key remains: it encrypts the log group.
        Assert.DoesNotContain(s.Graph.Resources, r => r.Type.Token is "aws:ecr/repository:Repository" or "aws:s3/bucket:Bucket" or "docker-build:index:Image" or "aws:sns/topic:Topic");
        Assert.Equal(["PullServingImage", "GetRegistryToken", "ReadModelArtifact", "WriteOwnLogs", "PublishEndpointMetrics", "ReadRollbackAlarms"], Sids(s, "llm-role-policy"));
        var statements = (ListValue)ValuePath.Get(Props(s, "llm-role-policy"), "policy.Statement")!;
        var read = (Interpolation)ValuePath.Get(statements.Items[2], "Resource")!;
        Assert.Equal(":s3:::models-prod/llm/v7/model.tar.gz", ((StringValue)read.Parts[^1]).Value);
        var pull = (Interpolation)ValuePath.Get(statements.Items[0], "Resource")!;
        Assert.Equal(":ecr:us-east-1:123456789012:repository/team/llm-server", ((StringValue)pull.Parts[^1]).Value);
        Assert.Equal(SampleDeployments.PinnedImage, ValuePath.GetString(Props(s, "llm-model"), "primaryContainer.image"));
        Assert.Equal("s3://models-prod/llm/v7/model.tar.gz", ValuePath.GetString(Props(s, "llm-model"), "primaryContainer.modelDataUrl"));
    }

    [Fact]
    public void Plan_TgzObject_IsGivenAsAGzipModelDataSource_SinceModelDataUrlTakesOnlyTheTarGzSuffix()
    {
        var s = Synth(SampleDeployments.GpuEndpoint() with { Artifact = ModelArtifact.FromUri("s3://models-prod/llm/v7/model.tgz") });

        var model = Props(s, "llm-model");
        Assert.Null(ValuePath.Get(model, "primaryContainer.modelDataUrl"));
        Assert.Equal(
            ("s3://models-prod/llm/v7/model.tgz", "S3Object", "Gzip"),
            (ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].s3Uri"), ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].s3DataType"), ValuePath.GetString(model, "primaryContainer.modelDataSource.s3DataSources[0].compressionType")));
    }

    [Fact]
    public void Plan_BuiltImage_DeploysRepositoryAtPushedDigest()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());

        var image = (Interpolation)ValuePath.Get(Props(s, "fraud-model"), "primaryContainer.image")!;
        Assert.Equal([Get(s, "fraud-repo"), Get(s, "fraud-image")], image.Parts.OfType<OutputReference>().Select(o => o.Target));
        Assert.Equal(["repositoryUrl", "digest"], image.Parts.OfType<OutputReference>().Select(o => o.Path));
        Assert.True(Get(s, "fraud-image").Options.RetainOnDelete);
    }

    [Fact]
    public void Plan_Serverless_HasNoInstancesAutoscalingOrGuardrailedRollout()
    {
        var s = Synth(SampleDeployments.Serverless(), EnvironmentProfile.Development);

        var variant = ValuePath.Get(Props(s, "churn-endpoint-config"), "productionVariants[0]");
        Assert.Equal(2048m, ValuePath.GetNumber(variant, "serverlessConfig.memorySizeInMb"));
        Assert.Null(ValuePath.Get(variant, "instanceType"));
        Assert.Null(Props(s, "churn-endpoint").Get("deploymentConfig"));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Name is "churn-scaling-target" or "churn-alarm-cpu");
        Assert.Contains(s.Graph.Resources, r => r.Name == "churn-alarm-latency");
    }

    [Fact]
    public void Plan_Serverless_SetsNoIsolationOrVpc()
    {
        // Serverless endpoints support neither; CreateEndpoint fails for a serverless model that asks for them.
        var s = Synth(SampleDeployments.Serverless(), EnvironmentProfile.Development);

        Assert.Null(Props(s, "churn-model").Get("enableNetworkIsolation"));
        Assert.Null(Props(s, "churn-model").Get("vpcConfig"));
    }

    [Fact]
    public void Plan_NewEndpointConfig_ReplacesAutoscalingBeforeTheEndpointUpdate()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());

        var config = Get(s, "fraud-endpoint-config");
        Assert.True(config.Options.DeleteBeforeReplace);
        Assert.True(config.Options.RetainOnDelete);
        Assert.True(Get(s, "fraud-model").Options.RetainOnDelete);

        // The scalable target's resourceId (which forces a new target) depends on the configuration.
        var resourceId = (FunctionCall)Props(s, "fraud-scaling-target").Get("resourceId")!;
        Assert.Equal(BuiltinFunction.Select, resourceId.Function);
        var choices = (ListValue)((ListValue)resourceId.Argument).Items[1];
        Assert.Equal(config, ((OutputReference)choices.Items[1]).Target);
    }

    [Fact]
    public void Plan_Outputs_WhatAPostDeployCheckCompares()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());

        var outputs = s.Graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["fraud-endpoint-name", "fraud-endpoint-config-name", "fraud-model-name", "fraud-image-digest", "fraud-model-data"], StringComparer.Ordinal), outputs);
    }

    [Theory]
    [InlineData(ScalingMetric.RequestsPerSecond, 10, 600, "predefinedMetricSpecification.predefinedMetricType", "SageMakerVariantInvocationsPerInstance")]
    [InlineData(ScalingMetric.CpuUtilization, 70, 140, "customizedMetricSpecification.metricName", "CPUUtilization")]
    public void Plan_Scaling_TranslatesPerReplicaTargetsToSageMakerUnits(ScalingMetric metric, int target, int expected, string path, string metricName)
    {
        var s = Synth(SampleDeployments.CpuEndpoint() with { Scaling = new Scaling { Min = 2, Max = 5, Metric = metric, Target = target } });

        var config = ValuePath.Get(Props(s, "fraud-scaling-policy"), "targetTrackingScalingPolicyConfiguration");
        Assert.Equal(expected, ValuePath.GetNumber(config, "targetValue"));
        Assert.Equal(metricName, ValuePath.GetString(config, path));
        Assert.Equal((2m, 5m), (ValuePath.GetNumber(Props(s, "fraud-scaling-target"), "minCapacity"), ValuePath.GetNumber(Props(s, "fraud-scaling-target"), "maxCapacity")));
    }

    [Theory]
    [InlineData(RolloutStrategy.Canary, "blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.value")]
    [InlineData(RolloutStrategy.Linear, "blueGreenUpdatePolicy.trafficRoutingConfiguration.linearStepSize.value")]
    [InlineData(RolloutStrategy.Rolling, "rollingUpdatePolicy.maximumBatchSize.value")]
    public void Plan_Rollout_MapsToDeploymentGuardrailsWithAlarmRollback(RolloutStrategy strategy, string sizePath)
    {
        var s = Synth(SampleDeployments.CpuEndpoint() with { Rollout = new Rollout { Strategy = strategy, TrafficPercent = 20, BakeTime = TimeSpan.FromMinutes(5) } });

        var config = Props(s, "fraud-endpoint").Get("deploymentConfig");
        Assert.Equal(20m, ValuePath.GetNumber(config, sizePath));
        var alarms = (ListValue)ValuePath.Get(config, "autoRollbackConfiguration.alarms")!;
        Assert.Equal(["fraud-alarm-latency", "fraud-alarm-errors"], alarms.Items.Select(a => ((OutputReference)ValuePath.Get(a, "alarmName")!).Target.Name));
    }

    [Fact]
    public void Plan_ConfigSecret_GoesToSecretsManagerByReferenceNeverByValue()
    {
        var d = SampleDeployments.CpuEndpoint() with
        {
            Target = new SageMakerTarget { NetworkIsolation = false },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("apiToken"))],
        };

        var s = Synth(d);

        Assert.Equal(new ConfigParameter("apiToken", ConfigType.String, Secret: true), Assert.Single(s.Graph.Config));
        Assert.IsType<ConfigReference>(Props(s, "fraud-secret-api-token-value").Get("secretString"));
        var env = (OutputReference)ValuePath.Get(Props(s, "fraud-model"), "primaryContainer.environment.API_TOKEN_SECRET_ARN")!;
        Assert.Equal(("fraud-secret-api-token", "arn"), (env.Target.Name, env.Path));
        Assert.Contains("ReadOwnSecrets", Sids(s, "fraud-role-policy"));
    }

    [Fact]
    public void Plan_Waivers_AreTaggedOnTheEndpoint()
    {
        var d = SampleDeployments.CpuEndpoint() with { Scaling = new Scaling { Min = 1, Max = 2 }, Waivers = [new Waiver("MLS-REL-01", "shadow model, single instance is enough")] };

        var s = Synth(d);

        Assert.Equal("MLS-REL-01", ValuePath.GetString(Props(s, "fraud-endpoint"), "tags.mldeploy:waivers"));
        Assert.Equal(MlDeploy.Guardrails.GuardrailStatus.Waived, Assert.Single(s.Guardrails).Status);
    }

    [Fact]
    public void Plan_Outputs_NameEndpointUrlRegistryAndDigest()
    {
        var s = Synth(SampleDeployments.CpuEndpoint());

        Assert.Equal(
            ["fraud-endpoint-name", "fraud-endpoint-arn", "fraud-invoke-url", "fraud-registry-url", "fraud-image", "fraud-image-digest", "fraud-model-data", "fraud-endpoint-config-name", "fraud-model-name", "fraud-model-sha256"],
            s.Graph.Outputs.Select(o => o.Name));
    }
}
