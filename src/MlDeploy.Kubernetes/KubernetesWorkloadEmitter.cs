using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Kubernetes;

/// <summary>
/// Emits one model server as a hardened Kubernetes workload: Namespace (optional), ServiceAccount, Secret (config
/// secrets as files), Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, and the
/// Prometheus Operator ServiceMonitor and PrometheusRule. The EKS, AKS and GKE planners call it with their
/// cloud-specific parts; it owns the Kubernetes facts and their validation.
/// </summary>
public static class KubernetesWorkloadEmitter
{
    /// <summary>The port the Service listens on.</summary>
    public const int ServicePort = 80;

    /// <summary>The user and group id the containers run as.</summary>
    public const int RunAsId = 10001;

    /// <summary>Where config secrets are mounted as files (one file per secret, named after it).</summary>
    public const string SecretsDir = "/var/run/secrets/mldeploy";

    /// <summary>The CPU utilization the HPA holds when the requested metric is not served to it.</summary>
    public const int FallbackCpuUtilization = 70;

    private const string ServerContainer = "server";

    // A custom predictor's single container is named kserve-container (kserve/kserve pkg/constants/constants.go
    // InferenceServiceContainerName; predictor_custom.go defaults the name to it), so the defaulter changes nothing.
    private const string KServeContainer = "kserve-container";
    private const string LoaderContainer = "model-loader";
    private const int TmpGiB = 1;

    /// <summary>The server's ephemeral-storage request for a model volume: the volume, the 1 GiB <c>/tmp</c>, and 1 GiB for logs and the writable layer.</summary>
    /// <param name="modelStorageGiB">The model volume's size in GiB.</param>
    /// <returns>The request in GiB.</returns>
    public static int EphemeralStorageGiB(int modelStorageGiB) => modelStorageGiB + TmpGiB + 1;

    /// <summary>
    /// Checks what a Kubernetes workload cannot honour beyond <see cref="KubernetesCapabilities"/>: the volumes it
    /// mounts, and under KServe Serverless what Knative reserves or allows once per pod.
    /// </summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="path">Its diagnostic path.</param>
    /// <param name="options">The target's workload options, or null for the defaults.</param>
    /// <returns>Every problem.</returns>
    public static IEnumerable<Diagnostic> Validate(ModelDeployment deployment, DeploymentPath path, KubernetesWorkloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(path);
        var d = deployment;
        var modelDir = d.Serving.ModelDir.TrimEnd('/');
        if (modelDir is "" or "/tmp" || modelDir.StartsWith("/tmp/", StringComparison.Ordinal) || modelDir == SecretsDir || modelDir.StartsWith(SecretsDir + "/", StringComparison.Ordinal))
        {
            yield return path.Error("serving.modelDir", $"'{d.Serving.ModelDir}' overlaps a volume the workload mounts (/, /tmp or {SecretsDir})", "use a directory of its own, e.g. /opt/ml/model");
        }

        if (options?.KServe is not { Serverless: true } kserve)
        {
            yield break;
        }

        if (KServeWorkload.KnativeReservedPorts.Contains(d.Serving.Port))
        {
            yield return path.Error("serving.port", $"port {d.Serving.Port} is reserved by Knative's queue-proxy in {kserve.Describe} mode", "listen on another port, e.g. 8080");
        }

        foreach (var name in d.Serving.Env.Keys.Where(KServeWorkload.KnativeReservedEnv.Contains))
        {
            yield return path.Error($"serving.env.{name}", $"{name} is set by Knative in {kserve.Describe} mode", "rename the variable; Knative sets PORT to the serving port");
        }

        if (d.Serving.Metrics?.Port is { } metricsPort)
        {
            yield return path.Error("serving.metrics.port", $"a Knative revision's container declares one port, so metrics cannot have port {metricsPort} of their own in {kserve.Describe} mode", "serve metrics on the serving port (Metrics.Port = null), or use KServe RawDeployment mode");
        }
    }

    /// <summary>Adds the workload's resources to the graph and records how each concept was mapped.</summary>
    /// <param name="workload">The workload (the deployment must have passed <see cref="Validate"/>).</param>
    /// <param name="scope">The deployment's scope (names, notes and the plan context).</param>
    /// <returns>The resources, for the cloud part to reference.</returns>
    public static KubernetesWorkloadResources Emit(KubernetesWorkload workload, DeploymentScope scope)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(scope);
        var context = scope.Context;
        var w = workload;
        var d = w.Deployment;
        var name = d.Name;
        if (w.Namespace is "default" or "kube-system")
        {
            throw new InvalidOperationException($"the workload of {name} must not run in the '{w.Namespace}' namespace.");
        }

