using System.Globalization;
using MlDeploy.Azure.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Azure.ContainerApps;

/// <summary>
/// Plans a deployment onto Azure Container Apps: resource group, ACR and image, model storage, the deployment's
/// managed identity with exactly its grants, the environment (existing, or created with Log Analytics), the app with
/// its model-loader init container, scale rules, probes and revision traffic, and Azure Monitor alerts.
/// </summary>
public sealed class ContainerAppsPlanner : TargetPlanner<ContainerAppsTarget>
{
    /// <summary>The metric namespace and resource type of a Container App (TARGETS.md 5.3).</summary>
    public const string AppResourceType = "Microsoft.App/containerApps";

    /// <summary>Container Apps ingress holds a request about 240 s (TARGETS.md 5.2, third-party docs).</summary>
    public const int IngressTimeoutSeconds = 240;

    internal const string ModelVolume = "model";
    internal const string LoaderMount = "/mnt/model";
    internal const string Server = "server";
    internal const string Loader = "model-loader";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities => ContainerAppsCapabilities.Documented;

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(ContainerAppsTarget target) => ContainerAppsCapabilities.For(target);

    /// <inheritdoc/>
    protected override ContainerAppsTarget Portable(ModelDeployment deployment) => new() { Location = AzurePortability.Location };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, ContainerAppsTarget target, DeploymentPath path, Platform platform) =>
        ContainerAppsValidator.Validate(deployment, target, path, platform);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, ContainerAppsTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var scope = new AzureScope(d, context, t.Location, t.ResourceGroupName);
        var identity = IdentityBlock.Create(scope);

        // The registry's SKU follows the network: a VNet-integrated environment gets Premium (private endpoints,
        // dedicated data endpoints and the untagged-manifest retention policy are Premium-only).
        var premium = t.InfrastructureSubnetId is not null;
        var image = RegistryBlock.For(scope, d.Image, premium, t.UntaggedRetentionDays, t.RegistryId, t.DisplayName);
        var model = ModelStoreBlock.For(scope, d.Artifact, t.ArtifactStorageAccountId, t.DisplayName);

        // The identity's only rights: pull from the one registry, read the one container, read the named secrets.
        var grants = new List<Resource>
        {
            IdentityBlock.Grant(scope, "acr-pull", image.RegistryId, "registry", AzureRoles.AcrPull, identity),
            ModelStoreBlock.GrantReader(scope, model, identity),
        };
        var secrets = d.Secrets.Where(s => s.Source is StoredSecret).Select(s => (Reference: s, Url: ((StoredSecret)s.Source).Id, Name: SecretName(s.Name))).ToList();
        foreach (var secret in secrets)
        {
            var vaultSecret = ContainerAppsValidator.KeyVaultSecret().Match(secret.Url).Groups["name"].Value;
            grants.Add(IdentityBlock.Grant(scope, $"secret-reader-{secret.Name}", $"{t.KeyVaultId}/secrets/{vaultSecret}", $"Key Vault secret {vaultSecret}", AzureRoles.KeyVaultSecretsUser, identity));
        }

        var environmentId = Environment(scope, t);
        var isPublic = d.Network.Exposure == Exposure.Public;
        var scaling = ScalingOn(d);
        var (serverCpu, serverMemory, loaderCpu, loaderMemory) = Resources(d, t);
        var waivers = d.Waivers.IsEmpty ? scope.Tags : scope.Tags.With("mldeploy:waivers", string.Join(' ', d.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal)));

        // Revisions are named <app>--<suffix> (Container Apps docs, "Revisions": the revision name is the app's name and
        // the revision suffix, joined by "--").
        var appName = scope.PhysicalName(32);
        scope.RequireOwnRevision(t.StableRevision, appName, "--", "container app");
        var app = scope.Add(
            "app",
            AzureTypes.ContainerApp,
            Value.Map(
                ("resourceGroupName", scope.ResourceGroupName),
                ("location", t.Location),
                ("containerAppName", appName),
                ("environmentId", environmentId),
                ("workloadProfileName", t.WorkloadProfile?.Name ?? "Consumption"),
                ("identity", Value.Map(("type", "UserAssigned"), ("userAssignedIdentities", Value.List(identity.Output("id"))))),
                ("configuration", Value.Map(
                    ("activeRevisionsMode", "Multiple"),
                    ("maxInactiveRevisions", 10),

                    // Init makes the identity's token endpoint available to the loader, Main to the server (Key Vault references need neither).
                    ("identitySettings", Value.List(Value.Map(("identity", identity.Output("id")), ("lifecycle", "All")))),
                    ("ingress", Value.Map(
                        ("external", isPublic),
                        ("targetPort", d.Serving.Port),
                        ("transport", "auto"),
                        ("allowInsecure", false),
                        ("traffic", Traffic(d, t)))),
                    ("registries", Value.List(Value.Map(("server", image.Server), ("identity", identity.Output("id"))))),
                    ("secrets", secrets.Count == 0 ? null : Value.List(secrets.Select(s => (Value?)Value.Map(
                        ("name", s.Name),
                        ("keyVaultUrl", s.Url),
                        ("identity", identity.Output("id")))))))),
                ("template", Value.Map(
                    ("initContainers", Value.List(Value.Map(
                        ("name", Loader),
                        ("image", t.ModelLoaderImage),
                        ("command", Value.List("/bin/sh", "-c", ModelLoaderScript.Build(ModelLoaderScript.ManagedIdentityLogin, dvc: model.Dvc is not null))),
                        ("env", Value.List([
                            Env("AZURE_CLIENT_ID", identity.Output("clientId")),
                            .. ModelLoaderScript.Inputs(model).Select(e => (Value?)Env(e.Key, e.Value)),
                            Env("MODEL_DIR", LoaderMount),
                            ModelDigest.Expected(d) is { } digest ? Env(ModelDigest.EnvironmentVariable, digest) : null])),
                        ("resources", Value.Map(("cpu", loaderCpu), ("memory", loaderMemory))),
                        ("volumeMounts", Value.List(Value.Map(("volumeName", ModelVolume), ("mountPath", LoaderMount))))))),
                    ("containers", Value.List(Value.Map(
                        ("name", Server),
                        ("image", image.Reference),
                        ("args", d.Serving.Args.IsEmpty ? null : Value.List(d.Serving.Args.Select(a => (Value?)a))),
                        ("env", Value.List([
                            .. d.Serving.Env.Select(e => (Value?)Env(e.Key, e.Value)),
                            Env("MODEL_DIR", d.Serving.ModelDir),
                            .. secrets.Select(s => (Value?)Value.Map(("name", s.Reference.Name), ("secretRef", s.Name)))])),
                        ("resources", Value.Map(("cpu", serverCpu), ("memory", serverMemory))),
                        ("probes", Probes(d)),
                        ("volumeMounts", Value.List(Value.Map(("volumeName", ModelVolume), ("mountPath", d.Serving.ModelDir))))))),
                    ("volumes", Value.List(Value.Map(("name", ModelVolume), ("storageType", "EmptyDir")))),
                    ("scale", Value.Map(
                        ("minReplicas", d.Scaling.Min),
                        ("maxReplicas", d.Scaling.Max),
                        ("cooldownPeriod", (int)d.Scaling.ScaleInCooldown.TotalSeconds),
                        ("pollingInterval", 30),
                        ("rules", d.Scaling.Max > d.Scaling.Min || d.Scaling.Min == 0 ? Value.List(ScaleRule(d, scaling)) : null))))),
                ("tags", waivers)),
            new ResourceOptions
            {
                // The identity must be able to pull, read the model and the secrets before the first revision starts.
                DependsOn = [.. grants, .. model.Uploads, .. image.Copy is { } copy ? [copy] : Array.Empty<Resource>()],
            });

        var actionGroup = AzureMonitorBlock.ActionGroup(scope);
        AzureMonitorBlock.Alerts(scope, app, AppResourceType, actionGroup, Conditions(d));
        if (d.Scaling.Min == 0)
        {
            scope.Unmeasured(MonitoringSignal.HealthyReplicas, "the app may scale to zero (Scaling.Min = 0), so it has no replica floor to alert on");
        }

        AzurePortalDashboard.Create(scope);

        scope.Output("url", Value.Format($"https://{app.Output("configuration.ingress.fqdn")}"));
        scope.Output("latest-revision", app.Output("latestRevisionName"));
        scope.Output("latest-revision-url", Value.Format($"https://{app.Output("latestRevisionFqdn")}"));
        scope.Output("image", image.Reference);
        Notes(scope, t, scaling, serverCpu, serverMemory, secrets.Count);
    }

    /// <summary>The environment's id: the existing one, or one created with Log Analytics (and the VNet, when given).</summary>
    private static Value Environment(AzureScope scope, ContainerAppsTarget t)
    {
        if (t.EnvironmentId is { } existing)
        {
            scope.Note("environment", Fidelity.Native, "existing Container Apps environment; its log destination, network and workload profiles are its owner's");
            return existing;
        }

        var workspace = AzureMonitorBlock.Workspace(scope);
        var keys = scope.Invoke("logs-keys", AzureTypes.GetSharedKeys, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("workspaceName", workspace.Output("name"))));
        var profile = t.WorkloadProfile;
        var environment = scope.Add("environment", AzureTypes.ManagedEnvironment, scope.Placed(
            ("environmentName", scope.PhysicalName(32, "env")),
            ("appLogsConfiguration", Value.Map(
                ("destination", "log-analytics"),
                ("logAnalyticsConfiguration", Value.Map(
                    ("customerId", workspace.Output("customerId")),
                    ("sharedKey", Fn.Secret(keys.Output("primarySharedKey"))))))),

            // A workload-profiles environment (the Consumption profile listed) gives Consumption replicas up to 4 vCPU /
            // 8 GiB; a Consumption-only one stops at 2 vCPU / 4 GiB (docs, "Containers in Azure Container Apps").
            ("workloadProfiles", Value.List(
                Value.Map(("name", "Consumption"), ("workloadProfileType", "Consumption")),
                profile is null ? null : Value.Map(
                    ("name", profile.Name),
                    ("workloadProfileType", profile.Type),
                    ("minimumCount", profile.IsConsumption ? null : profile.MinimumCount),
                    ("maximumCount", profile.IsConsumption ? null : profile.MaximumCount)))),
            ("vnetConfiguration", t.InfrastructureSubnetId is { } subnet
                ? Value.Map(("infrastructureSubnetId", scope.Resolve(subnet)), ("internal", true))
                : null),

            // Zone redundancy needs a VNet-integrated environment.
            ("zoneRedundant", t.InfrastructureSubnetId is not null),
            ("peerTrafficConfiguration", Value.Map(("encryption", Value.Map(("enabled", true)))))));
        scope.Note("environment", Fidelity.Native, t.InfrastructureSubnetId is null
            ? "created Container Apps environment on a Microsoft-managed network, logs to the deployment's Log Analytics workspace, encrypted traffic between apps"
            : "created internal Container Apps environment in the given subnet (no public endpoint, zone-redundant), logs to the deployment's Log Analytics workspace, encrypted traffic between apps");
        return environment.Output("id");
    }

    private static MapValue Env(string name, Value value) => Value.Map(("name", name), ("value", value));

    /// <summary>Container Apps secret names: lowercase letters, digits and '-'.</summary>
    private static string SecretName(string variable) =>
        new string([.. variable.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    private static ListValue Traffic(ModelDeployment d, ContainerAppsTarget t) => (d.Rollout.Strategy, t.StableRevision) switch
    {
        (_, null) => Value.List(Value.Map(("latestRevision", true), ("weight", 100))),
        (RolloutStrategy.BlueGreen, { } stable) => Value.List(
            Value.Map(("revisionName", stable), ("weight", 100)),
            Value.Map(("latestRevision", true), ("weight", 0))),
        (_, { } stable) => Value.List(
            Value.Map(("revisionName", stable), ("weight", 100 - d.Rollout.TrafficPercent)),
            Value.Map(("latestRevision", true), ("weight", d.Rollout.TrafficPercent))),
    };

    /// <summary>
    /// Startup, readiness and liveness probes on the health path within the documented limits (periodSeconds 1-240,
    /// failureThreshold 1-10): the startup probe allows the whole start-up timeout (10 periods), readiness checks every
    /// 10 s, liveness every 30 s so the two differ.
    /// </summary>
    private static ListValue Probes(ModelDeployment d)
    {
        var s = d.Serving;
        var period = (int)Math.Clamp(Math.Ceiling(s.StartupTimeout.TotalSeconds / 10), 1, 240);
        MapValue Probe(string type, int every, int failures) => Value.Map(
            ("type", type),
            ("httpGet", Value.Map(("path", type == "Liveness" ? s.LivePath : s.HealthPath), ("port", s.Port))),
            ("initialDelaySeconds", 0),
            ("periodSeconds", every),
            ("timeoutSeconds", Math.Min(5, every)),
            ("failureThreshold", failures));
        return Value.List(Probe("Startup", period, 10), Probe("Readiness", 10, 3), Probe("Liveness", 30, 3));
    }

    /// <summary>
    /// The server's and the loader's resources. On the Consumption profile every container of a replica together gets
    /// one allowed combination, so the server gets the smallest one that fits minus the loader's 0.25 vCPU / 0.5 GiB.
    /// </summary>
    private static (decimal ServerCpu, string ServerMemory, decimal LoaderCpu, string LoaderMemory) Resources(ModelDeployment d, ContainerAppsTarget t)
    {
        if (t.WorkloadProfile is not null)
        {
            return (d.Compute.Cpu, Gi(d.Compute.MemoryGiB), ContainerAppsCapabilities.LoaderCpu, Gi(ContainerAppsCapabilities.LoaderMemoryGiB));
        }

        var total = ContainerAppsCapabilities.ConsumptionTotalCpu(d.Compute)!.Value;
        return (total - ContainerAppsCapabilities.LoaderCpu, Gi((total * 2) - ContainerAppsCapabilities.LoaderMemoryGiB), ContainerAppsCapabilities.LoaderCpu, Gi(ContainerAppsCapabilities.LoaderMemoryGiB));
    }

    private static string Gi(decimal gib) => gib.ToString("0.0##", CultureInfo.InvariantCulture) + "Gi";

    /// <summary>
    /// HTTP rules scale on concurrent requests per replica. Requests/s becomes a concurrency by Little's law at the
    /// p99 latency threshold (requests in flight = rate x time in the system), which over-provisions when the model is
    /// faster; CPU utilization is KEDA's cpu scaler (it cannot scale to zero).
    /// </summary>
    private static ScalingDecision ScalingOn(ModelDeployment d)
    {
        var s = d.Scaling;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        return s.Metric switch
        {
            ScalingMetric.Concurrency => new("http", Math.Max(1, Math.Ceiling(s.Target)), Fidelity.Native, Text($"{s.Min}-{s.Max} replicas, HTTP rule: {Math.Max(1, Math.Ceiling(s.Target))} concurrent requests per replica")),
            ScalingMetric.CpuUtilization => new("cpu", Math.Ceiling(s.Target), Fidelity.Native, Text($"{s.Min}-{s.Max} replicas, custom rule cpu: {Math.Ceiling(s.Target)} % utilization")),
            _ => Concurrency(s, d.Monitoring.LatencyP99Ms, Text),
        };
    }

    private static ScalingDecision Concurrency(Scaling s, int latencyMs, Func<FormattableString, string> text)
    {
        var concurrency = Math.Max(1, Math.Ceiling(s.Target * latencyMs / 1000m));
        return new("http", concurrency, Fidelity.Approximated, text($"{s.Min}-{s.Max} replicas, HTTP rule: {concurrency} concurrent requests per replica ({s.Target}/s x the {latencyMs} ms p99 threshold; Container Apps scales HTTP on concurrency, not rate)"));
    }

    private static MapValue ScaleRule(ModelDeployment d, ScalingDecision decision) => decision.Metric == "cpu"
        ? Value.Map(
            ("name", "cpu"),
            ("custom", Value.Map(("type", "cpu"), ("metadata", Value.Map(("type", "Utilization"), ("value", Invariant(decision.Target)))))))
        : Value.Map(
            ("name", "http"),
            ("http", Value.Map(("metadata", Value.Map(("concurrentRequests", Invariant(decision.Target)))))));

    private static string Invariant(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The alert set from the cloud-neutral signals. Metric alerts have no percentiles or metric math (TARGETS.md 12.2:
    /// Average, Count, Minimum, Maximum, Total), so latency is the per-minute maximum response time (stricter than p99)
    /// and the error rate is a count of 5xx responses against the deployment's scaling floor.
    /// </summary>
    private static AlertCondition[] Conditions(ModelDeployment d)
    {
        var m = d.Monitoring;
        var signals = new AlarmSignals(m);
        return
        [
            new(MonitoringSignal.LatencyP99, "alert-latency", $"response time of {d.Name} is above {m.LatencyP99Ms} ms (maximum per minute; the p99 threshold)", "ResponseTime", "Maximum", signals.LatencyP99(LatencyUnit.Milliseconds)),
            AlertCondition.ServerErrors(d, signals, "Requests", "statusCodeCategory"),
            new(MonitoringSignal.Saturation, "alert-cpu", $"CPU of {d.Name} is above {m.SaturationPercent} % of its allocation", "CpuPercentage", "Average", signals.Saturation()),
            new(MonitoringSignal.Saturation, "alert-memory", $"memory of {d.Name} is above {m.SaturationPercent} % of its allocation", "MemoryPercentage", "Average", signals.Saturation()),

            // Replicas (Replica Count) and RestartCount (Replica Restart Count): Azure Monitor, "Supported metrics for
            // Microsoft.App/containerapps". A restarting replica is one that failed to start, load its model or stay up.
            new(MonitoringSignal.StartupFailures, "alert-restarts", $"replicas of {d.Name} restart (start-up or model-load failures, or crashes)", "RestartCount", "Total", 0),
            .. d.Scaling.Min > 0
                ? [new AlertCondition(MonitoringSignal.HealthyReplicas, "alert-replicas", $"fewer replicas of {d.Name} than its minimum of {d.Scaling.Min}", "Replicas", "Minimum", d.Scaling.Min, Below: true)]
                : Array.Empty<AlertCondition>(),
        ];
    }

    private static void Notes(AzureScope scope, ContainerAppsTarget t, ScalingDecision scaling, decimal serverCpu, string serverMemory, int secretCount)
    {
        var d = scope.Deployment;
        var c = d.Compute;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        var exact = t.WorkloadProfile is not null || (serverCpu == c.Cpu && serverMemory == Gi(c.MemoryGiB));
        scope.Note("compute", exact ? Fidelity.Native : Fidelity.Approximated, t.WorkloadProfile is { } profile
            ? Text($"{c.Cpu} vCPU / {c.MemoryGiB} GiB{(c.Gpu is { } gpu ? $" / {gpu.Count} {gpu.Kind}" : string.Empty)} on workload profile {profile.Name} ({profile.Type}); the loader takes {ContainerAppsCapabilities.LoaderCpu} vCPU / {ContainerAppsCapabilities.LoaderMemoryGiB} GiB")
            : Text($"{c.Cpu} vCPU / {c.MemoryGiB} GiB -> server {serverCpu} vCPU / {serverMemory} on the Consumption profile (with the loader's {ContainerAppsCapabilities.LoaderCpu} vCPU / {ContainerAppsCapabilities.LoaderMemoryGiB} GiB, the smallest allowed combination that fits)"));
        scope.Note("scaling", scaling.Fidelity, scaling.Note);
        var r = d.Rollout;
        scope.Note("rollout", Fidelity.Approximated, (r.Strategy, t.StableRevision) switch
        {
            (_, null) => "revisions in multiple mode; without StableRevision the latest revision takes all traffic once its startup and readiness probes pass (set StableRevision to the current revision before the next rollout); Container Apps has no automatic rollback: the alerts notify, and a rollback is StableRevision taking 100 %",
            (RolloutStrategy.BlueGreen, { } stable) => $"blue/green: {stable} keeps all traffic, the latest revision takes 0 % and is reachable at its revision URL; promote by removing StableRevision; no automatic rollback",
            (_, { } stable) => Text($"canary: the latest revision takes {r.TrafficPercent} %, {stable} the rest; promote by removing StableRevision after the bake time ({(int)Math.Ceiling(r.BakeTime.TotalMinutes)} min); no automatic rollback"),
        });
        scope.Note("model delivery", Fidelity.Native, $"init container {t.ModelLoaderImage} signs in with the deployment's identity and downloads the model into an EmptyDir volume mounted at {d.Serving.ModelDir}; the server starts when it has completed (Container Apps mounts cannot be read-only)");
        var isPublic = d.Network.Exposure == Exposure.Public;
        scope.Note("network", Fidelity.Native, isPublic
            ? "external ingress (waived MLS-NET-01), HTTPS only (allowInsecure false)"
            : "internal ingress: reachable only from the environment's network, HTTPS only (allowInsecure false)");
        scope.Note("auth", Fidelity.Approximated, isPublic
            ? "ingress does not authenticate callers: the server must (waived MLS-NET-02)"
            : "ingress does not authenticate callers: the server must (the environment's network limits who can reach it)");
        scope.Note("identity", Fidelity.Native, $"user-assigned identity with AcrPull on the registry, Storage Blob Data Reader on the model container{(secretCount > 0 ? " and Key Vault Secrets User on each secret" : string.Empty)}, nothing else");
        scope.Note("monitoring", Fidelity.Approximated, Text($"Azure Monitor alerts: ResponseTime maximum > {d.Monitoring.LatencyP99Ms} ms (no percentiles in metric alerts), 5xx count over 5 minutes, CpuPercentage/MemoryPercentage > {d.Monitoring.SaturationPercent} %{(t.EnvironmentId is null ? $"; logs kept {d.Monitoring.LogRetentionDays} days in Log Analytics" : string.Empty)}"));
        if (secretCount > 0)
        {
            scope.Note("secrets", Fidelity.Native, Text($"{secretCount} secret(s) as Key Vault references resolved by the deployment's identity"));
        }
    }
}
