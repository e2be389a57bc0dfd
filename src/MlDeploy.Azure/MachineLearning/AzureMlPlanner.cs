using System.Globalization;
using MlDeploy.Azure.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>
/// Plans a deployment onto an Azure ML managed online endpoint: resource group, ACR and image, model storage, the
/// workspace (existing or created), the endpoint's user-assigned identity with exactly its grants, model and environment
/// versions, the endpoint, a managed online deployment per revision, the traffic step, Azure Monitor autoscale and alerts.
/// </summary>
public sealed class AzureMlPlanner : TargetPlanner<AzureMlTarget>
{
    /// <summary>The metric namespace and resource type of an online endpoint (TARGETS.md 4.5).</summary>
    public const string EndpointResourceType = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";

    /// <summary>The metric namespace and resource type of an online deployment (TARGETS.md 4.5).</summary>
    public const string DeploymentResourceType = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities => AzureMlCapabilities.Documented;

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(AzureMlTarget target) => AzureMlCapabilities.For(target);

    /// <inheritdoc/>
    protected override AzureMlTarget Portable(ModelDeployment deployment) => new() { Location = AzurePortability.Location };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, AzureMlTarget target, DeploymentPath path, Platform platform) =>
        AzureMlValidator.Validate(deployment, target, path);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, AzureMlTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var existingGroup = t.WorkspaceId is { } id ? AzureMlValidator.WorkspaceId().Match(id).Groups["group"].Value : t.ResourceGroupName;
        var scope = new AzureScope(d, context, t.Location, existingGroup);
        var identity = IdentityBlock.Create(scope);
        var image = RegistryBlock.For(scope, d.Image, premium: false, untaggedRetentionDays: 0, t.RegistryId, t.DisplayName);
        var model = ModelStoreBlock.For(scope, d.Artifact, t.ArtifactStorageAccountId, t.DisplayName);
        var workspace = t.WorkspaceId is { } existing
            ? AzureMlWorkspaceBlock.Existing(scope, existing)
            : AzureMlWorkspaceBlock.Create(scope, model.AccountId ?? ModelStoreBlock.Account(scope).Output("id"), image.RegistryId);

        // The endpoint identity's only rights (docs "Authentication for managed online endpoints": a user-assigned identity
        // gets no automatic assignments): pull from the one registry, read the one model container and the workspace's
        // default datastore, write the deployment's metrics to the workspace, read the named secrets.
        var grants = new List<Resource>
        {
            IdentityBlock.Grant(scope, "acr-pull", image.RegistryId, "registry", AzureRoles.AcrPull, identity),
            ModelStoreBlock.GrantReader(scope, model, identity),
            AzureMlWorkspaceBlock.GrantDatastoreReader(scope, workspace, identity),
            IdentityBlock.Grant(scope, "metrics-writer", workspace.Id, "workspace", AzureRoles.AzureMlMetricsWriter, identity),
        };
        var secrets = d.Secrets.Where(s => s.Source is StoredSecret).Select(s => (s.Name, Url: ((StoredSecret)s.Source).Id)).ToList();
        foreach (var (name, url) in secrets)
        {
            var vaultSecret = ContainerApps.ContainerAppsValidator.KeyVaultSecret().Match(url).Groups["name"].Value;
            grants.Add(IdentityBlock.Grant(scope, $"secret-reader-{vaultSecret.ToLowerInvariant()}", $"{t.KeyVaultId}/secrets/{vaultSecret}", $"Key Vault secret {vaultSecret}", AzureRoles.KeyVaultSecretsUser, identity));
        }

        var instance = t.InstanceType is { } named ? AzureMlInstanceTypes.Find(named)! : AzureMlInstanceTypes.Smallest(d.Compute)!;
        var modelVersion = AssetVersion(ArtifactFiles.ContentIdentity(context.RootDirectory, d.Artifact));
        var environmentVersion = AssetVersion(ImageIdentity(d.Image));
        var revision = Naming.PhysicalName.Create(12, "rev", modelVersion, environmentVersion, instance.Name);

        var (registeredModel, environment) = Assets(scope, workspace, model, image, modelVersion, environmentVersion);
        var isPublic = d.Network.Exposure == Exposure.Public;
        var stable = t.StableDeployment == revision ? null : t.StableDeployment;
        var tags = d.Waivers.IsEmpty ? scope.Tags : scope.Tags.With("mldeploy:waivers", string.Join(' ', d.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal)));
        var endpointName = scope.PhysicalName(32);
        var endpoint = scope.Add(
            "endpoint",
            AzureTypes.OnlineEndpoint,
            Value.Map(
                ("resourceGroupName", scope.ResourceGroupName),
                ("workspaceName", workspace.Name),
                ("endpointName", endpointName),
                ("location", t.Location),
                ("identity", Value.Map(("type", "UserAssigned"), ("userAssignedIdentities", Value.List(identity.Output("id"))))),
                ("properties", Value.Map(
                    ("authMode", t.AuthMode == AzureMlAuthMode.Key ? "Key" : "AADToken"),
                    ("publicNetworkAccess", isPublic ? "Enabled" : "Disabled"),
                    ("description", $"{d.Name}: managed online endpoint of {scope.Context.Project}/{scope.Context.Stack}"),

                    // Only a deployment that exists before this run may be named here (TARGETS.md 4.3).
                    ("traffic", stable is null ? null : Value.Map((stable, 100))))),
                ("tags", tags)),
            new ResourceOptions
            {
                // The traffic step owns the weights after creation: Pulumi never writes them back (docs/AZURE-RUNTIME.md).
                IgnoreChanges = ["properties.traffic"],
            });

        var scaling = ScalingOn(d, revision);
        var autoscaled = d.Scaling.Max > d.Scaling.Min;
        var online = scope.Add(
            "deployment",
            AzureTypes.OnlineDeployment,
            Value.Map(
                ("resourceGroupName", scope.ResourceGroupName),
                ("workspaceName", workspace.Name),
                ("endpointName", endpoint.Output("name")),
                ("deploymentName", revision),
                ("location", t.Location),
                ("sku", Value.Map(("name", "Default"), ("capacity", d.Scaling.Min))),
                ("properties", Value.Map(
                    ("endpointComputeType", "Managed"),
                    ("description", $"revision {revision}: model {modelVersion}, environment {environmentVersion}, {instance.Name}"),
                    ("instanceType", instance.Name),
                    ("model", registeredModel.Output("id")),
                    ("modelMountPath", d.Serving.ModelDir),
                    ("environmentId", environment.Output("id")),
                    ("environmentVariables", Value.SortedMap([
                        .. d.Serving.Env.Select(e => new KeyValuePair<string, Value>(e.Key, e.Value)),
                        new("MODEL_DIR", d.Serving.ModelDir),
                        .. secrets.Select(s => new KeyValuePair<string, Value>($"{s.Name}_SECRET_URL", s.Url))])),
                    ("requestSettings", Value.Map(
                        ("requestTimeout", Iso(RequestTimeout(d, t))),
                        ("maxConcurrentRequestsPerInstance", t.MaxConcurrentRequestsPerInstance))),
                    ("readinessProbe", Probe(10, 10, ReadinessFailures(d), 1)),
                    ("livenessProbe", Probe(StartupSeconds(d), 30, 3, 1)),
                    ("appInsightsEnabled", workspace.Created),
                    ("dataCollector", d.Monitoring.DataCapturePercent > 0 ? DataCollector(d.Monitoring.DataCapturePercent) : null))),
                ("tags", tags)),
            new ResourceOptions
            {
                // The instances pull and read with the endpoint identity as they start.
                DependsOn = [.. grants],

                // Never deleted by Pulumi: a replaced revision may still take the stable share, and Azure refuses to delete a
                // deployment that takes traffic; the traffic step retires deployments once they take none.
                RetainOnDelete = true,

                // Autoscale owns the instance count after creation.
                IgnoreChanges = autoscaled ? ["sku.capacity"] : [],
            });

        var weights = AzureMlTraffic.Weights(revision, stable, d.Rollout.Strategy == RolloutStrategy.BlueGreen ? 0 : d.Rollout.TrafficPercent);
        var spec = AzureMlTraffic.Spec(weights);
        scope.Context.RequireTool("az", "the Azure CLI with its ml extension (az extension add --name ml), signed in: the traffic step runs az ml online-endpoint update");
        scope.Add(
            "traffic",
            AzureTypes.LocalCommand,
            Value.Map(
                ("create", AzureMlTraffic.Script),
                ("environment", Value.Map(
                    ("SUBSCRIPTION", scope.Client.Output("subscriptionId")),
                    ("RESOURCE_GROUP", scope.ResourceGroupName),
                    ("WORKSPACE", workspace.Name),
                    ("ENDPOINT", endpoint.Output("name")),
                    ("TRAFFIC", spec),
                    ("KEEP", AzureMlTraffic.Keep(weights)))),
                ("triggers", AzureMlTraffic.Triggers(spec, online.Output("id"), endpoint.Output("tags"), endpoint.Output("properties.publicNetworkAccess"), endpoint.Output("properties.authMode")))),
            new ResourceOptions { DependsOn = [online] });

        if (autoscaled)
        {
            Autoscale(scope, online, endpoint, scaling, revision);
        }

        var actionGroup = AzureMonitorBlock.ActionGroup(scope);
        var (endpointAlerts, deploymentAlerts) = Conditions(d, instance, revision);
        AzureMonitorBlock.Alerts(scope, endpoint, EndpointResourceType, actionGroup, endpointAlerts);
        AzureMonitorBlock.Alerts(scope, online, DeploymentResourceType, actionGroup, deploymentAlerts);
        scope.Unmeasured(MonitoringSignal.HealthyReplicas, "not alerted: Azure Monitor lists DeploymentCapacity (the number of instances in the deployment; Minimum, Maximum and Average, split by instanceId and State) but documents neither the State values nor how the values add up across instances, so no threshold at the minimum would be reliable; Azure ML keeps the deployment at its instance count itself and reports a failed scale-out on the deployment");
        scope.Unmeasured(MonitoringSignal.StartupFailures, "no metric: a deployment whose container does not pass its readiness probe fails to provision, so the traffic step never moves traffic to it and pulumi up reports the failure");
        AzurePortalDashboard.Create(scope);

        scope.Output("scoring-uri", endpoint.Output("properties.scoringUri"));
        scope.Output("endpoint-name", endpoint.Output("name"));
        scope.Output("deployment-name", online.Output("name"));
        scope.Output("model-version", modelVersion);
        scope.Output("image", image.Reference);
        AzureMlNotes.Write(scope, t, instance, scaling, weights, stable, RequestTimeout(d, t), secrets.Count);
    }

    /// <summary>The model and environment, each a container with one version per content (versions are immutable in Azure ML).</summary>
    private static (Resource Model, Resource Environment) Assets(AzureScope scope, AzureMlWorkspace workspace, ModelBlobs model, AzureImage image, string modelVersion, string environmentVersion)
    {
        var d = scope.Deployment;
        MapValue Asset(Value name, string version, MapValue properties) => Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("workspaceName", workspace.Name),
            ("name", name),
            ("version", version),
            ("properties", properties));

        // Asset names: letters, digits, '-' and '_' (Azure ML asset naming), unique in the workspace.
        var modelContainer = scope.Add("model", AzureTypes.ModelContainer, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("workspaceName", workspace.Name),
            ("name", scope.PhysicalName(255, "model")),
            ("properties", Value.Map(("description", $"model of {d.Name}")))));
        var modelUri = Value.Format($"https://{model.Account}.blob.core.windows.net/{model.Container}/{model.Blob ?? model.Prefix}");
        var version = scope.Add(
            "model-version",
            AzureTypes.ModelVersion,
            Asset(modelContainer.Output("name"), modelVersion, Value.Map(
                ("modelType", "custom_model"),
                ("modelUri", modelUri),
                ("description", $"{d.Name} model, version {modelVersion}"))),
            new ResourceOptions { DependsOn = [.. model.Uploads], RetainOnDelete = true });

        var environmentContainer = scope.Add("environment", AzureTypes.EnvironmentContainer, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("workspaceName", workspace.Name),
            ("name", scope.PhysicalName(255, "environment")),
            ("properties", Value.Map(("description", $"serving image of {d.Name}")))));
        var s = d.Serving;
        MapValue Route(string path) => Value.Map(("path", path), ("port", s.Port));
        var environment = scope.Add(
            "environment-version",
            AzureTypes.EnvironmentVersion,
            Asset(environmentContainer.Output("name"), environmentVersion, Value.Map(
                ("image", image.Reference),
                ("osType", "Linux"),
                ("description", $"{d.Name} serving image, version {environmentVersion}"),

                // The serving contract: Azure ML probes and routes to the container's own paths and port.
                ("inferenceConfig", Value.Map(
                    ("livenessRoute", Route(s.LivePath)),
                    ("readinessRoute", Route(s.HealthPath)),
                    ("scoringRoute", Route(s.PredictPath)))))),

            // A revision still serving its stable share keeps its version; a mirrored image must be copied before Azure ML reads it.
            new ResourceOptions { RetainOnDelete = true, DependsOn = image.Copy is { } copy ? [copy] : [] });
        return (version, environment);
    }

    /// <summary>The request timeout: the target's, or twice the p99 threshold, at least Azure ML's 5 s default and at most 180 s.</summary>
    internal static TimeSpan RequestTimeout(ModelDeployment d, AzureMlTarget t) =>
        t.RequestTimeout ?? TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(d.Monitoring.LatencyP99Ms * 2 / 1000d), 5, AzureMlCapabilities.MaxRequestTimeout.TotalSeconds));

    /// <summary>How long liveness waits before it may restart an instance: the whole start-up allowance (model download and load).</summary>
    internal static int StartupSeconds(ModelDeployment d) => (int)Math.Max(1, Math.Ceiling(d.Serving.StartupTimeout.TotalSeconds));

    /// <summary>Readiness checks every 10 s and may fail for the whole start-up allowance before the deployment counts as failed.</summary>
    private static int ReadinessFailures(ModelDeployment d) => Math.Max(3, (int)Math.Ceiling(StartupSeconds(d) / 10d));

    private static MapValue Probe(int initialDelaySeconds, int periodSeconds, int failures, int successes) => Value.Map(
        ("initialDelay", Iso(TimeSpan.FromSeconds(initialDelaySeconds))),
        ("period", Iso(TimeSpan.FromSeconds(periodSeconds))),
        ("timeout", "PT5S"),
        ("failureThreshold", failures),
        ("successThreshold", successes));

    /// <summary>
    /// Payload logging: the data collector's <c>request</c> and <c>response</c> collections sample the endpoint's traffic
    /// into the workspace's blob store without code in the container (docs, "Collect production data from models deployed
    /// for real-time inferencing"); rolled over hourly.
    /// </summary>
    private static MapValue DataCollector(int percent)
    {
        var rate = percent / 100m;
        MapValue Collection() => Value.Map(("dataCollectionMode", "Enabled"), ("samplingRate", rate));
        return Value.Map(
            ("collections", Value.Map(("request", Collection()), ("response", Collection()))),
            ("rollingRate", "Hour"));
    }

    internal static string Iso(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"PT{(long)Math.Ceiling(t.TotalSeconds)}S");

    /// <summary>
    /// Managed deployments scale through Azure Monitor autoscale on the deployment (TARGETS.md 4.2). CPU and GPU
    /// utilization are per-instance averages of the deployment; requests/s become the endpoint's RequestsPerMinute of this
    /// deployment divided per instance (x60).
    /// </summary>
    private static ScalingDecision ScalingOn(ModelDeployment d, string revision)
    {
        var s = d.Scaling;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        var replicas = Text($"{s.Min}-{s.Max} instances");
        return s.Metric switch
        {
            ScalingMetric.CpuUtilization => new("CpuUtilizationPercentage", Math.Ceiling(s.Target), Fidelity.Native, Text($"{replicas}, autoscale on CpuUtilizationPercentage {Math.Ceiling(s.Target)} %")),
            ScalingMetric.GpuUtilization => new("GpuUtilizationPercentage", Math.Ceiling(s.Target), Fidelity.Native, Text($"{replicas}, autoscale on GpuUtilizationPercentage {Math.Ceiling(s.Target)} %")),
            _ => new("RequestsPerMinute", Math.Ceiling(s.Target * 60), Fidelity.Approximated, Text($"{replicas}, autoscale on the endpoint's RequestsPerMinute of {revision} per instance: {Math.Ceiling(s.Target * 60)} ({s.Target}/s x 60)")),
        };
    }

    /// <summary>
    /// One profile: scale out by one instance above the target, in by one below 60 % of it (the band keeps autoscale from
    /// flapping), over 5-minute averages; cooldowns from the model within Azure Monitor's 1 minute to 1 week.
    /// </summary>
    /// <remarks>
    /// The setting's name carries the revision it scales. Azure refuses to point an autoscale setting at another resource
    /// ("TargetResourceIdIsImmutable ... create a new autoscale setting with a different name"; Azure Monitor autoscale,
    /// seen in Azure/Moodle#311 and MicrosoftDocs/azure-docs#28175), and each revision is a new deployment: with one
    /// fixed name, every update that made a revision failed there. A new name makes Pulumi create the new revision's
    /// setting and then delete the old one. docs/AZURE-RUNTIME.md 33.
    /// </remarks>
    private static void Autoscale(AzureScope scope, Resource online, Resource endpoint, ScalingDecision decision, string revision)
    {
        var s = scope.Deployment.Scaling;
        var perRequest = decision.Metric == "RequestsPerMinute";
        MapValue Rule(string op, decimal threshold, string direction, TimeSpan cooldown) => Value.Map(
            ("metricTrigger", Value.Map(
                ("metricName", decision.Metric),
                ("metricNamespace", perRequest ? EndpointResourceType : DeploymentResourceType),
                ("metricResourceUri", perRequest ? endpoint.Output("id") : online.Output("id")),
                ("dimensions", perRequest ? Value.List(Value.Map(("dimensionName", "deployment"), ("operator", "Equals"), ("values", Value.List(online.Output("name"))))) : null),
                ("dividePerInstance", perRequest ? true : null),
                ("operator", op),
                ("statistic", "Average"),
                ("threshold", threshold),
                ("timeAggregation", "Average"),
                ("timeGrain", "PT1M"),
                ("timeWindow", "PT5M"))),
            ("scaleAction", Value.Map(
                ("direction", direction),
                ("type", "ChangeCount"),
                ("value", "1"),
                ("cooldown", Iso(Clamp(cooldown))))));
        string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        scope.Add("autoscale", AzureTypes.AutoscaleSetting, scope.Placed(
            ("autoscaleSettingName", scope.PhysicalName(260, "autoscale", revision)),
            ("targetResourceUri", online.Output("id")),
            ("enabled", true),
            ("profiles", Value.List(Value.Map(
                ("name", "model"),
                ("capacity", Value.Map(("minimum", Count(s.Min)), ("maximum", Count(s.Max)), ("default", Count(s.Min)))),
                ("rules", Value.List(
                    Rule("GreaterThan", decision.Target, "Increase", s.ScaleOutCooldown),
                    Rule("LessThan", Math.Floor(decision.Target * 0.6m), "Decrease", s.ScaleInCooldown))))))));
    }

    private static TimeSpan Clamp(TimeSpan cooldown) =>
        cooldown < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : cooldown > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : cooldown;

    /// <summary>
    /// The alert set from the cloud-neutral signals: the endpoint's RequestLatency_P99 (an average of per-minute p99s) and
    /// its 5xx count, the deployment's CPU, memory and, on GPU sizes, GPU utilization (TARGETS.md 4.5, Azure Monitor
    /// supported metrics for Microsoft.MachineLearningServices/workspaces/onlineEndpoints[/deployments]).
    /// </summary>
    private static (AlertCondition[] Endpoint, AlertCondition[] Deployment) Conditions(ModelDeployment d, AzureMlInstanceType instance, string revision)
    {
        var m = d.Monitoring;
        var signals = new AlarmSignals(m);
        AlertCondition[] endpoint =
        [
            new(MonitoringSignal.LatencyP99, "alert-latency", $"p99 request latency of {d.Name} is above {m.LatencyP99Ms} ms", "RequestLatency_P99", "Average", signals.LatencyP99(LatencyUnit.Milliseconds)),
            AlertCondition.ServerErrors(d, signals, "RequestsPerMinute", "statusCodeClass"),
        ];
        AlertCondition[] deployment =
        [
            new(MonitoringSignal.Saturation, "alert-cpu", $"CPU of {d.Name} ({revision}) is above {m.SaturationPercent} %", "CpuUtilizationPercentage", "Average", signals.Saturation()),
            new(MonitoringSignal.Saturation, "alert-memory", $"memory of {d.Name} ({revision}) is above {m.SaturationPercent} %", "CpuMemoryUtilizationPercentage", "Average", signals.Saturation()),
            .. instance.GpuCount > 0
                ? [new AlertCondition(MonitoringSignal.Saturation, "alert-gpu", $"GPU of {d.Name} ({revision}) is above {m.SaturationPercent} %", "GpuUtilizationPercentage", "Average", signals.Saturation())]
                : Array.Empty<AlertCondition>(),
        ];
        return (endpoint, deployment);
    }

    /// <summary>An asset version: 10 base-32 characters of SHA-256 over what identifies the content.</summary>
    private static string AssetVersion(string identity) => Naming.PhysicalName.Create(10, identity)[^8..];

    /// <summary>What identifies the serving image: the pinned reference, or the build's context, tag, platform, Dockerfile and arguments.</summary>
    private static string ImageIdentity(ImageSource image) => image switch
    {
        ExistingImage e => e.Reference,
        MirroredImage m => m.Reference,
        BuildImage b => $"{b.Context}\n{b.Tag}\n{b.Platform}\n{b.Dockerfile}\n{string.Join('\n', b.BuildArgs.Select(a => $"{a.Key}={a.Value}"))}",
        _ => image.ToString() ?? string.Empty,
    };
}