        var options = new ResourceOptions { Provider = w.Provider, DependsOn = w.DependsOn };
        Resource Add(string part, ResourceType type, MapValue properties, ResourceOptions? custom = null) =>
            scope.Add(part, type, properties, custom ?? options);
        void Note(string concept, Fidelity fidelity, string text) => scope.Note(concept, fidelity, text);

        var nsResource = w.NamespaceResource;
        Value ns = nsResource is null ? w.Namespace : nsResource.Output("metadata.name");

        var selector = Value.Map(("app.kubernetes.io/name", name));
        var labels = Value.Map(
            ("app.kubernetes.io/name", name),
            ("app.kubernetes.io/component", "model-server"),
            ("app.kubernetes.io/managed-by", "mldeploy"));
        MapValue Meta(string objectName, MapValue? objectLabels = null, MapValue? annotations = null) => Value.Map(
            ("name", objectName),
            ("namespace", ns),
            ("labels", objectLabels ?? labels),
            ("annotations", annotations is { Entries.Length: > 0 } ? annotations : null));

        var serviceAccount = Add("service-account", KubernetesTypes.ServiceAccount, Value.Map(
            ("metadata", Meta(name, annotations: Value.SortedMap(w.Identity.ServiceAccountAnnotations))),
            ("automountServiceAccountToken", false)));

        Resource? secret = null;
        var configSecrets = d.Secrets.Where(s => s.Source is ConfigSecret).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (configSecrets.Count > 0)
        {
            secret = Add("secrets", KubernetesTypes.Secret, Value.Map(
                ("metadata", Meta($"{name}-secrets")),
                ("type", "Opaque"),
                ("stringData", Value.SortedMap(configSecrets.Select(s => new KeyValuePair<string, Value>(
                    s.Name, context.Graph.Config(new ConfigParameter(((ConfigSecret)s.Source).Key, ConfigType.String, Secret: true))))))));
            Note("secrets", Fidelity.Approximated, $"{string.Join(", ", configSecrets.Select(s => s.Name))} are files under {SecretsDir} (Kubernetes Secret {name}-secrets); the server reads each path from <NAME>_FILE");
        }

        var gpu = d.Compute.Gpu;
        var metricsPort = d.Serving.Metrics?.Port;
        var hpa = d.Scaling.Max > d.Scaling.Min;
        var startupSeconds = (int)Math.Ceiling(d.Serving.StartupTimeout.TotalSeconds);

        // The deadline counts a pod's time pending too: a GPU pod often waits for the autoscaler to add a node and its
        // driver to install (GPU pools may start empty), on top of the model's start-up and 5 minutes of pulls.
        var progressDeadline = startupSeconds + 300 + (gpu is null ? 0 : GpuNodeSeconds);

