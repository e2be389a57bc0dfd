using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The workload as a KServe InferenceService (decision 47): a custom predictor whose inline PodSpec is the emitter's
/// hardened pod, emitted through a yaml/v2 ConfigGroup like the Prometheus Operator objects (the CRD has no typed
/// Pulumi resource). Field names and semantics are those of kserve/kserve pkg/apis/serving/v1beta1 (predictor.go:
/// <c>PredictorSpec</c> inlines <c>PodSpec</c> and <c>ComponentExtensionSpec</c>; component.go: minReplicas,
/// maxReplicas, scaleMetric, scaleTarget, canaryTrafficPercent, labels, annotations, deploymentStrategy) and of
/// config/crd/full/serving.kserve.io_inferenceservices.yaml.
/// </summary>
internal static class KServeWorkload
{
    /// <summary>Knative's queue-proxy port in front of the server (knative/serving pkg/networking/constants.go BackendHTTPPort).</summary>
    public const int QueueProxyPort = 8012;

    /// <summary>The queue-proxy metrics port Knative's autoscaler scrapes (AutoscalingQueueMetricsPort).</summary>
    public const int QueueProxyMetricsPort = 9090;

    /// <summary>The ports Knative reserves in a revision's pod (knative/serving pkg/apis/serving/k8s_validation.go reservedPorts).</summary>
    public static readonly IReadOnlyList<int> KnativeReservedPorts = [8008, QueueProxyPort, 8013, 8022, QueueProxyMetricsPort, 9091];

    /// <summary>The environment variables Knative sets itself and rejects in a revision (k8s_validation.go reservedEnvVars).</summary>
    public static readonly IReadOnlyList<string> KnativeReservedEnv = ["K_CONFIGURATION", "K_REVISION", "K_SERVICE", "PORT"];

    /// <summary>The predictor's name, which its Deployment (RawDeployment) or Knative Service (Serverless) and Service take (kserve/kserve pkg/constants/constants.go PredictorServiceName).</summary>
    /// <param name="name">The InferenceService's name.</param>
    /// <returns><c>&lt;name&gt;-predictor</c>.</returns>
    public static string PredictorName(string name) => $"{name}-predictor";

    /// <summary>
    /// The name, or under Knative the name pattern, of the Deployment that runs the pods: the workload's own, the
    /// predictor's (RawDeployment), or one per Knative revision <c>&lt;name&gt;-predictor-0000N-deployment</c>
    /// (knative/serving pkg/reconciler/configuration/resources/revision.go: revisions <c>&lt;configuration&gt;-%05d</c>;
    /// pkg/reconciler/revision/resources/names/names.go: Deployment <c>&lt;revision&gt;-deployment</c>).
    /// </summary>
    /// <param name="name">The deployment's name.</param>
    /// <param name="kserve">The KServe mode, or null.</param>
    /// <returns>A name, or a PromQL regular expression under Knative.</returns>
    public static string DeploymentPattern(string name, KServeMode? kserve) => kserve switch
    {
        null => name,
        { Serverless: true } => $"{PredictorName(name)}-[0-9]+-deployment",
        _ => PredictorName(name),
    };

