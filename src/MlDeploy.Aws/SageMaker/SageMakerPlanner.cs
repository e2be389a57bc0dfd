using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.SageMaker;

/// <summary>Plans a deployment onto a SageMaker real-time endpoint (instance-backed or serverless).</summary>
public sealed class SageMakerPlanner : TargetPlanner<SageMakerTarget>
{
    private const string VariantName = "primary";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities =>
        [SageMakerCapabilities.Of(new SageMakerTarget()), SageMakerCapabilities.Of(new SageMakerTarget { Serverless = new SageMakerServerless(2048, 20) })];

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(SageMakerTarget target) => SageMakerCapabilities.Of(target);

    /// <inheritdoc/>
    protected override SageMakerTarget Portable(ModelDeployment deployment) => new();

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, SageMakerTarget target, DeploymentPath path, Platform platform) =>
        SageMakerValidator.Validate(deployment, target, path).Concat(AwsValidation.ValidateChannelUse(deployment, path, platform));

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, SageMakerTarget target, PlanContext context)
    {
        var d = deployment;
        var scope = new AwsScope(d, context);
        var serverless = target.Serverless;
        var instance = serverless is null
            ? SageMakerInstanceTypes.Find(target.InstanceType ?? string.Empty) ?? SageMakerInstanceTypes.Smallest(d.Compute)!
            : null;

        var endpointName = scope.PhysicalName(63);
        var logGroupName = $"/aws/sagemaker/Endpoints/{endpointName}";

        // The role uses the key for what it reads and writes (image, model, capture, volumes, secrets), not for the log
        // group, which CloudWatch Logs encrypts itself.
        var (key, storesWithKey, inputs, logGroup, topicArn, secrets, capture, capturePrefix) = ServiceFoundation.Create(scope, logGroupName, target.KeepImages);
        var (image, store, data, awaited) = inputs;

        // Before the role: its policy names the alarms that roll an update back.
        var rollbackAlarms = SageMakerAlarms.Create(scope, endpointName, VariantName, topicArn, instance);

        var encryptVolume = instance is { InstanceStorage: false };
        if (encryptVolume)
        {
            _ = key.Value;
        }

        var statements = new List<PolicyStatement>
        {
            new("PullServingImage", ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], [image.RepositoryArn]),
            new("GetRegistryToken", ["ecr:GetAuthorizationToken"], ["*"]),
        };
        statements.AddRange(data.ReadAccess);
        var roleUsesKey = storesWithKey || encryptVolume || capture || d.Secrets.Any(x => x.Source is ConfigSecret);
        Value[] keys = [.. roleUsesKey ? [key.Value.Output("arn")] : Array.Empty<Value>(), .. target.ArtifactKmsKeyArn is { } artifactKey ? [artifactKey] : Array.Empty<Value>()];
        if (keys.Length > 0)
        {
            statements.Add(new PolicyStatement("UseDeploymentKey", capture ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], [.. keys]));
        }
        if (capture)
        {
            statements.Add(new PolicyStatement("WriteCapturedData", ["s3:PutObject"], [Value.Format($"arn:{scope.Account.PartitionName}:s3:::{store!.BucketName}/{capturePrefix}/*")]));
        }

        statements.Add(new PolicyStatement("WriteOwnLogs", ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], [Value.Format($"{logGroup.Output("arn")}:*")]));
        statements.Add(new PolicyStatement("PublishEndpointMetrics", ["cloudwatch:PutMetricData"], ["*"])
        {
            Condition = Value.Map(("StringEquals", Value.Map(("cloudwatch:namespace", SageMakerAlarms.InstanceNamespace)))),
        });
        if (serverless is null && d.Rollout.AutoRollback)
        {
            // SageMaker reads the auto-rollback alarms with the execution role while an update bakes: "Ensure that your IAM
            // execution role has permission to perform the cloudwatch:DescribeAlarms action on the auto-rollback alarms
            // you specify" (SageMaker Developer Guide, "Auto-Rollback Configuration and Monitoring"). docs/AWS-RUNTIME.md 25.
            statements.Add(new PolicyStatement("ReadRollbackAlarms", ["cloudwatch:DescribeAlarms"], [.. rollbackAlarms.Select(a => a.Output("arn"))]));
        }

        var privateNetwork = d.Network.Exposure == Exposure.Private;
        if (privateNetwork)
        {
            statements.AddRange(VpcAccess(scope, d.Network));

            // SageMaker's documented VPC permissions ("Give SageMaker Access to Resources in your Amazon VPC") name no
            // condition that scopes the interfaces it creates; their ids exist only at run time.
            scope.Note("identity", Fidelity.Approximated, "the execution role may create and delete network interfaces in this account and region (network-interface/*) on the given subnets and security groups: SageMaker picks the interface ids at run time and documents no condition that narrows DeleteNetworkInterface further");
        }

        if (SecretsBlock.ReadAccess(secrets) is { } readSecrets)
        {
            statements.Add(readSecrets);
        }

        var (role, rolePolicy) = ExecutionRoleBlock.Create(scope, "role", "sagemaker.amazonaws.com", $"SageMaker execution role of {d.Name}: pulls its image, reads its model, writes its logs", statements);

        var environment = d.Serving.Env
            .Select(e => new KeyValuePair<string, Value>(e.Key, e.Value))
            .Append(new("MODEL_DIR", d.Serving.ModelDir))
            .Concat(secrets.Select(s => new KeyValuePair<string, Value>($"{s.Name}_SECRET_ARN", s.Arn)));
        var container = Value.Map(
            ("image", image.Reference),
            ("mode", "SingleModel"),
            ("environment", Value.SortedMap(environment)));
        // ModelDataUrl "must point to a single gzip compressed tar archive (.tar.gz suffix)" (CreateModel
        // ContainerDefinition); another tarball (a .tgz, or a DVC object keyed by its md5) is given as an S3Object with
        // CompressionType Gzip instead, which SageMaker decompresses and untars whatever its key (S3ModelDataSource).
        container = data.Kind == ModelDataKind.TarGz && data.KeyEndsInTarGz
            ? container.With("modelDataUrl", data.S3Uri)
            : container.With("modelDataSource", Value.Map(("s3DataSources", Value.List(Value.Map(
                ("s3Uri", data.S3Uri),
                ("s3DataType", data.Kind == ModelDataKind.Prefix ? "S3Prefix" : "S3Object"),
                ("compressionType", data.Kind == ModelDataKind.TarGz ? "Gzip" : "None"))))));

        var model = scope.Add(
            "model",
            AwsTypes.SageMakerModel,
            Value.Map(
                ("executionRoleArn", role.Output("arn")),
                ("primaryContainer", container),
                // Serverless endpoints support neither network isolation nor VPC configuration (AWS "Serverless
                // Inference", feature exclusions), so a serverless model sets neither; validation requires the waiver.
                ("enableNetworkIsolation", serverless is null ? target.NetworkIsolation : null),
                ("vpcConfig", privateNetwork && serverless is null ? Value.Map(
                    ("subnets", scope.Resolve(d.Network.SubnetIds)),
                    ("securityGroupIds", scope.Resolve(d.Network.SecurityGroupIds))) : null),
                ("tags", scope.Tags)),

            // SageMaker checks the role's access when it creates the model and downloads the data when the endpoint starts.
            // A replaced model is kept: after a rolled-back update the endpoint still runs the old one, and the provider
            // reports the update as done and would delete it (terraform-provider-aws #48997, #46663).
            new ResourceOptions { DependsOn = [rolePolicy, .. awaited], RetainOnDelete = true });

        var startupSeconds = (int)d.Serving.StartupTimeout.TotalSeconds;
        var variant = serverless is null
            ? Value.Map(
                ("variantName", VariantName),
                ("modelName", model.Output("name")),
                ("instanceType", instance!.Name),
                ("initialInstanceCount", d.Scaling.Min),
                ("initialVariantWeight", 1),
                ("modelDataDownloadTimeoutInSeconds", startupSeconds),
                ("containerStartupHealthCheckTimeoutInSeconds", startupSeconds),
                ("routingConfigs", Value.List(Value.Map(("routingStrategy", "LEAST_OUTSTANDING_REQUESTS")))))
            : Value.Map(
                ("variantName", VariantName),
                ("modelName", model.Output("name")),
                ("serverlessConfig", Value.Map(
                    ("memorySizeInMb", serverless.MemoryMb),
                    ("maxConcurrency", serverless.MaxConcurrency),
                    ("provisionedConcurrency", serverless.ProvisionedConcurrency is { } pc ? pc : null))));

        var endpointConfig = scope.Add("endpoint-config", AwsTypes.SageMakerEndpointConfiguration, Value.Map(
            ("productionVariants", Value.List(variant)),
            ("kmsKeyArn", encryptVolume ? key.Value.Output("arn") : null),
            ("dataCaptureConfig", capture ? Value.Map(
                ("enableCapture", true),
                ("initialSamplingPercentage", d.Monitoring.DataCapturePercent),
                ("destinationS3Uri", Value.Format($"s3://{store!.BucketName}/{capturePrefix}")),
                ("kmsKeyId", key.Value.Output("arn")),
                ("captureOptions", Value.List(Value.Map(("captureMode", "Input")), Value.Map(("captureMode", "Output")))),
                ("captureContentTypeHeader", Value.Map(
                    ("csvContentTypes", Value.List("text/csv")),
                    ("jsonContentTypes", Value.List("application/json"))))) : null),
            ("tags", scope.Tags)),
            new ResourceOptions
            {
                // Kept when replaced, like the model: a rolled-back endpoint still runs the old configuration.
                RetainOnDelete = true,

                // Delete-before-replace (a no-op delete, the configuration is retained) makes Pulumi first delete the
                // dependents that a new configuration replaces: the scalable target and its policy. SageMaker fails an
                // update that changes the instance type of an auto-scaled variant (AWS "Update an endpoint that uses
                // automatic scaling"), so autoscaling is deregistered before the endpoint update and registered again
                // after it, in one `pulumi up`.
                DeleteBeforeReplace = serverless is null,
            });

        var endpointTags = d.Waivers.IsEmpty
            ? scope.Tags
            : scope.Tags.With("mldeploy:waivers", string.Join(' ', d.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal)));
        var endpoint = scope.Add(
            "endpoint",
            AwsTypes.SageMakerEndpoint,
            Value.Map(
                ("name", endpointName),
                ("endpointConfigName", endpointConfig.Output("name")),
                ("deploymentConfig", serverless is null ? DeploymentConfig(d.Rollout, rollbackAlarms) : null),
                ("tags", endpointTags)),
            new ResourceOptions { DependsOn = [logGroup] });

        if (serverless is null)
        {
            AddAutoscaling(scope, endpoint, endpointConfig, instance!);
        }

        NoteMappings(scope, instance, serverless, data, capture, privateNetwork, secrets.Length);
        scope.Output("endpoint-name", endpoint.Output("name"));
        scope.Output("endpoint-arn", endpoint.Output("arn"));
        scope.Output("invoke-url", Value.Format($"https://runtime.sagemaker.{scope.Account.RegionName}.{scope.Account.DnsSuffix}/endpoints/{endpoint.Output("name")}/invocations"));
        scope.Output("registry-url", image.RegistryUrl);
        scope.Output("image", image.Reference);
        scope.Output("image-digest", image.Digest);
        scope.Output("model-data", data.S3Uri);

        // What a post-deploy check compares with DescribeEndpoint: a rolled-back update leaves the endpoint on another
        // configuration than the one Pulumi recorded (terraform-provider-aws #48997).
        scope.Output("endpoint-config-name", endpointConfig.Output("name"));
        scope.Output("model-name", model.Output("name"));
    }

    private static IEnumerable<PolicyStatement> VpcAccess(AwsScope scope, Network network)
    {
        var account = scope.Account;
        Value Ec2(Value resource) => account.Arn("ec2", account.RegionName, account.AccountId, resource);
        yield return new PolicyStatement(
            "ManageOwnNetworkInterfaces",
            ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"],
            [Ec2("network-interface/*"), .. network.SubnetIds.Select(s => Ec2(Value.Format($"subnet/{scope.Resolve(s)}"))), .. network.SecurityGroupIds.Select(g => Ec2(Value.Format($"security-group/{scope.Resolve(g)}")))]);
        yield return new PolicyStatement(
            "DescribeNetwork",
            ["ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
            ["*"]);
    }

    private static MapValue DeploymentConfig(Rollout rollout, IReadOnlyList<Resource> rollbackAlarms)
    {
        var bake = (int)rollout.BakeTime.TotalSeconds;
        var size = Value.Map(("type", "CAPACITY_PERCENT"), ("value", rollout.TrafficPercent));
        var policy = rollout.Strategy switch
        {
            RolloutStrategy.Rolling => ("rollingUpdatePolicy", Value.Map(
                ("maximumBatchSize", size),
                ("waitIntervalInSeconds", bake),
                ("rollbackMaximumBatchSize", Value.Map(("type", "CAPACITY_PERCENT"), ("value", 100))))),
            _ => ("blueGreenUpdatePolicy", Value.Map(
                ("trafficRoutingConfiguration", Value.Map(
                    ("type", rollout.Strategy switch
                    {
                        RolloutStrategy.Canary => "CANARY",
                        RolloutStrategy.Linear => "LINEAR",
                        _ => "ALL_AT_ONCE",
                    }),
                    ("waitIntervalInSeconds", bake),
                    ("canarySize", rollout.Strategy == RolloutStrategy.Canary ? size : null),
                    ("linearStepSize", rollout.Strategy == RolloutStrategy.Linear ? size : null))),

                // Keep the old fleet while the new one bakes at full traffic, so a rollback is instant.
                ("terminationWaitInSeconds", bake))),
        };
        return Value.Map(
            policy,
            ("autoRollbackConfiguration", rollout.AutoRollback
                ? Value.Map(("alarms", Value.List(rollbackAlarms.Select(a => (Value?)Value.Map(("alarmName", a.Output("name")))))))
                : null));
    }

    private static void AddAutoscaling(AwsScope scope, Resource endpoint, Resource endpointConfig, SageMakerInstanceType instance)
    {
        var s = scope.Deployment.Scaling;

        // resourceId is the same string either way; selecting it from a list that also holds the configuration's name
        // makes it depend on the configuration, so a new configuration replaces the target (resourceId forces a new
        // target) and the configuration's delete-before-replace deletes the target before the endpoint update.
        var resourceId = Fn.Select(0, Value.List(Value.Format($"endpoint/{endpoint.Output("name")}/variant/{VariantName}"), endpointConfig.Output("name")));
        var dimensions = Value.List(
            Value.Map(("name", "EndpointName"), ("value", endpoint.Output("name"))),
            Value.Map(("name", "VariantName"), ("value", VariantName)));
        var decision = ScalingOn(s, instance);
        TargetTrackingBlock.Add(
            scope,
            new ScalableResource("sagemaker", "sagemaker:variant:DesiredInstanceCount", resourceId),
            decision,
            s.Metric == ScalingMetric.RequestsPerSecond
                ? ("predefinedMetricSpecification", Value.Map(("predefinedMetricType", decision.Metric)))
                : ("customizedMetricSpecification", Custom(decision.Metric, dimensions)));
    }

    /// <summary>
    /// Requests/s become <c>SageMakerVariantInvocationsPerInstance</c>, counted per minute (x60); instance utilization
    /// metrics add up over cores and GPUs (100 % each), so a per-replica percentage is multiplied by their number.
    /// </summary>
    private static ScalingDecision ScalingOn(Scaling s, SageMakerInstanceType instance)
    {
        string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        var replicas = Invariant($"{s.Min}-{s.Max} instances");
        return s.Metric switch
        {
            ScalingMetric.RequestsPerSecond => new("SageMakerVariantInvocationsPerInstance", s.Target * 60, Fidelity.Native, Invariant($"{replicas}, target {s.Target * 60} SageMakerVariantInvocationsPerInstance per minute ({s.Target}/s)")),
            ScalingMetric.CpuUtilization => new("CPUUtilization", s.Target * instance.Vcpu, Fidelity.Native, Invariant($"{replicas}, target CPUUtilization {s.Target * instance.Vcpu} ({s.Target} % of {instance.Vcpu} vCPU)")),
            _ => new("GPUUtilization", s.Target * instance.GpuCount, Fidelity.Native, Invariant($"{replicas}, target GPUUtilization {s.Target * instance.GpuCount} ({s.Target} % of {instance.GpuCount} GPU)")),
        };
    }

    private static MapValue Custom(string metricName, Value dimensions) => Value.Map(
        ("metricName", metricName),
        ("namespace", SageMakerAlarms.InstanceNamespace),
        ("statistic", "Average"),
        ("unit", "Percent"),
        ("dimensions", dimensions));

    private static void NoteMappings(AwsScope scope, SageMakerInstanceType? instance, SageMakerServerless? serverless, ModelData data, bool capture, bool privateNetwork, int secretCount)
    {
        var d = scope.Deployment;
        var c = d.Compute;
        string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (instance is not null)
        {
            var exact = instance.Vcpu == c.Cpu && instance.MemoryGiB == c.MemoryGiB && instance.GpuCount == (c.Gpu?.Count ?? 0);
            scope.Note("compute", exact ? Fidelity.Native : Fidelity.Approximated, Invariant(
                $"{c.Cpu} vCPU / {c.MemoryGiB} GiB{(c.Gpu is null ? string.Empty : $" / {c.Gpu.Count}x {c.Gpu.Kind}")} -> {instance.Name} ({instance.Vcpu} vCPU / {instance.MemoryGiB} GiB{(instance.GpuCount == 0 ? string.Empty : $" / {instance.GpuCount}x {instance.GpuKind}")})"));
            var scaling = ScalingOn(d.Scaling, instance);
            scope.Note("scaling", scaling.Fidelity, scaling.Note);
            scope.Note("rollout", Fidelity.Native, Invariant(
                $"{d.Rollout.Strategy} via SageMaker deployment guardrails, {d.Rollout.TrafficPercent} % steps, bake {(int)d.Rollout.BakeTime.TotalSeconds} s{(d.Rollout.AutoRollback ? ", auto-rollback on latency and error alarms" : string.Empty)}"));
            // Validation refuses waits that leave no room; a start-up that may use its whole allowance on top is said here.
            var waits = SageMakerValidator.ConfiguredWaits(d.Rollout);
            var starts = d.Rollout.Strategy == RolloutStrategy.Rolling ? SageMakerValidator.Steps(d.Rollout) : 1;
            var longest = waits + (starts * (d.Serving.StartupTimeout + SageMakerValidator.InstanceLaunch));
            var outlast = longest > SageMakerValidator.ProviderWait
                ? Invariant($"; an update can outlast the provider's fixed {(int)SageMakerValidator.ProviderWait.TotalMinutes}-minute wait for the endpoint when the model uses its whole start-up allowance ({(int)Math.Ceiling(waits.TotalMinutes)} min of bake times plus up to {(int)Math.Ceiling(longest.TotalMinutes - waits.TotalMinutes)} min to launch and start): `pulumi up` then fails while SageMaker finishes, and the next run after InService converges")
                : string.Empty;
            // The provider marks deployment_config.auto_rollback_configuration ForceNew (terraform-provider-aws
            // sagemaker/endpoint.go), and the endpoint's fixed name makes that a delete before the create.
            scope.Note("updates", Fidelity.Approximated,
                "a new endpoint configuration deregisters autoscaling before the endpoint update and registers it again after (instance type changes fail on auto-scaled variants); replaced models and configurations are retained; after a failed or rolled-back update, compare the endpoint's configuration with output endpoint-config-name and run `pulumi up` again; turning Rollout.AutoRollback on or off replaces the endpoint (deleted, then created again: an outage while it starts)" + outlast);
            scope.Note("encryption", instance.InstanceStorage ? Fidelity.Approximated : Fidelity.Native, instance.InstanceStorage
                ? $"{instance.Name} has NVMe instance storage (hardware-encrypted); SageMaker rejects a volume KMS key for it"
                : "storage volume encrypted with the deployment's KMS key");
        }
        else
        {
            scope.Note("compute", Fidelity.Approximated, Invariant($"serverless, {serverless!.MemoryMb} MB per invocation (compute.cpu/memory not used)"));
            scope.Note("scaling", Fidelity.Approximated, Invariant($"serverless scales itself from 0 to {serverless.MaxConcurrency} concurrent invocations{(serverless.ProvisionedConcurrency is { } pc ? $", {pc} provisioned" : string.Empty)}"));
            scope.Note("rollout", Fidelity.Approximated, "serverless endpoints are updated without deployment guardrails");
            scope.Note("isolation", Fidelity.Approximated, "serverless endpoints support neither network isolation nor a VPC: the container can reach the internet (waived MLS-NET-06)");
        }

        scope.Note("model delivery", Fidelity.Native, $"SageMaker copies {(data.Kind == ModelDataKind.TarGz ? "and extracts the tarball" : "the data")} to {d.Serving.ModelDir} before the container starts");
        scope.Note("network", Fidelity.Native, privateNetwork
            ? "model in the given VPC subnets; invoke through the VPC's sagemaker.runtime interface endpoint; IAM (SigV4) auth"
            : "public SageMaker runtime API, IAM (SigV4) auth required");
        var signals = new AlarmSignals(d.Monitoring).Describe("ModelLatency", instance is null ? null : instance.GpuCount > 0 ? "CPU/GPU" : "CPU");
        scope.Note("monitoring", Fidelity.Native, Invariant($"alarms: {signals}; logs kept {d.Monitoring.LogRetentionDays} days"));
        if (capture)
        {
            scope.Note("data capture", Fidelity.Native, Invariant($"{d.Monitoring.DataCapturePercent} % of requests and responses to s3://<artifacts>/capture/{d.Name}, KMS-encrypted"));
        }

        if (secretCount > 0)
        {
            scope.Note("secrets", Fidelity.Approximated, Invariant($"{secretCount} secret(s) in Secrets Manager; SageMaker has no secret injection, so the container gets <NAME>_SECRET_ARN and reads the value with its role"));
        }
    }
}