        var podLabels = Value.SortedMap(labels.Entries.Concat(w.Identity.PodLabels.Select(l => new KeyValuePair<string, Value>(l.Key, l.Value))));
        var waivers = d.Waivers.IsEmpty ? null : Value.Map(("mldeploy.io/waivers", string.Join(' ', d.Waivers.Select(x => x.RuleId).Order(StringComparer.Ordinal))));
        Resource deployment;
        Resource service;
        Resource? autoscaler = null;
        if (w.KServe is { } kserve)
        {
            // KServe creates the Deployment (or Knative revision), Service and autoscaler from the InferenceService.
            deployment = service = KServeWorkload.Emit(w, kserve, scope, ns, labels, podLabels, waivers, PodSpec(w, context.Profile, selector, secret is not null, metricsPort), progressDeadline, options with
            {
                DependsOn = [.. w.DependsOn, serviceAccount, .. secret is null ? Array.Empty<Resource>() : [secret]],
            });
        }
        else
        {
            deployment = Add(
                "deployment",
                KubernetesTypes.Deployment,
                Value.Map(
                    ("metadata", Meta(name, annotations: waivers)),
                    ("spec", Value.Map(
                        ("replicas", hpa ? null : d.Scaling.Min),
                        ("selector", Value.Map(("matchLabels", selector))),
                        ("strategy", Value.Map(
                            ("type", "RollingUpdate"),
                            ("rollingUpdate", Value.Map(("maxSurge", MaxSurge(d.Rollout)), ("maxUnavailable", 0))))),
                        ("progressDeadlineSeconds", progressDeadline),
                        ("template", Value.Map(
                            ("metadata", Value.Map(("labels", podLabels))),
                            ("spec", PodSpec(w, context.Profile, selector, secret is not null, metricsPort))))))),
                options with
                {
                    // Pods cannot start before their ServiceAccount and Secret exist.
                    DependsOn = [.. w.DependsOn, serviceAccount, .. secret is null ? Array.Empty<Resource>() : [secret]],

                    // The provider waits until every replica runs the new template.
                    CustomTimeouts = CustomTimeouts.CreateAndUpdate(RolloutWait(d, progressDeadline)),
                });

            var ports = Value.List(
                Value.Map(("name", "http"), ("port", ServicePort), ("targetPort", "http"), ("protocol", "TCP")),
                metricsPort is { } mp ? Value.Map(("name", "metrics"), ("port", mp), ("targetPort", "metrics"), ("protocol", "TCP")) : null);
            service = Add("service", KubernetesTypes.Service, Value.Map(
                ("metadata", Meta(name, annotations: w.Exposure.LoadBalancer ? Value.SortedMap(w.Exposure.Annotations) : null)),
                ("spec", Value.Map(
                    ("type", w.Exposure.LoadBalancer ? "LoadBalancer" : "ClusterIP"),
                    ("selector", selector),
                    ("ports", ports),
                    ("loadBalancerSourceRanges", w.Exposure.LoadBalancer && !w.Exposure.SourceCidrs.IsEmpty ? Value.List(w.Exposure.SourceCidrs.Select(c => (Value?)c)) : null),

                    // The NetworkPolicy admits the clients' CIDRs, which only works if the pod sees the client's address:
                    // with the default Cluster policy a node forwards load balancer traffic to a pod on another node under
                    // its own address (SNAT), which the CIDRs need not hold and which Cilium-based data planes (GKE
                    // Dataplane V2) never match to a CIDR rule. Local keeps the client's address and the first hop
                    // (AWS-RUNTIME 31).
                    ("externalTrafficPolicy", w.Exposure.LoadBalancer ? (Value)"Local" : null)))));
            Note("network", Fidelity.Native, w.Exposure.LoadBalancer
                ? $"LoadBalancer Service on port {ServicePort} for {string.Join(", ", w.Exposure.SourceCidrs)}; the NetworkPolicy admits those CIDRs and namespace {w.IngressNamespace}"
                : $"ClusterIP Service on port {ServicePort}; the NetworkPolicy admits only namespace {w.IngressNamespace}");

            if (hpa)
            {
                autoscaler = Add("autoscaler", KubernetesTypes.HorizontalPodAutoscaler, Value.Map(
                    ("metadata", Meta(name)),
                    ("spec", Value.Map(
                        ("scaleTargetRef", Value.Map(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("name", name))),
                        ("minReplicas", d.Scaling.Min),
                        ("maxReplicas", d.Scaling.Max),
                        ("metrics", Value.List(HpaMetric(w, Note))),
                        ("behavior", Behavior(d, Note))))));
            }
            else
            {
                Note("scaling", Fidelity.Native, $"{d.Scaling.Min} fixed replicas (min equals max, no HorizontalPodAutoscaler)");
            }
        }

        Resource? pdb = null;
        if (d.Scaling.Min > 1)
        {
            pdb = Add("disruption-budget", KubernetesTypes.PodDisruptionBudget, Value.Map(
                ("metadata", Meta(name)),
                ("spec", Value.Map(
                    ("maxUnavailable", 1),
                    ("selector", Value.Map(("matchLabels", selector))),
                    ("unhealthyPodEvictionPolicy", "AlwaysAllow")))));
        }

        var policy = Add("network-policy", KubernetesTypes.NetworkPolicy, Value.Map(
            ("metadata", Meta(name)),
            ("spec", Value.Map(
                ("podSelector", Value.Map(("matchLabels", selector))),
                ("policyTypes", Value.List("Ingress")),
                ("ingress", Value.List(IngressRules(w, metricsPort)))))));