    /// <summary>
    /// Adds the ConfigGroup holding the InferenceService and records how each concept was mapped. The progress deadline is
    /// the emitter's, as for a Deployment: a pod's start-up, pulls, and a new GPU node's time pending.
    /// </summary>
    public static Resource Emit(KubernetesWorkload w, KServeMode kserve, DeploymentScope scope, Value ns, MapValue labels, MapValue podLabels, MapValue? waivers, MapValue podSpec, int progressDeadline, ResourceOptions options)
    {
        var d = w.Deployment;
        var s = d.Scaling;
        var (metric, target) = ScaleMetric(d, kserve, scope);
        var canary = kserve.Serverless && d.Rollout.Strategy == RolloutStrategy.Canary;

        // Private deployments stay off the cluster's external gateway: Knative's ingress reconciler reads the Knative
        // label, the RawDeployment Ingress/HTTPRoute reconcilers KServe's (kserve/kserve pkg/constants/constants.go
        // VisibilityLabel, NetworkVisibility; reconcilers/ingress/*.go).
        var visibility = d.Network.Exposure == Exposure.Public ? null : kserve.Serverless ? "networking.knative.dev/visibility" : "networking.kserve.io/visibility";
        var metadataLabels = visibility is null ? labels : labels.With(visibility, "cluster-local");

        var annotations = Value.SortedMap(
            (waivers?.Entries ?? []).Concat(
            [
                new("serving.kserve.io/deploymentMode", kserve.DeploymentMode),

                // The provider waits for the InferenceService's Ready condition, as it waits for a Deployment's rollout
                // (pulumi-kubernetes 4.18+, annotations pulumi.com/waitFor and pulumi.com/timeoutSeconds; the form
                // "condition=<type>" as the provider's own generic-await integration test uses it on a custom resource,
                // pulumi/pulumi-kubernetes tests/sdk/nodejs, read 2026-11-28).
                new("pulumi.com/waitFor", "condition=Ready"),
                new("pulumi.com/timeoutSeconds", ((long)ReadyWait(d, kserve, progressDeadline).TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            ]));

        var extension = new List<(string, Value?)>
        {
            ("minReplicas", s.Min),
            ("maxReplicas", s.Max),
            ("scaleMetric", metric),
            ("scaleTarget", target),
            ("canaryTrafficPercent", canary ? d.Rollout.TrafficPercent : null),

            // Knative fails a revision that is not ready within its progress deadline (600 s by default); the model
            // loads within the start-up timeout (knative/serving pkg/apis/serving/register.go ProgressDeadlineAnnotationKey).
            ("annotations", kserve.Serverless ? Value.Map(("serving.knative.dev/progress-deadline", $"{progressDeadline.ToString(CultureInfo.InvariantCulture)}s")) : null),
            ("labels", podLabels),

            // Only RawDeployment takes a Deployment strategy (the webhook rejects it under the Knative autoscaler).
            ("deploymentStrategy", kserve.Serverless ? null : Value.Map(
                ("type", "RollingUpdate"),
                ("rollingUpdate", Value.Map(("maxSurge", KubernetesWorkloadEmitter.MaxSurge(d.Rollout)), ("maxUnavailable", 0))))),
        };
        var predictor = Value.SortedMap(podSpec.Entries.Concat(extension.Where(e => e.Item2 is not null).Select(e => new KeyValuePair<string, Value>(e.Item1, e.Item2!))));

        var isvc = Value.Map(
            ("apiVersion", "serving.kserve.io/v1beta1"),
            ("kind", "InferenceService"),
            ("metadata", Value.Map(("name", d.Name), ("namespace", ns), ("labels", metadataLabels), ("annotations", annotations))),
            ("spec", Value.Map(("predictor", predictor))));
        var group = scope.Add("inference-service", KubernetesTypes.ConfigGroup, Value.Map(("objs", Value.List(isvc))), options);

        Notes(w, kserve, scope, canary, progressDeadline, visibility is null);
        return group;
    }

    /// <summary>
    /// How long <c>pulumi up</c> may wait for the InferenceService to be Ready: a Knative revision starts its pods together
    /// (one progress deadline, plus 5 minutes); under RawDeployment KServe rolls a Deployment with the rollout's surge, so
    /// the Deployment's own wait applies (<see cref="KubernetesWorkloadEmitter.RolloutWait"/>, every wave at the maximum).
    /// </summary>
    internal static TimeSpan ReadyWait(ModelDeployment d, KServeMode kserve, int progressDeadline) =>
        kserve.Serverless ? TimeSpan.FromSeconds(progressDeadline + 300) : KubernetesWorkloadEmitter.RolloutWait(d, progressDeadline);

    // KServe's scaleTarget is an integer (component.go ScaleTarget *int32).
    private static (Value? Metric, Value? Target) ScaleMetric(ModelDeployment d, KServeMode kserve, DeploymentScope scope)
    {
        var s = d.Scaling;
        var target = (int)Math.Ceiling(s.Target);
        var rounded = target == s.Target ? string.Empty : $" (rounded up from {Quantities.Plain(s.Target)}: scaleTarget is an integer)";
        var replicas = $"{s.Min}-{s.Max} replicas";
        if (kserve.Serverless)
        {
            // Knative Pod Autoscaler metrics as KServe names them (pkg/constants/constants.go AutoscalerAllowedKPAMetricsList).
            var name = s.Metric == ScalingMetric.Concurrency ? "concurrency" : "rps";
            scope.Note("scaling", rounded.Length == 0 ? Fidelity.Native : Fidelity.Approximated, $"Knative Pod Autoscaler {replicas} at {target} {(name == "rps" ? "requests/s" : "in-flight requests")} per replica{rounded}{(s.Min == 0 ? "; scales to zero when idle, and the first request then waits for a pod to start and load the model" : string.Empty)}; cooldowns are Knative's (stable window 60 s, scale-to-zero grace 30 s by default)");
            return (name, target);
        }

        if (s.Metric == ScalingMetric.CpuUtilization)
        {
            scope.Note("scaling", Fidelity.Approximated, $"KServe HorizontalPodAutoscaler {replicas} at {target} % CPU of the request{rounded}; KServe sets no scaling behaviour, so the cooldowns are the HPA's defaults");
            return ("cpu", target);
        }

        scope.Note("scaling", Fidelity.Approximated, $"KServe HorizontalPodAutoscaler {replicas} at {KubernetesWorkloadEmitter.FallbackCpuUtilization} % CPU: KServe's HPA takes only CPU or memory, so {s.Metric} {Quantities.Plain(s.Target)} per replica is approximated by CPU utilization; cooldowns are the HPA's defaults");
        return ("cpu", KubernetesWorkloadEmitter.FallbackCpuUtilization);
    }

    private static void Notes(KubernetesWorkload w, KServeMode kserve, DeploymentScope scope, bool canary, int progressDeadline, bool isPublic)
    {
        var d = w.Deployment;
        var predictor = PredictorName(d.Name);
        var creates = kserve.Serverless
            ? $"a Knative Service {predictor} (one revision and Deployment per change) with its autoscaler and routes"
            : $"Deployment and Service {predictor}, a HorizontalPodAutoscaler and its ingress";
        var requires = kserve.Serverless
            ? $"KServe with Knative Serving in namespace {kserve.KnativeNamespace}, whose config-features must enable {string.Join(", ", KnativeFeatures(w))} for the hardened pod"
            : "KServe (its CRDs and controller) in RawDeployment-capable configuration";
        scope.Note("kserve", Fidelity.Approximated, $"{kserve.Describe} mode: InferenceService {d.Name} (custom predictor, container kserve-container), from which KServe creates {creates}; requires {requires}, which the SDK does not install");
        scope.Note("network", Fidelity.Approximated, (isPublic
            ? $"served through the cluster's KServe ingress (its configured domain), not a LoadBalancer Service"
            : "cluster-local: kept off KServe's external gateway by the visibility label") + $"; in-cluster at http://{predictor}.{w.Namespace}.svc.cluster.local; the NetworkPolicy admits namespace {w.IngressNamespace}" + (kserve.Serverless ? $" and {kserve.KnativeNamespace} on the queue-proxy" : string.Empty));
        var rollout = (kserve.Serverless, d.Rollout.Strategy) switch
        {
            (true, RolloutStrategy.Canary) => (Fidelity.Approximated, $"canaryTrafficPercent {d.Rollout.TrafficPercent}: each update sends {d.Rollout.TrafficPercent} % to the new revision and the rest to the last rolled-out one until it is promoted (remove the canary: RolloutStrategy.BlueGreen) or rolled back; KServe neither bakes nor promotes automatically, and the first deployment takes all traffic"),
            (true, _) => (d.Rollout.Strategy == RolloutStrategy.BlueGreen ? Fidelity.Native : Fidelity.Approximated, "Knative moves all traffic to a new revision once it is ready; the previous revision serves until then"),
            (false, var strategy) => (strategy == RolloutStrategy.Rolling ? Fidelity.Native : Fidelity.Approximated, $"KServe rolling update of the predictor Deployment, maxSurge {KubernetesWorkloadEmitter.MaxSurge(d.Rollout)}, maxUnavailable 0, gated by readiness; no traffic split and no automatic rollback"),
        };
        scope.Note("rollout", rollout.Item1, rollout.Item2);
        if (kserve.Serverless)
        {
            scope.Note("startup", Fidelity.Native, $"Knative progress deadline {progressDeadline} s per revision (the start-up timeout plus image pulls); requests time out after Knative's revision timeout (300 s by default)");
        }
    }

    /// <summary>The Knative feature flags (config-features in knative-serving) the pod needs, each disabled by default (knative/serving pkg/apis/config/features.go).</summary>
    /// <param name="w">The workload.</param>
    /// <returns>The flag names.</returns>
    public static IEnumerable<string> KnativeFeatures(KubernetesWorkload w)
    {
        yield return "kubernetes.podspec-init-containers";
        yield return "kubernetes.podspec-securitycontext";
        yield return "kubernetes.podspec-topologyspreadconstraints";
        if (w.Deployment.Compute.Gpu is not null && !w.GpuScheduling.NodeSelector.IsEmpty)
        {
            yield return "kubernetes.podspec-nodeselector";
        }

        if (w.Deployment.Compute.Gpu is not null && !w.GpuScheduling.Tolerations.IsEmpty)
        {
            yield return "kubernetes.podspec-tolerations";
        }
    }
}
