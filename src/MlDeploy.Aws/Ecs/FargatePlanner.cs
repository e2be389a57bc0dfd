using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// Plans a deployment onto an ECS service on Fargate: task definition with a model-loader init container, service
/// behind an application load balancer in an existing VPC, autoscaling, alarms and logs.
/// </summary>
public sealed class FargatePlanner : TargetPlanner<FargateTarget>
{
    /// <summary>The TLS policy of HTTPS listeners (TLS 1.3 and 1.2 only).</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private const int LoaderMemoryMiB = 256;

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities => [FargateValidator.Capabilities];

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(FargateTarget target) => FargateValidator.Capabilities;

    /// <inheritdoc/>
    protected override FargateTarget Portable(ModelDeployment deployment) => new() { VpcId = AwsPortability.VpcId };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, FargateTarget target, DeploymentPath path, Platform platform) =>
        FargateValidator.Validate(deployment, target, path)
            .Concat(FargateGroupValidator.Validate(deployment, target, path, platform))
            .Concat(AwsValidation.ValidateChannelUse(deployment, path, platform))
            .Concat(AwsCliImage.RequirePinnedInProduction(target.ModelLoaderImage, "target.modelLoaderImage", "FargateTarget.ModelLoaderImage", platform, path));

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, FargateTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var scope = new AwsScope(d, context);
        var size = FargateTaskSizes.Smallest(d.Compute)!;
        var port = d.Serving.Port;
        var isPublic = d.Network.Exposure == Exposure.Public;
        var https = (t.Group?.CertificateArn ?? t.CertificateArn) is not null;
        var shifting = d.Rollout.Strategy != RolloutStrategy.Rolling;

        var serviceName = scope.PhysicalName(255);
        var logGroupName = $"/ecs/{serviceName}";

        // The key always exists: it encrypts at least the log group.
        var (key, _, inputs, logGroup, topicArn, secrets, capture, capturePrefix) = ServiceFoundation.Create(scope, logGroupName, t.KeepImages);
        var (image, store, data, awaited) = inputs;
        var (clusterName, clusterRef) = Cluster(scope, t, serviceName);

        // The execution role is ECS's: it pulls the image, writes the log group and fetches the secrets it injects.
        var executionStatements = new List<PolicyStatement>
        {
            new("PullServingImage", ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], [image.RepositoryArn]),
            new("GetRegistryToken", ["ecr:GetAuthorizationToken"], ["*"]),
            new("WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [Value.Format($"{logGroup.Output("arn")}:*")]),
        };
        if (SecretsBlock.ReadAccess([.. secrets.Where(s => s.Arn is not StringValue { Value: var arn } || !FargateValidator.IsSsmParameter(arn))]) is { } readSecrets)
        {
            executionStatements.Add(readSecrets);
        }

        var parameters = secrets.Where(s => s.Arn is StringValue { Value: var arn } && FargateValidator.IsSsmParameter(arn)).Select(s => s.Arn).ToImmutableArray();
        if (!parameters.IsEmpty)
        {
            executionStatements.Add(new PolicyStatement("ReadOwnParameters", ["ssm:GetParameters"], parameters));
        }

        if (d.Secrets.Any(s => s.Source is ConfigSecret))
        {
            executionStatements.Add(new PolicyStatement("DecryptOwnSecrets", ["kms:Decrypt"], [key.Value.Output("arn")]));
        }

        var (executionRole, executionPolicy) = ExecutionRoleBlock.Create(scope, "execution-role", "ecs-tasks.amazonaws.com", $"ECS task execution role of {d.Name}: pulls its image, writes its logs, reads its secrets", executionStatements);

        // The task role is the server's and the loader's: it reads the model and writes captured data.
        var taskStatements = new List<PolicyStatement>(data.ReadAccess);
        Value[] keys = [.. data.EncryptedWithDeploymentKey || capture ? [key.Value.Output("arn")] : Array.Empty<Value>(), .. t.ArtifactKmsKeyArn is { } artifactKey ? [artifactKey] : Array.Empty<Value>()];
        if (keys.Length > 0)
        {
            taskStatements.Add(new PolicyStatement("UseDeploymentKey", capture ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], [.. keys]));
        }

        if (capture)
        {
            taskStatements.Add(new PolicyStatement("WriteCapturedData", ["s3:PutObject"], [Value.Format($"arn:{scope.Account.PartitionName}:s3:::{store!.BucketName}/{capturePrefix}/*")]));
        }

        var (taskRole, taskPolicy) = ExecutionRoleBlock.Create(scope, "task-role", "ecs-tasks.amazonaws.com", $"ECS task role of {d.Name}: reads its model{(capture ? ", writes captured requests" : string.Empty)}", taskStatements);

        var captureEnv = capture
            ? new Dictionary<string, Value>(StringComparer.Ordinal)
            {
                ["CAPTURE_S3_URI"] = Value.Format($"s3://{store!.BucketName}/{capturePrefix}/"),
                ["CAPTURE_PERCENT"] = d.Monitoring.DataCapturePercent.ToString(CultureInfo.InvariantCulture),
            }
            : [];
        var containers = FargateContainers.Build(scope, t, size, image.Reference, data, logGroup, secrets, captureEnv, LoaderMemoryMiB);
        var task = scope.Add("task", AwsTypes.EcsTaskDefinition, Value.Map(
            ("family", serviceName),
            ("requiresCompatibilities", Value.List("FARGATE")),
            ("networkMode", "awsvpc"),
            ("cpu", size.CpuUnits),
            ("memory", size.Memory),
            ("runtimePlatform", Value.Map(
                ("operatingSystemFamily", "LINUX"),
                ("cpuArchitecture", d.Image.BuiltFrom is { Platform: "linux/arm64" } ? "ARM64" : "X86_64"))),
            ("executionRoleArn", executionRole.Output("arn")),
            ("taskRoleArn", taskRole.Output("arn")),
            ("ephemeralStorage", Value.Map(("sizeInGib", t.EphemeralStorageGiB))),
            ("volumes", Value.List(Value.Map(("name", FargateContainers.ModelVolume)), Value.Map(("name", FargateContainers.ScratchVolume)))),
            ("containerDefinitions", Fn.ToJson(containers)),
            ("tags", scope.Tags)));

        var (lb, blue, green, listener, rule) = t.Group is { } group ? GroupRoute(scope, t, group, shifting) : LoadBalancer(scope, t, isPublic, https, shifting, context.Profile);
        var taskSg = SecurityGroups(scope, t, lb.SecurityGroup, isPublic, https);

        // A shared load balancer's own metrics mix every deployment of the group: alarms then read the target groups.
        var rollbackAlarms = FargateAlarms.Create(scope, lb.Balancer, clusterName, serviceName, topicArn, new FargateTargetGroupPair(blue, green), t.Group is not null);
        var infraRole = shifting ? TrafficShiftRole(scope, t.Group is null ? listener : null, rule!, blue, green!) : default;
        var serviceTags = d.Waivers.IsEmpty
            ? scope.Tags
            : scope.Tags.With("mldeploy:waivers", string.Join(' ', d.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal)));
        var startupSeconds = (int)d.Serving.StartupTimeout.TotalSeconds;
        var service = scope.Add(
            "service",
            AwsTypes.EcsService,
            Value.Map(
                ("name", serviceName),
                ("cluster", clusterRef),
                ("taskDefinition", task.Output("arn")),
                ("desiredCount", d.Scaling.Min),
                ("launchType", "FARGATE"),
                ("platformVersion", "LATEST"),
                ("networkConfiguration", Value.Map(
                    ("subnets", scope.Resolve(d.Network.SubnetIds)),
                    ("securityGroups", Value.List([taskSg.Output("id"), .. d.Network.SecurityGroupIds.Select(g => (Value?)scope.Resolve(g))])),
                    ("assignPublicIp", false))),
                ("loadBalancers", Value.List(Value.Map(
                    ("targetGroupArn", blue.Output("arn")),
                    ("containerName", FargateContainers.Server),
                    ("containerPort", port),
                    ("advancedConfiguration", shifting ? Value.Map(
                        ("alternateTargetGroupArn", green!.Output("arn")),
                        ("productionListenerRule", rule!.Output("arn")),
                        ("roleArn", infraRole.Role!.Output("arn"))) : null)))),
                ("healthCheckGracePeriodSeconds", startupSeconds),
                ("deploymentController", Value.Map(("type", "ECS"))),
                ("deploymentConfiguration", DeploymentConfiguration(d.Rollout)),
                ("deploymentCircuitBreaker", Value.Map(("enable", true), ("rollback", true))),
                ("alarms", d.Rollout.AutoRollback ? Value.Map(
                    ("alarmNames", Value.List(rollbackAlarms.Select(a => (Value?)a.Output("name")))),
                    ("enable", true),
                    ("rollback", true)) : null),
                ("deploymentMinimumHealthyPercent", 100),
                ("deploymentMaximumPercent", MaximumPercent(d)),
                ("availabilityZoneRebalancing", "ENABLED"),
                ("enableExecuteCommand", false),
                ("enableEcsManagedTags", true),
                ("propagateTags", "SERVICE"),
                ("waitForSteadyState", true),
                ("tags", serviceTags)),
            new ResourceOptions
            {
                // The target group must be attached to the load balancer, and the roles able to act, before tasks start.
                DependsOn = [t.Group is null ? listener : rule!, executionPolicy, taskPolicy, .. infraRole.Policy is { } p ? [p] : Array.Empty<Resource>(), .. awaited],

                // Autoscaling owns the task count after creation.
                IgnoreChanges = ["desiredCount"],

                // waitForSteadyState waits out the rollout's bake times, beyond the provider's 20 minutes.
                CustomTimeouts = CustomTimeouts.CreateAndUpdate(RolloutWait(d.Rollout, d.Serving.StartupTimeout)),
            });

        AddAutoscaling(scope, clusterName, service, lb.Balancer, blue, green);
        NoteMappings(scope, t, size, data, capture, isPublic, https, secrets.Length);
        scope.Output("service-name", service.Output("name"));

        // `verify` compares it with the task definition the service runs (a circuit-breaker rollback restores the old one).
        scope.Output("task-definition", task.Output("arn"));
        scope.Output("cluster", clusterRef);
        scope.Output("url", t.Route?.HostHeaders.FirstOrDefault(h => !h.Contains('*', StringComparison.Ordinal) && !h.Contains('?', StringComparison.Ordinal)) is { } host
            ? $"{(https ? "https" : "http")}://{host}{d.Serving.PredictPath}"
            : Value.Format($"{(https ? "https" : "http")}://{lb.Balancer.Output("dnsName")}{d.Serving.PredictPath}"));
        scope.Output("registry-url", image.RegistryUrl);
        scope.Output("image", image.Reference);
        scope.Output("image-digest", image.Digest);
        scope.Output("model-data", data.S3Uri);
    }

    private static (string Name, Value Reference) Cluster(AwsScope scope, FargateTarget t, string physicalName)
    {
        if (t.Cluster is { } existing)
        {
            var name = existing.StartsWith("arn:", StringComparison.Ordinal) ? existing[(existing.IndexOf(":cluster/", StringComparison.Ordinal) + ":cluster/".Length)..] : existing;
            scope.Note("cluster", Fidelity.Native, $"existing ECS cluster {name}");
            return (name, existing);
        }

        var cluster = scope.Add("cluster", AwsTypes.EcsCluster, Value.Map(
            ("name", physicalName),
            ("settings", Value.List(Value.Map(("name", "containerInsights"), ("value", "enabled")))),
            ("tags", scope.Tags)));
        scope.Note("cluster", Fidelity.Native, $"new ECS cluster {physicalName} with Container Insights");
        return (physicalName, cluster.Output("arn"));
    }

    private sealed record LoadBalancerParts(Resource Balancer, Resource SecurityGroup);

    private static (LoadBalancerParts Lb, Resource Blue, Resource? Green, Resource Listener, Resource? Rule) LoadBalancer(AwsScope scope, FargateTarget t, bool isPublic, bool https, bool shifting, EnvironmentProfile profile)
    {
        var d = scope.Deployment;
        var lbSg = scope.Add("lb-sg", AwsTypes.SecurityGroup, Value.Map(
            ("vpcId", t.VpcId),
            ("description", $"Load balancer of {d.Name}: admits {(isPublic ? "the internet" : "the VPC")} on {(https ? "HTTPS" : "HTTP")} and reaches only the tasks"),
            ("tags", scope.Tags)));
        var lb = scope.Add("lb", AwsTypes.LoadBalancer, Value.Map(
            ("loadBalancerType", "application"),
            ("internal", !isPublic),
            ("subnets", scope.Resolve(t.LoadBalancerSubnetIds.IsEmpty ? d.Network.SubnetIds : t.LoadBalancerSubnetIds)),
            ("securityGroups", Value.List(lbSg.Output("id"))),
            ("idleTimeout", t.IdleTimeoutSeconds),
            ("dropInvalidHeaderFields", true),
            ("desyncMitigationMode", "defensive"),
            ("enableDeletionProtection", profile == EnvironmentProfile.Production),
            ("accessLogs", t.AccessLogsBucket is { } bucket ? Value.Map(("bucket", bucket), ("enabled", true), ("prefix", d.Name)) : null),
            ("tags", scope.Tags)));

        var (blue, green) = FargateTargetGroups.Create(scope, t.VpcId, shifting);

        var defaultAction = shifting
            ? FargateListenerRules.NotFound
            : Value.Map(("type", "forward"), ("targetGroupArn", blue.Output("arn")));

        // With OIDC, every path to the targets (the default action and the traffic-shifting rule) authenticates first.
        var authenticate = OidcAction.Create(scope, t.Authentication);
        ListValue Actions(MapValue action) => OidcAction.Around(authenticate, action);
        var listener = scope.Add("listener", AwsTypes.Listener, Value.Map(
            ("loadBalancerArn", lb.Output("arn")),
            ("port", https ? 443 : 80),
            ("protocol", https ? "HTTPS" : "HTTP"),
            ("certificateArn", t.CertificateArn is { } certificate ? (Value)certificate : null),
            ("sslPolicy", https ? (Value)TlsPolicy : null),
            ("defaultActions", Actions(defaultAction)),
            ("tags", scope.Tags)));

        var rule = shifting
            ? FargateListenerRules.Create(scope, listener, 1, Value.List(Value.Map(("pathPattern", Value.Map(("values", Value.List("/*")))))), authenticate, blue, green)
            : null;

        return (new LoadBalancerParts(lb, lbSg), blue, green, listener, rule);
    }

    /// <summary>A deployment in a service group: its target groups and the listener rule that routes its requests on the group's listener.</summary>
    private static (LoadBalancerParts Lb, Resource Blue, Resource? Green, Resource Listener, Resource? Rule) GroupRoute(AwsScope scope, FargateTarget t, FargateServiceGroup group, bool shifting)
    {
        var shared = FargateServiceGroupBlock.Resolve(scope, group);
        var (blue, green) = FargateTargetGroups.Create(scope, t.VpcId, shifting);
        var route = t.Route!;

        // One condition per kind: the rule matches when the host is one of the hosts and the path one of the patterns.
        var conditions = Value.List(
            route.HostHeaders.IsEmpty ? null : Value.Map(("hostHeader", Value.Map(("values", Strings(route.HostHeaders))))),
            route.PathPatterns.IsEmpty ? null : Value.Map(("pathPattern", Value.Map(("values", Strings(route.PathPatterns))))));
        var rule = FargateListenerRules.Create(scope, shared.Listener, route.Priority, conditions, shared.Authenticate, blue, green);
        return (new LoadBalancerParts(shared.Balancer, shared.SecurityGroup), blue, green, shared.Listener, rule);
    }

    private static Resource SecurityGroups(AwsScope scope, FargateTarget t, Resource lbSg, bool isPublic, bool https)
    {
        var d = scope.Deployment;
        var port = d.Serving.Port;
        var taskSg = scope.Add("task-sg", AwsTypes.SecurityGroup, Value.Map(
            ("vpcId", t.VpcId),
            ("description", $"Tasks of {d.Name}: admit only the load balancer on {port}"),
            ("tags", scope.Tags)));

        // A service group's load balancer admits its callers itself; each deployment opens only its own tasks to it.
        if (t.Group is null)
        {
            LoadBalancerIngress.Create(scope, t.VpcId, lbSg, t.IngressCidrs, isPublic, https);
        }

        scope.Add("lb-egress", AwsTypes.SecurityGroupEgressRule, Value.Map(
            ("securityGroupId", lbSg.Output("id")),
            ("description", t.Group is null ? "to the tasks on the server port only" : $"to the tasks of {d.Name} on the server port only"),
            ("ipProtocol", "tcp"),
            ("fromPort", port),
            ("toPort", port),
            ("referencedSecurityGroupId", taskSg.Output("id")),
            ("tags", scope.Tags)));
        scope.Add("task-ingress", AwsTypes.SecurityGroupIngressRule, Value.Map(
            ("securityGroupId", taskSg.Output("id")),
            ("description", "from the load balancer only"),
            ("ipProtocol", "tcp"),
            ("fromPort", port),
            ("toPort", port),
            ("referencedSecurityGroupId", lbSg.Output("id")),
            ("tags", scope.Tags)));
        scope.Add("task-egress", AwsTypes.SecurityGroupEgressRule, Value.Map(
            ("securityGroupId", taskSg.Output("id")),
            ("description", "HTTPS to ECR, S3, CloudWatch Logs and Secrets Manager (VPC endpoints or NAT)"),
            ("ipProtocol", "tcp"),
            ("fromPort", 443),
            ("toPort", 443),
            ("cidrIpv4", "0.0.0.0/0"),
            ("tags", scope.Tags)));
        return taskSg;
    }

    private static (Resource? Role, Resource? Policy) TrafficShiftRole(AwsScope scope, Resource? ownListener, Resource rule, Resource blue, Resource green)
    {
        // The actions of the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers (AWS Managed Policy
        // Reference): describe calls on '*', RegisterTargets/DeregisterTargets on target groups, ModifyListener and
        // ModifyRule; here each scoped to this deployment's own target groups, listener and rule. A service group's
        // listener is shared: ECS shifts an ALB deployment's traffic on its production listener rule (ECS API
        // Reference, AdvancedConfiguration.productionListenerRule), so the role may modify that rule and no listener.
        PolicyStatement[] statements =
        [
            new("DescribeLoadBalancing", ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"], ["*"]),
            new("RegisterOwnTargets", ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"], [blue.Output("arn"), green.Output("arn")]),
            ownListener is null
                ? new("ShiftTraffic", ["elasticloadbalancing:ModifyRule"], [rule.Output("arn")])
                : new("ShiftTraffic", ["elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule"], [ownListener.Output("arn"), rule.Output("arn")]),
        ];

        // No aws:SourceAccount/aws:SourceArn condition: the trust policy ECS documents for this role ("Amazon ECS
        // infrastructure IAM role for load balancers") has none, and ECS does not document passing either key when it
        // assumes the role, so a condition could make every blue/green deployment fail. The role can do nothing but
        // move this deployment's targets and traffic.
        var (role, policy) = ExecutionRoleBlock.Create(scope, "lb-role", "ecs.amazonaws.com", $"ECS infrastructure role of {scope.Name}: shifts traffic between its target groups", statements, limitToAccount: false);
        scope.Note("identity", Fidelity.Approximated, "the ECS infrastructure role for traffic shifting trusts ecs.amazonaws.com without aws:SourceAccount/aws:SourceArn conditions: ECS documents none for it, and may only move this deployment's targets and traffic");
        return (role, policy);
    }

    private static readonly TimeSpan ProviderDefaultWait = TimeSpan.FromMinutes(20);

    private static MapValue DeploymentConfiguration(Rollout rollout)
    {
        var bake = ((int)Math.Ceiling(rollout.BakeTime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return rollout.Strategy switch
        {
            RolloutStrategy.Rolling => Value.Map(("strategy", "ROLLING")),
            RolloutStrategy.BlueGreen => Value.Map(("strategy", "BLUE_GREEN"), ("bakeTimeInMinutes", bake)),
            RolloutStrategy.Canary => Value.Map(
                ("strategy", "CANARY"),
                ("bakeTimeInMinutes", bake),
                ("canaryConfiguration", Value.Map(("canaryPercent", rollout.TrafficPercent), ("canaryBakeTimeInMinutes", bake)))),
            _ => Value.Map(
                ("strategy", "LINEAR"),
                ("bakeTimeInMinutes", bake),
                ("linearConfiguration", Value.Map(("stepPercent", rollout.TrafficPercent), ("stepBakeTimeInMinutes", bake)))),
        };
    }

    /// <summary>
    /// How long <c>pulumi up</c> may wait for the service: with <c>waitForSteadyState</c> the provider returns when the
    /// deployment has finished, which for a traffic-shifting strategy is after every step's bake and the final bake time
    /// (ECS Developer Guide, blue/green, canary and linear deployments: the old tasks stay until the bake time ends), and
    /// it gives up after 20 minutes unless told otherwise (terraform-provider-aws <c>ecs/service.go</c>, Timeouts: 20 m
    /// create, update and delete). A 10-minute canary bake plus the 10-minute final bake already reached that, so every
    /// such update failed. Startup allowance, bakes and 15 minutes for placement, image pulls and target health, never
    /// below the provider's default. docs/AWS-RUNTIME.md 26.
    /// </summary>
    internal static TimeSpan RolloutWait(Rollout rollout, TimeSpan startup)
    {
        // ECS takes the bake times in whole minutes (DeploymentConfiguration above rounds them up the same way).
        var bake = TimeSpan.FromMinutes(Math.Ceiling(rollout.BakeTime.TotalMinutes));
        var bakes = rollout.Strategy switch
        {
            RolloutStrategy.Rolling => TimeSpan.Zero,
            RolloutStrategy.BlueGreen => bake,
            RolloutStrategy.Canary => bake * 2,
            _ => bake * (Math.Ceiling(100.0 / Math.Max(1, rollout.TrafficPercent)) + 1),
        };
        var wait = startup + bakes + TimeSpan.FromMinutes(15);
        return wait < ProviderDefaultWait ? ProviderDefaultWait : wait;
    }

    /// <summary>Rolling: room for the rollout's batch, and at least one extra task; traffic-shifting strategies start a full second set.</summary>
    private static int MaximumPercent(ModelDeployment d)
    {
        if (d.Rollout.Strategy != RolloutStrategy.Rolling)
        {
            return 200;
        }

        var oneTask = (int)Math.Ceiling(100m / Math.Max(1, d.Scaling.Min));
        return 100 + Math.Min(100, Math.Max(d.Rollout.TrafficPercent, oneTask));
    }

    private static void AddAutoscaling(AwsScope scope, string clusterName, Resource service, Resource lb, Resource targetGroup, Resource? green)
    {
        var s = scope.Deployment.Scaling;
        var decision = ScalingOn(s);
        TargetTrackingBlock.Add(
            scope,
            new ScalableResource("ecs", "ecs:service:DesiredCount", Value.Format($"service/{clusterName}/{service.Output("name")}"), scope.Tags),
            decision,
            s.Metric == ScalingMetric.RequestsPerSecond
                ? green is null
                    ? ("predefinedMetricSpecification", Value.Map(("predefinedMetricType", decision.Metric), ("resourceLabel", Value.Format($"{lb.Output("arnSuffix")}/{targetGroup.Output("arnSuffix")}"))))
                    : ("customizedMetricSpecification", RequestsPerTargetOfBoth(lb, targetGroup, green))
                : ("predefinedMetricSpecification", Value.Map(("predefinedMetricType", decision.Metric))));
    }

    /// <summary>
    /// Blue/green, canary and linear move the traffic to the other target group on every deployment, so the predefined
    /// ALBRequestCountPerTarget (one target group) would watch an idle group after the first swap. RequestCountPerTarget
    /// of both groups added up is the per-task load: the idle group reports nothing (FILL 0), and while both serve, each
    /// holds a full set of tasks carrying its share.
    /// </summary>
    private static MapValue RequestsPerTargetOfBoth(Resource lb, Resource blue, Resource green)
    {
        MapValue Query(string id, Resource group) => Value.Map(
            ("id", id),
            ("metricStat", Value.Map(
                ("metric", Value.Map(
                    ("namespace", FargateAlarms.AlbNamespace),
                    ("metricName", "RequestCountPerTarget"),
                    ("dimensions", Value.List(
                        Value.Map(("name", "LoadBalancer"), ("value", lb.Output("arnSuffix"))),
                        Value.Map(("name", "TargetGroup"), ("value", group.Output("arnSuffix"))))))),
                ("stat", "Sum"))),
            ("returnData", false));
        return Value.Map(("metrics", Value.List(
            Query("blue", blue),
            Query("green", green),
            Value.Map(("id", "perTarget"), ("expression", "FILL(blue, 0) + FILL(green, 0)"), ("label", "requests per task (both target groups)"), ("returnData", true)))));
    }

    /// <summary>Requests/s become <c>ALBRequestCountPerTarget</c>, counted per minute (x60); CPU stays a percentage.</summary>
    private static ScalingDecision ScalingOn(Scaling s) => s.Metric == ScalingMetric.RequestsPerSecond
        ? new("ALBRequestCountPerTarget", s.Target * 60, Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"{s.Min}-{s.Max} tasks, target {s.Target * 60} ALBRequestCountPerTarget per minute ({s.Target}/s)"))
        : new("ECSServiceAverageCPUUtilization", s.Target, Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"{s.Min}-{s.Max} tasks, target ECSServiceAverageCPUUtilization {s.Target} %"));

    private static string Conditions(FargateRoute route) =>
        (route.HostHeaders.IsEmpty ? string.Empty : $", hosts {string.Join(" ", route.HostHeaders)}") + (route.PathPatterns.IsEmpty ? string.Empty : $", paths {string.Join(" ", route.PathPatterns)}");

    private static ListValue Strings(ImmutableArray<string> items) => Value.List(items.Select(i => (Value?)i));

    private static void NoteMappings(AwsScope scope, FargateTarget t, FargateTaskSize size, ModelData data, bool capture, bool isPublic, bool https, int secretCount)
    {
        var d = scope.Deployment;
        var c = d.Compute;
        string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var exact = size.Vcpu == c.Cpu && size.MemoryGiB == c.MemoryGiB;
        scope.Note("compute", exact ? Fidelity.Native : Fidelity.Approximated, Invariant(
            $"{c.Cpu} vCPU / {c.MemoryGiB} GiB -> Fargate task {size.Vcpu} vCPU / {size.MemoryGiB} GiB (cpu {size.CpuUnits}, memory {size.Memory}){(exact ? string.Empty : ", the smallest Fargate size that fits")}"));
        var scaling = ScalingOn(d.Scaling);
        scope.Note("scaling", scaling.Fidelity, scaling.Note);
        var r = d.Rollout;
        var bake = (int)Math.Ceiling(r.BakeTime.TotalMinutes);
        var rollout = r.Strategy switch
        {
            RolloutStrategy.Rolling => Invariant($"ECS rolling update (min healthy 100 %, max {MaximumPercent(d)} %), circuit breaker with rollback"),
            RolloutStrategy.BlueGreen => Invariant($"native ECS blue/green between two target groups, bake {bake} min, circuit breaker with rollback"),
            RolloutStrategy.Canary => Invariant($"native ECS canary: {r.TrafficPercent} % of traffic for {bake} min, then all; circuit breaker with rollback"),
            _ => Invariant($"native ECS linear: {r.TrafficPercent} % steps every {bake} min; circuit breaker with rollback"),
        };
        scope.Note("rollout", Fidelity.Native, rollout + (r.AutoRollback ? ", and on the latency and error alarms" : string.Empty));
        scope.Note("model delivery", Fidelity.Native, $"init container {t.ModelLoaderImage} copies {(data.Kind == ModelDataKind.TarGz ? "and extracts the tarball" : "the data")} into a task volume, mounted read-only at {d.Serving.ModelDir}; the server starts when it has completed");
        var balancer = t.Group is { } group
            ? string.Create(CultureInfo.InvariantCulture, $"route (listener rule priority {t.Route!.Priority}{Conditions(t.Route)}) on the shared {(isPublic ? "public (waived MLS-NET-01)" : "internal")} application load balancer of service group {group.Name}")
            : $"{(isPublic ? "public (waived MLS-NET-01)" : "internal")} application load balancer";
        scope.Note("network", https ? Fidelity.Native : Fidelity.Approximated, $"{balancer}, {(https ? $"HTTPS ({TlsPolicy})" : "plain HTTP inside the VPC: callers' tokens and payloads cross the VPC unencrypted (set CertificateArn; production requires it)")}; tasks in private subnets without public IPs, reachable only from the load balancer");
        var authentication = t.Group is null ? t.Authentication : t.Group.Authentication;
        scope.Note("auth", authentication is null ? Fidelity.Approximated : Fidelity.Native, authentication is { } oidc
            ? $"the load balancer authenticates every caller with OpenID Connect ({oidc.Issuer}) before forwarding; unauthenticated requests are denied"
            : d.Network.RequireAuth
            ? isPublic ? "the load balancer does not authenticate callers: the server must (waived MLS-NET-02)" : "the load balancer does not authenticate callers: the server must (the network limits who can reach it)"
            : isPublic ? "no authentication (waived MLS-NET-02)" : "no authentication; only the private network limits who can call");
        scope.Note("monitoring", Fidelity.Native, Invariant($"alarms: {new AlarmSignals(d.Monitoring).Describe(t.Group is null ? "TargetResponseTime" : "TargetResponseTime of its own target group(s), not the shared load balancer's", "CPU/memory")}; logs kept {d.Monitoring.LogRetentionDays} days"));
        if (capture)
        {
            scope.Note("data capture", Fidelity.Approximated, Invariant($"ECS has no capture: the server gets CAPTURE_S3_URI and CAPTURE_PERCENT={d.Monitoring.DataCapturePercent} and writes samples itself with its task role"));
        }

        if (secretCount > 0)
        {
            scope.Note("secrets", Fidelity.Native, Invariant($"{secretCount} secret(s) injected by ECS as environment variables from Secrets Manager / SSM by reference"));
        }
    }
}