        Resource? monitoring = null;
        if (w.Prometheus is { } prometheus)
        {
            var monitoringLabels = Value.SortedMap(labels.Entries.Concat(prometheus.SelectorLabels.Select(l => new KeyValuePair<string, Value>(l.Key, l.Value))));
            monitoring = Add(
                "monitoring",
                KubernetesTypes.ConfigGroup,
                Value.Map(("objs", Value.List(
                    d.Serving.Metrics is not { } exported ? null
                        : w.KServe is null
                            ? PrometheusObjects.ServiceMonitor(name, ns, monitoringLabels, selector, metricsPort is null ? "http" : "metrics", prometheus, exported, w.Namespace)
                            : PrometheusObjects.PodMonitor(name, ns, monitoringLabels, selector, metricsPort is null ? PortName(w.KServe) : "metrics", prometheus, exported, w.Namespace),
                    PrometheusObjects.PrometheusRule(name, ns, monitoringLabels, d, prometheus, w.Namespace, w.KServe)))),
                options with { DependsOn = [.. w.DependsOn, .. prometheus.DependsOn] });
            var gpuAlert = gpu is not null && prometheus.DcgmExporter;
            var queries = new PrometheusQueries(name, w.Namespace, prometheus, d.Serving.Metrics, w.KServe);
            CoverByPrometheus(scope, monitoring, d, gpuAlert, queries);
            var scrape = w.KServe is null ? "ServiceMonitor" : "PodMonitor";
            var server = d.Serving.Metrics is { } m
                ? $"reads {string.Join(", ", new[] { m.LatencyHistogram, m.RequestCounter, m.FailureCounter, m.SuccessCounter }.OfType<string>())} from {m.Path}{(m.Port is { } port ? $" on port {port}" : string.Empty)}{Preset(d)}"
                : $"the server exports no metrics{Preset(d)}, so no {scrape}";
            Note("monitoring", Fidelity.Approximated, $"PrometheusRule alerts on {(queries.LatencyP99 is null ? string.Empty : $"p99 latency > {d.Monitoring.LatencyP99Ms} ms, ")}{(queries.ErrorRate is null ? string.Empty : $"{queries.ErrorKind} rate > {d.Monitoring.ErrorRatePercent} %, ")}CPU/memory{(gpuAlert ? "/GPU" : string.Empty)} saturation > {d.Monitoring.SaturationPercent} %, routed by Alertmanager ({server}; {scrape} and rule labelled {Labels(prometheus)} for the Prometheus selector)");
            if (gpu is not null && !prometheus.DcgmExporter)
            {
                Note("monitoring.gpu", Fidelity.Approximated, "no GPU saturation alert: its metric comes from NVIDIA dcgm-exporter, which the SDK does not install (declare PrometheusMonitoring.DcgmExporter = true when the cluster runs it)");
            }
        }
        else
        {
            Note("monitoring", Fidelity.Approximated, "no ServiceMonitor or PrometheusRule: the options do not declare a Prometheus Operator on the cluster (set Prometheus when it runs one); alarms must come from the cluster's monitoring");
            foreach (var signal in MonitoringSignals.All)
            {
                scope.Unmeasured(signal, "no PrometheusRule: the cluster is not declared to run the Prometheus Operator (KubernetesWorkloadOptions.Prometheus), and the cloud's own metrics are per node, not per workload");
            }
        }

        // Always: a cluster whose Grafana sidecar watches ConfigMaps loads it; without Prometheus its panels stay empty.
        var dashboard = Add("dashboard", KubernetesTypes.ConfigMap, GrafanaDashboard.ConfigMap(name, ns, labels, d, new PrometheusQueries(name, w.Namespace, w.Prometheus ?? new PrometheusMonitoring(), d.Serving.Metrics, w.KServe), scope.PhysicalName(40, "dashboard")));
        scope.Dashboard(dashboard);

        if (d.Monitoring.NotificationEmail is not null || d.Monitoring.NotificationTopic is not null || d.Monitoring.Channel is not null)
        {
            Note("notifications", Fidelity.Approximated, $"alerts are delivered by the cluster's Alertmanager routes, not to the {(d.Monitoring.Channel is { } c ? $"alert channel '{c.Name}'" : "deployment's e-mail or topic")}");
        }

        Note("logs", Fidelity.Approximated, $"container logs go to the cluster's log pipeline; its retention (not {d.Monitoring.LogRetentionDays} days set here) applies");
        Note("compute", Fidelity.Native, $"requests {Quantities.Cpu(d.Compute.Cpu)} CPU, {Quantities.Memory(d.Compute.MemoryGiB)} memory (= limit){(gpu is null ? string.Empty : $", {gpu.Count} nvidia.com/gpu ({gpu.Kind}; placement by node selector and tolerations)")}");
        if (w.KServe is null)
        {
            Note("rollout", d.Rollout.Strategy == RolloutStrategy.Rolling ? Fidelity.Native : Fidelity.Approximated, $"rolling update, maxSurge {MaxSurge(d.Rollout)}, maxUnavailable 0, gated by readiness; a stalled rollout fails after {progressDeadline} s but is not rolled back automatically, and the bake time is not observed");
        }

        return new KubernetesWorkloadResources(w.Namespace, name, serviceAccount, deployment, service)
        {
            ServiceName = w.KServe is null ? name : KServeWorkload.PredictorName(name),
            NamespaceResource = nsResource,
            Autoscaler = autoscaler,
            DisruptionBudget = pdb,
            NetworkPolicy = policy,
            Monitoring = monitoring,
            Secrets = secret,
        };
    }

