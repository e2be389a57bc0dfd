using System.Globalization;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>
/// Plans a deployment onto Cloud Run: the project APIs, the deployment's service account with exactly its grants, the
/// Artifact Registry repository and image, the model bucket, the service (image by digest, Cloud Storage volume,
/// probes, scaling, traffic split), its invokers, and Cloud Monitoring alert policies.
/// </summary>
public sealed class CloudRunPlanner : TargetPlanner<CloudRunTarget>
{
    /// <summary>The monitored resource type of Cloud Run revisions (TARGETS.md 7, metrics).</summary>
    public const string RevisionResource = "cloud_run_revision";

    /// <summary>The request latency distribution, in milliseconds.</summary>
    public const string LatencyMetric = "run.googleapis.com/request_latencies";

    /// <summary>The request count, labelled with <c>response_code_class</c>.</summary>
    public const string RequestCountMetric = "run.googleapis.com/request_count";

    internal const string ModelVolume = "model";
    internal const string Server = "server";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities => CloudRunCapabilities.Documented;

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(CloudRunTarget target) => CloudRunCapabilities.Record;

    /// <inheritdoc/>
    protected override CloudRunTarget Portable(ModelDeployment deployment) => new() { Project = GcpPortability.Project, Region = GcpPortability.Region };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, CloudRunTarget target, DeploymentPath path, Platform platform) =>
        CloudRunValidator.Validate(deployment, target, path);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, CloudRunTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var scope = new GcpScope(d, context, t.Project, t.Region);
        string[] needed = [ProjectServicesBlock.CloudRun, ProjectServicesBlock.ArtifactRegistry, ProjectServicesBlock.ContainerScanning, ProjectServicesBlock.Storage, ProjectServicesBlock.Monitoring, ProjectServicesBlock.Iam];
        var apis = ProjectServicesBlock.Enable(scope, d.Secrets.IsEmpty ? needed : [.. needed, ProjectServicesBlock.SecretManager]);
        var identity = ServiceAccountBlock.Create(scope, apis);
        var member = identity.Output("member");
        var image = ArtifactRegistryBlock.For(scope, d.Image, t.KmsKeyName, apis, t.DisplayName);
        var model = ModelBucketBlock.For(scope, d.Artifact, t.KmsKeyName, apis, t.DisplayName);

        // The service account's only rights: read the one repository, the model folder of the one bucket, the named secrets.
        var grants = new List<Resource> { ArtifactRegistryBlock.GrantReader(scope, image, member), ModelBucketBlock.GrantReader(scope, model, member) };
        if (ArtifactRegistryBlock.GrantServiceAgent(scope, image, "serverless-robot-prod.iam.gserviceaccount.com", apis) is { } agent)
        {
            grants.Add(agent);
        }

        var secrets = d.Secrets.Where(s => s.Source is StoredSecret).Select(s => (s.Name, Secret: SecretName(((StoredSecret)s.Source).Id), Version: SecretVersion(((StoredSecret)s.Source).Id))).ToList();
        foreach (var secret in secrets)
        {
            grants.Add(scope.Add($"secret-reader-{Slug(secret.Name)}", GcpTypes.SecretIamMember, Value.Map(
                ("secretId", secret.Secret),
                ("role", "roles/secretmanager.secretAccessor"),
                ("member", member))));
        }

        var gpu = d.Compute.Gpu is not null;
        var scaling = ScalingOn(d, t);
        var serviceName = GcpNames.Id(scope, 49);

        // Revisions are named <service>-<number>-<suffix>, a custom one <service>-<suffix> (Cloud Run Admin API v2,
        // RevisionTemplate.revision: "must be prefixed with the name of the enclosing Service").
        scope.RequireOwnRevision(t.StableRevision, serviceName, "-", "Cloud Run service");
        var service = scope.Add(
            "service",
            GcpTypes.CloudRunService,
            Value.Map(
                ("project", t.Project),
                ("location", t.Region),
                ("name", serviceName),
                ("description", $"{d.Name} ({context.Project}/{context.Stack})"),
                ("ingress", d.Network.Exposure == Exposure.Public ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_ONLY"),
                ("invokerIamDisabled", false),

                // The provider defaults deletionProtection to true, and then `pulumi destroy` (and any replacement) fails
                // (TARGETS.md 7; GoogleCloudPlatform/magic-modules#11318). The SDK's stacks are destroyed and replaced by
                // Pulumi; protection against accidents is Pulumi's `protect`, set through Customize where wanted.
                ("deletionProtection", false),
                ("template", Value.Map(
                    ("serviceAccount", identity.Output("email")),
                    ("timeout", Seconds(t.RequestTimeout)),
                    ("maxInstanceRequestConcurrency", (int)scaling.Target),

                    // The second generation runtime: full Linux compatibility and Cloud Storage volume mounts (SECURITY.md 2.22).
                    ("executionEnvironment", "EXECUTION_ENVIRONMENT_GEN2"),
                    ("scaling", Value.Map(("minInstanceCount", d.Scaling.Min), ("maxInstanceCount", d.Scaling.Max))),
                    ("nodeSelector", gpu ? Value.Map(("accelerator", CloudRunCapabilities.L4Accelerator)) : null),
                    ("containers", Value.List(Container(d, t, image.Reference, secrets))),
                    ("volumes", Value.List(Value.Map(
                        ("name", ModelVolume),
                        ("gcs", Value.Map(
                            ("bucket", model.Bucket),
                            ("readOnly", true),
                            ("mountOptions", model.Folder.Length == 0 ? null : Value.List($"only-dir={model.Folder}"))))))),
                    ("labels", scope.Tags))),
                ("traffics", Traffic(d, t)),
                ("labels", scope.TagsWithWaivers())),
            new ResourceOptions
            {
                // The identity must be able to pull, read the model and the secrets before the first revision starts.
                DependsOn = [.. apis, .. grants, .. model.Uploads, .. image.Copy is { } copy ? [copy] : Array.Empty<Resource>()],
            });

        Invokers(scope, d, t, service);
        var channel = CloudMonitoringBlock.Channel(scope);
        CloudMonitoringBlock.Alerts(scope, $"resource.type = \"{RevisionResource}\" AND resource.labels.service_name = \"{serviceName}\"", channel, apis, Conditions(d));
        if (d.Scaling.Min == 0)
        {
            scope.Unmeasured(MonitoringSignal.HealthyReplicas, "the service may scale to zero (Scaling.Min = 0), so it has no replica floor to alert on");
        }

        scope.Unmeasured(MonitoringSignal.StartupFailures, "Cloud Run counts no failed starts (container/startup_latencies measures successful ones): a revision whose startup probe fails never becomes ready, so the deploy fails and traffic stays on the serving revision");
        CloudMonitoringBlock.Dashboard(scope);

        scope.Output("url", service.Output("uri"));
        scope.Output("latest-revision", service.Output("latestReadyRevision"));
        scope.Output("image", image.Reference);
        CloudRunNotes.Write(scope, t, scaling, channel is not null);
    }

    private static MapValue Container(ModelDeployment d, CloudRunTarget t, Value image, IReadOnlyList<(string Name, string Secret, string Version)> secrets)
    {
        var s = d.Serving;
        var c = d.Compute;
        var gpu = c.Gpu is not null;
        return Value.Map(
            ("name", Server),
            ("image", image),
            ("args", s.Args.IsEmpty ? null : Value.List(s.Args.Select(a => (Value?)a))),
            ("envs", Value.List([
                .. s.Env.Select(e => (Value?)Value.Map(("name", e.Key), ("value", e.Value))),
                Value.Map(("name", "MODEL_DIR"), ("value", s.ModelDir)),
                .. secrets.Select(x => (Value?)Value.Map(("name", x.Name), ("valueSource", Value.Map(("secretKeyRef", Value.Map(("secret", x.Secret), ("version", x.Version)))))))])),
            ("ports", Value.Map(("name", "http1"), ("containerPort", s.Port))),
            ("resources", Value.Map(
                ("limits", Value.Map(
                    ("cpu", Number(c.Cpu)),
                    ("memory", c.MemoryGiB == decimal.Truncate(c.MemoryGiB) ? $"{Number(c.MemoryGiB)}Gi" : $"{Number(c.MemoryGiB * 1024)}Mi"),
                    ("nvidia.com/gpu", gpu ? (Value)"1" : null))),

                // GPU services require CPU always allocated (instance-based billing; Cloud Run docs, "GPU support for services").
                ("cpuIdle", !(gpu || t.CpuAlwaysAllocated)),
                ("startupCpuBoost", true))),
            ("startupProbe", CloudRunProbes.Startup(s)),
            ("livenessProbe", CloudRunProbes.Liveness(s)),
            ("volumeMounts", Value.List(Value.Map(("name", ModelVolume), ("mountPath", s.ModelDir)))));
    }

    /// <summary>
    /// Without <see cref="CloudRunTarget.StableRevision"/> the latest revision takes everything; with it, a canary share
    /// (the rest stays on the stable one) or, for blue/green, 0 % under the tag <c>candidate</c> (its own URL for tests).
    /// </summary>
    private static ListValue Traffic(ModelDeployment d, CloudRunTarget t)
    {
        const string Latest = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";
        const string Revision = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";
        return (d.Rollout.Strategy, t.StableRevision) switch
        {
            (_, null) => Value.List(Value.Map(("type", Latest), ("percent", 100))),
            (RolloutStrategy.BlueGreen, { } stable) => Value.List(
                Value.Map(("type", Revision), ("revision", stable), ("percent", 100)),
                Value.Map(("type", Latest), ("percent", 0), ("tag", "candidate"))),
            (_, { } stable) => Value.List(
                Value.Map(("type", Revision), ("revision", stable), ("percent", 100 - d.Rollout.TrafficPercent)),
                Value.Map(("type", Latest), ("percent", d.Rollout.TrafficPercent), ("tag", "candidate"))),
        };
    }

    /// <summary><c>roles/run.invoker</c> for each named caller, or for <c>allUsers</c> when the deployment turns authentication off.</summary>
    private static void Invokers(GcpScope scope, ModelDeployment d, CloudRunTarget t, Resource service)
    {
        var members = d.Network.RequireAuth ? t.Invokers.Order(StringComparer.Ordinal).ToList() : ["allUsers"];
        foreach (var invoker in members)
        {
            scope.Add(members.Count == 1 && !d.Network.RequireAuth ? "invoker-public" : $"invoker-{Slug(invoker)}", GcpTypes.CloudRunIamMember, Value.Map(
                ("project", t.Project),
                ("location", t.Region),
                ("name", service.Output("name")),
                ("role", "roles/run.invoker"),
                ("member", invoker)));
        }
    }

    /// <summary>
    /// Cloud Run scales on concurrent requests per instance. A concurrency target is the ceiling itself; requests/s becomes
    /// one by Little's law at the p99 latency threshold (in flight = rate x time), which over-provisions a faster model.
    /// <see cref="CloudRunTarget.MaxConcurrency"/> overrides both.
    /// </summary>
    private static ScalingDecision ScalingOn(ModelDeployment d, CloudRunTarget t)
    {
        var s = d.Scaling;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        if (t.MaxConcurrency is { } set)
        {
            return new("concurrency", set, Fidelity.Native, Text($"{s.Min}-{s.Max} instances, at most {set} concurrent requests per instance (MaxConcurrency)"));
        }

        if (s.Metric == ScalingMetric.Concurrency)
        {
            var target = Math.Clamp(Math.Ceiling(s.Target), 1, CloudRunCapabilities.MaxConcurrency);
            return new("concurrency", target, Fidelity.Native, Text($"{s.Min}-{s.Max} instances, at most {target} concurrent requests per instance"));
        }

        var concurrency = Math.Clamp(Math.Ceiling(s.Target * d.Monitoring.LatencyP99Ms / 1000m), 1, CloudRunCapabilities.MaxConcurrency);
        return new("concurrency", concurrency, Fidelity.Approximated, Text($"{s.Min}-{s.Max} instances, at most {concurrency} concurrent requests per instance ({s.Target}/s x the {d.Monitoring.LatencyP99Ms} ms p99 threshold; Cloud Run scales on concurrency, not rate)"));
    }

    /// <summary>
    /// The alert set from the cloud-neutral signals (TARGETS.md 7 and 12.3): p99 of <c>request_latencies</c> (milliseconds)
    /// per minute, the 5xx share of <c>request_count</c> as a ratio condition, and CPU and memory utilization (0-1).
    /// </summary>
    private static MetricCondition[] Conditions(ModelDeployment d)
    {
        var m = d.Monitoring;
        var signals = new AlarmSignals(m);
        return
        [
            MetricCondition.LatencyP99(signals, LatencyMetric),
            MetricCondition.ServerErrorRate(signals, RequestCountMetric, "metric.labels.response_code_class = \"5xx\""),
            new(MonitoringSignal.Saturation, "alert-cpu", $"CPU above {m.SaturationPercent} % of its limit", "run.googleapis.com/container/cpu/utilizations", "ALIGN_PERCENTILE_99", "REDUCE_MAX", signals.Saturation() / 100m),
            new(MonitoringSignal.Saturation, "alert-memory", $"memory above {m.SaturationPercent} % of its limit", "run.googleapis.com/container/memory/utilizations", "ALIGN_PERCENTILE_99", "REDUCE_MAX", signals.Saturation() / 100m),

            // container/instance_count, "number of container instances that exist, broken down by state" (active or
            // idle), per revision: "Container instance count" is a built-in service metric in
            // https://cloud.google.com/run/docs/monitoring, its full type run.googleapis.com/container/instance_count
            // in the Cloud Monitoring metrics list (GCP metrics, "run"). Idle instances kept by min-instances count
            // too, so all states are added up. A service that may scale to zero has no floor.
            .. d.Scaling.Min > 0
                ? [new MetricCondition(MonitoringSignal.HealthyReplicas, "alert-instances", $"fewer than {d.Scaling.Min} instances", "run.googleapis.com/container/instance_count", "ALIGN_MEAN", "REDUCE_SUM", d.Scaling.Min, Below: true)]
                : Array.Empty<MetricCondition>(),
        ];
    }

    /// <summary><c>projects/p/secrets/s</c> of a secret id with or without a version.</summary>
    private static string SecretName(string id) => id.Contains("/versions/", StringComparison.Ordinal) ? id[..id.IndexOf("/versions/", StringComparison.Ordinal)] : id;

    private static string SecretVersion(string id) => id.Contains("/versions/", StringComparison.Ordinal) ? id[(id.IndexOf("/versions/", StringComparison.Ordinal) + 10)..] : "latest";

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s");

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Slug(string text) =>
        new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