    // Alertmanager routes the rule's alerts (by their severity and deployment labels): nothing in the program is the channel.
    private static void CoverByPrometheus(DeploymentScope scope, Resource rule, ModelDeployment d, bool gpuAlert, PrometheusQueries queries)
    {
        const string Routed = ", routed by the cluster's Alertmanager";
        var m = d.Monitoring;
        if (queries.LatencyP99 is null)
        {
            scope.Unmeasured(MonitoringSignal.LatencyP99, $"the server exports no request latency histogram{Preset(d)}");
        }
        else
        {
            scope.Alarmed(MonitoringSignal.LatencyP99, [rule], null, $"PrometheusRule ModelServerLatencyP99High: p99 > {m.LatencyP99Ms} ms{Routed}");
        }

        if (queries.ErrorRate is null)
        {
            scope.Unmeasured(MonitoringSignal.ErrorRate, $"the server exports no error or status-code counter{Preset(d)}");
        }
        else
        {
            scope.Alarmed(MonitoringSignal.ErrorRate, [rule], null, $"PrometheusRule ModelServerErrorRateHigh: {queries.ErrorKind} share > {Quantities.Plain(m.ErrorRatePercent)} %{Routed}");
        }

        scope.Alarmed(MonitoringSignal.Saturation, [rule], null, $"PrometheusRule ModelServerCpuSaturated/MemorySaturated{(gpuAlert ? "/GpuSaturated" : string.Empty)}: > {m.SaturationPercent} %{Routed}");
        if (d.Scaling.Min == 0)
        {
            scope.Unmeasured(MonitoringSignal.HealthyReplicas, "the workload may scale to zero (Scaling.Min = 0), so it has no replica floor to alert on");
        }
        else
        {
            scope.Alarmed(MonitoringSignal.HealthyReplicas, [rule], null, $"PrometheusRule ModelServerReplicasBelowMinimum: {PrometheusQueries.ReplicaSeries} < {d.Scaling.Min}{Routed}");
        }

        scope.Alarmed(MonitoringSignal.StartupFailures, [rule], null, $"PrometheusRule ModelServerRestarting: server or model-loader restarts in 15 minutes > 0{Routed}");
    }

    private static string Preset(ModelDeployment d) => d.Serving.Preset is { } p ? $" ({p.Name}, ServingPreset.{p.Id})" : string.Empty;

    private static string Labels(PrometheusMonitoring p) =>
        p.SelectorLabels.IsEmpty ? "with nothing extra" : string.Join(", ", p.SelectorLabels.Select(l => $"{l.Key}: {l.Value}"));

    /// <summary>The pod every mode runs. Under KServe the server is KServe's <c>kserve-container</c> with an explicit CPU
    /// limit; under Knative (Serverless) it declares one port named <c>http1</c> and no lifecycle hook or grace period,
    /// which Knative's webhook rejects (<see cref="KServeWorkload"/>).</summary>
    internal static MapValue PodSpec(KubernetesWorkload w, EnvironmentProfile profile, MapValue selector, bool hasSecrets, int? metricsPort)
    {
        var d = w.Deployment;
        var knative = w.KServe is { Serverless: true };
        var port = PortName(w.KServe);
        var gpu = d.Compute.Gpu;
        var startupSeconds = (int)Math.Ceiling(d.Serving.StartupTimeout.TotalSeconds);
        var modelMount = Value.Map(("name", "model"), ("mountPath", d.Serving.ModelDir), ("readOnly", true));
        var tmpMount = Value.Map(("name", "tmp"), ("mountPath", "/tmp"));

        var env = d.Serving.Env
            .Select(e => new KeyValuePair<string, Value>(e.Key, e.Value))
            .Append(new("MODEL_DIR", d.Serving.ModelDir))
            .Concat(d.Secrets.Where(s => s.Source is ConfigSecret).Select(s => new KeyValuePair<string, Value>($"{s.Name}_FILE", $"{SecretsDir}/{s.Name}")))
            .OrderBy(e => e.Key, StringComparer.Ordinal);

        var ephemeral = Quantities.Memory(EphemeralStorageGiB(w.ModelStorageGiB));
        var requests = Value.Map(
            ("cpu", Quantities.Cpu(d.Compute.Cpu)),
            ("memory", Quantities.Memory(d.Compute.MemoryGiB)),
            ("ephemeral-storage", ephemeral),
            ("nvidia.com/gpu", gpu is null ? null : Value.FromString(gpu.Count.ToString(CultureInfo.InvariantCulture))));
        var limits = Value.Map(
            ("cpu", w.KServe is null ? null : Value.FromString(Quantities.Cpu(d.Compute.Cpu))),
            ("memory", Quantities.Memory(d.Compute.MemoryGiB)),
            ("ephemeral-storage", ephemeral),
            ("nvidia.com/gpu", gpu is null ? null : Value.FromString(gpu.Count.ToString(CultureInfo.InvariantCulture))));

        var server = Value.Map(
            ("name", ServerContainerOf(w.KServe)),
            ("image", w.Image),
            ("imagePullPolicy", "IfNotPresent"),
            ("args", d.Serving.Args.IsEmpty ? null : Value.List(d.Serving.Args.Select(a => (Value?)a))),
            ("ports", Value.List(
                Value.Map(("name", port), ("containerPort", d.Serving.Port), ("protocol", "TCP")),
                metricsPort is { } mp ? Value.Map(("name", "metrics"), ("containerPort", mp), ("protocol", "TCP")) : null)),
            ("env", Value.List(env.Select(e => (Value?)Value.Map(("name", e.Key), ("value", e.Value))))),
            ("resources", Value.Map(("requests", requests), ("limits", limits))),
            ("startupProbe", Probe(d.Serving.HealthPath, port, period: 10, timeout: 5, failures: (int)Math.Ceiling(startupSeconds / 10.0))),
            ("readinessProbe", Probe(d.Serving.HealthPath, port, period: 5, timeout: 2, failures: 2)),
            ("livenessProbe", Probe(d.Serving.LivePath, port, period: 15, timeout: 5, failures: 4)),

            // Endpoints are removed asynchronously; keep serving briefly after SIGTERM is scheduled. (Knative's
            // queue-proxy drains instead; its webhook rejects a lifecycle hook.)
            ("lifecycle", knative ? null : Value.Map(("preStop", Value.Map(("sleep", Value.Map(("seconds", 10))))))),
            ("securityContext", ContainerSecurity()),
            ("volumeMounts", Value.List(
                modelMount,
                tmpMount,
                hasSecrets ? Value.Map(("name", "secrets"), ("mountPath", SecretsDir), ("readOnly", true)) : null)));

        // The loader checks the files it wrote against the release's digest before the server may start.
        var loaderEnv = w.ModelLoader.Env
            .Append(new("MODEL_DIR", d.Serving.ModelDir))
            .Append(new("HOME", "/tmp"))
            .Concat(ModelDigest.LoaderEnvironment(d))
            .DistinctBy(e => e.Key, StringComparer.Ordinal)
            .OrderBy(e => e.Key, StringComparer.Ordinal);
        var loader = Value.Map(
            ("name", LoaderContainer),
            ("image", w.ModelLoader.Image),
            ("imagePullPolicy", "IfNotPresent"),
            ("command", w.ModelLoader.Command.IsEmpty ? null : Value.List(w.ModelLoader.Command.Select(c => (Value?)c))),
            ("args", w.ModelLoader.Args.IsEmpty ? null : Value.List(w.ModelLoader.Args.Select(a => (Value?)a))),
            ("env", Value.List(loaderEnv.Select(e => (Value?)Value.Map(("name", e.Key), ("value", e.Value))))),
            ("resources", Value.Map(
                ("requests", Value.Map(("cpu", Quantities.Cpu(d.Compute.Cpu)), ("memory", "1Gi"), ("ephemeral-storage", "1Gi"))),
                ("limits", Value.Map(("memory", "1Gi"), ("ephemeral-storage", "1Gi"))))),
            ("securityContext", ContainerSecurity()),
            ("volumeMounts", Value.List(modelMount.With("readOnly", false), tmpMount)));

        var spread = Value.List(
            Spread("topology.kubernetes.io/zone", profile == EnvironmentProfile.Production ? "DoNotSchedule" : "ScheduleAnyway", selector),
            Spread("kubernetes.io/hostname", "ScheduleAnyway", selector));

        return Value.Map(
            ("serviceAccountName", d.Name),
            ("automountServiceAccountToken", false),
            ("enableServiceLinks", false),
            ("securityContext", Value.Map(
                ("runAsNonRoot", true),
                ("runAsUser", RunAsId),
                ("runAsGroup", RunAsId),
                ("fsGroup", RunAsId),
                ("seccompProfile", Value.Map(("type", "RuntimeDefault"))))),
            ("nodeSelector", gpu is null || w.GpuScheduling.NodeSelector.IsEmpty ? null : Value.SortedMap(w.GpuScheduling.NodeSelector)),
            ("tolerations", gpu is null || w.GpuScheduling.Tolerations.IsEmpty ? null : Value.List(w.GpuScheduling.Tolerations.Select(t => (Value?)Value.Map(
                ("key", t.Key), ("operator", t.Operator), ("value", t.Value is null ? null : Value.FromString(t.Value)), ("effect", t.Effect))))),
            ("topologySpreadConstraints", spread),
            ("terminationGracePeriodSeconds", knative ? null : (Value)60),
            ("initContainers", Value.List(loader)),
            ("containers", Value.List(server)),
            ("volumes", Value.List(
                Value.Map(("name", "model"), ("emptyDir", Value.Map(("sizeLimit", $"{w.ModelStorageGiB}Gi")))),
                Value.Map(("name", "tmp"), ("emptyDir", Value.Map(("sizeLimit", $"{TmpGiB}Gi")))),
                hasSecrets ? Value.Map(("name", "secrets"), ("secret", Value.Map(("secretName", $"{d.Name}-secrets"), ("defaultMode", 288)))) : null)));
    }

    /// <summary>The server container's name: <c>server</c>, or <c>kserve-container</c> under KServe.</summary>
    internal static string ServerContainerOf(KServeMode? kserve) => kserve is null ? ServerContainer : KServeContainer;

    // Knative accepts only "", "http1" or "h2c" as the name of the one container port, and a probe's named port must
    // be that name (knative/serving pkg/apis/serving/k8s_validation.go validateContainerPorts, validateProbe).
    private static string PortName(KServeMode? kserve) => kserve is { Serverless: true } ? "http1" : "http";

    private static MapValue ContainerSecurity() => Value.Map(
        ("allowPrivilegeEscalation", false),
        ("privileged", false),
        ("readOnlyRootFilesystem", true),
        ("capabilities", Value.Map(("drop", Value.List("ALL")))));

    private static MapValue Probe(string path, string port, int period, int timeout, int failures) => Value.Map(
        ("httpGet", Value.Map(("path", path), ("port", port))),
        ("periodSeconds", period),
        ("timeoutSeconds", timeout),
        ("failureThreshold", failures));

    private static MapValue Spread(string key, string whenUnsatisfiable, MapValue selector) => Value.Map(
        ("maxSkew", 1),
        ("topologyKey", key),
        ("whenUnsatisfiable", whenUnsatisfiable),
        ("labelSelector", Value.Map(("matchLabels", selector))),
        ("matchLabelKeys", Value.List("pod-template-hash")));

    private static IEnumerable<Value> IngressRules(KubernetesWorkload w, int? metricsPort)
    {
        if (w.KServe is { Serverless: true } knative)
        {
            // Requests reach the pod's queue-proxy from the Knative ingress gateway or the activator, and the
            // autoscaler scrapes it (knative/serving pkg/networking/constants.go: BackendHTTPPort 8012,
            // AutoscalingQueueMetricsPort 9090).
            yield return Value.Map(
                ("from", Value.List(NamespacePeer(w.IngressNamespace), NamespacePeer(knative.KnativeNamespace))),
                ("ports", Value.List(Value.Map(("protocol", "TCP"), ("port", KServeWorkload.QueueProxyPort)))));
            yield return Value.Map(
                ("from", Value.List(NamespacePeer(knative.KnativeNamespace))),
                ("ports", Value.List(Value.Map(("protocol", "TCP"), ("port", KServeWorkload.QueueProxyMetricsPort)))));
            if (w.Prometheus is { } scraper)
            {
                yield return Value.Map(
                    ("from", Value.List(NamespacePeer(scraper.Namespace))),
                    ("ports", Value.List(Value.Map(("protocol", "TCP"), ("port", w.Deployment.Serving.Port)))));
            }

            yield break;
        }

        var port = Value.List(Value.Map(("protocol", "TCP"), ("port", w.Deployment.Serving.Port)));
        var from = new List<Value?> { NamespacePeer(w.IngressNamespace) };

        // Under KServe clients come through its ingress, never straight from a load balancer.
        if (w.Exposure.LoadBalancer && w.KServe is null)
        {
            from.AddRange(w.Exposure.SourceCidrs.Select(c => (Value?)Value.Map(("ipBlock", Value.Map(("cidr", c))))));
        }

        yield return Value.Map(("from", Value.List(from)), ("ports", port));
        if (w.Prometheus is { } p)
        {
            yield return Value.Map(
                ("from", Value.List(NamespacePeer(p.Namespace))),
                ("ports", Value.List(Value.Map(("protocol", "TCP"), ("port", metricsPort ?? w.Deployment.Serving.Port)))));
        }
    }

    // A GPU node from an autoscaled pool: launch, join and install the driver (GKE's and AKS's GPU pools may start empty).
    private const int GpuNodeSeconds = 600;

    private static MapValue NamespacePeer(string ns) =>
        Value.Map(("namespaceSelector", Value.Map(("matchLabels", Value.Map(("kubernetes.io/metadata.name", ns))))));

    /// <summary>The rolling update's surge: all replicas for blue/green, else the traffic share.</summary>
    internal static Value MaxSurge(Rollout rollout) => $"{SurgePercent(rollout)}%";

    /// <summary>
    /// How long <c>pulumi up</c> may wait for the Deployment: the provider returns when every replica runs the new
    /// template (pulumi-kubernetes, Deployment await logic), and with <c>maxUnavailable: 0</c> and a surge of
    /// <c>s</c> pods (a percentage rounded up; Kubernetes docs, Deployments, "Max Surge") an update of <c>n</c> replicas
    /// starts <c>ceil(n / s)</c> waves one after another, each allowed the progress deadline. Sized for the autoscaler's
    /// maximum, plus 5 minutes. A single wave's allowance (the earlier timeout) failed `pulumi up` on any multi-replica
    /// update of a slow-starting model while the rollout went on in the cluster. docs/AWS-RUNTIME.md 30.
    /// </summary>
    internal static TimeSpan RolloutWait(ModelDeployment d, int progressDeadlineSeconds)
    {
        var replicas = Math.Max(1, d.Scaling.Max);
        var surge = Math.Max(1, (int)Math.Ceiling(replicas * SurgePercent(d.Rollout) / 100.0));
        var waves = (int)Math.Ceiling(replicas / (double)surge);
        return TimeSpan.FromSeconds((waves * (long)progressDeadlineSeconds) + 300);
    }

    private static int SurgePercent(Rollout rollout) => rollout.Strategy == RolloutStrategy.BlueGreen ? 100 : rollout.TrafficPercent;

    private static Value HpaMetric(KubernetesWorkload w, Action<string, Fidelity, string> note)
    {
        var s = w.Deployment.Scaling;
        var names = w.Prometheus ?? new PrometheusMonitoring();
        var inFlight = w.Deployment.Serving.Metrics?.InFlightGauge;
        Value Cpu(int percent) => Value.Map(
            ("type", "Resource"),
            ("resource", Value.Map(("name", "cpu"), ("target", Value.Map(("type", "Utilization"), ("averageUtilization", percent))))));
        Value Pods(string metric) => Value.Map(
            ("type", "Pods"),
            ("pods", Value.Map(
                ("metric", Value.Map(("name", metric))),
                ("target", Value.Map(("type", "AverageValue"), ("averageValue", Quantities.Plain(s.Target)))))));

        switch (s.Metric)
        {
            case ScalingMetric.CpuUtilization:
                note("scaling", Fidelity.Native, $"HorizontalPodAutoscaler {s.Min}-{s.Max} replicas at {s.Target} % CPU of the request");
                return Cpu((int)Math.Ceiling(s.Target));
            case ScalingMetric.RequestsPerSecond when w.CustomMetrics:
                note("scaling", Fidelity.Native, $"HorizontalPodAutoscaler {s.Min}-{s.Max} replicas at {s.Target} requests/s per pod (custom metric {names.RequestRateMetric} from the metrics adapter)");
                return Pods(names.RequestRateMetric);
            case ScalingMetric.Concurrency when w.CustomMetrics && inFlight is not null:
                note("scaling", Fidelity.Native, $"HorizontalPodAutoscaler {s.Min}-{s.Max} replicas at {s.Target} in-flight requests per pod (custom metric {inFlight} from the metrics adapter)");
                return Pods(inFlight);
            case ScalingMetric.GpuUtilization when w.CustomMetrics:
                note("scaling", Fidelity.Native, $"HorizontalPodAutoscaler {s.Min}-{s.Max} replicas at {s.Target} % GPU utilization per pod (custom metric {names.GpuUtilizationMetric} from dcgm-exporter through the metrics adapter)");
                return Pods(names.GpuUtilizationMetric);
            case ScalingMetric.RequestsPerSecond or ScalingMetric.Concurrency:
                note("scaling", Fidelity.Approximated, $"HorizontalPodAutoscaler {s.Min}-{s.Max} replicas at {FallbackCpuUtilization} % CPU: the cluster serves no custom metrics, so {s.Metric} {s.Target} per replica is approximated by CPU utilization");
                return Cpu(FallbackCpuUtilization);
            default:
                throw new InvalidOperationException($"{s.Metric} scaling needs custom metrics; validation should have caught it.");
        }
    }

    private static MapValue Behavior(ModelDeployment d, Action<string, Fidelity, string> note)
    {
        var s = d.Scaling;

        // Scale-down waits at least as long as a replacement replica would need to load the model (HPA caps the window at one hour).
        var down = (int)Math.Min(3600, Math.Ceiling(Math.Max(s.ScaleInCooldown.TotalSeconds, d.Serving.StartupTimeout.TotalSeconds)));
        if (down > s.ScaleInCooldown.TotalSeconds)
        {
            note("scaling.scaleInCooldown", Fidelity.Approximated, $"scale-down stabilization is {down} s, raised from the cooldown to the start-up timeout so replicas are not removed faster than they can be replaced");
        }

        var up = (int)Math.Clamp(Math.Ceiling(s.ScaleOutCooldown.TotalSeconds), 15, 1800);
        return Value.Map(
            ("scaleUp", Value.Map(
                ("stabilizationWindowSeconds", 0),
                ("policies", Value.List(Value.Map(("type", "Percent"), ("value", 100), ("periodSeconds", up)))))),
            ("scaleDown", Value.Map(
                ("stabilizationWindowSeconds", down),
                ("policies", Value.List(Value.Map(("type", "Pods"), ("value", 1), ("periodSeconds", 60)))))));
    }
}
