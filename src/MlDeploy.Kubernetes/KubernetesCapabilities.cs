using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>What the shared Kubernetes workload can honour on any cluster; each cluster target adds its cloud, registry and GPUs.</summary>
public static class KubernetesCapabilities
{
    /// <summary>Builds the capabilities of a cluster target.</summary>
    /// <param name="target">The target's name in messages, e.g. "EKS workloads".</param>
    /// <param name="cloud">The cloud.</param>
    /// <param name="customMetrics">Whether the cluster serves per-pod custom metrics (needed to scale on GPU utilization).</param>
    /// <param name="kserve">The KServe installation the workload is served by, or null for a plain Deployment.</param>
    /// <returns>The capabilities; set <see cref="TargetCapabilities.Gpus"/> and <see cref="TargetCapabilities.Registry"/> on the result.</returns>
    public static TargetCapabilities Of(string target, Cloud cloud, bool customMetrics, KServeMode? kserve = null) => kserve switch
    {
        null => Plain(target, cloud, customMetrics),
        { Serverless: true } => KServeServerless(Plain(target, cloud, customMetrics) with { Variant = kserve.Describe }),
        _ => KServeRaw(Plain(target, cloud, customMetrics) with { Variant = kserve.Describe }),
    };

    // KServe RawDeployment: KServe's own HorizontalPodAutoscaler takes scaleMetric cpu or memory only (kserve/kserve
    // pkg/controller/v1beta1/inferenceservice/reconcilers/hpa/hpa_reconciler.go getHPAMetrics; the webhook's
    // validateHPAMetrics), so custom metrics do not reach it; canaryTrafficPercent is read only by the Knative
    // reconciler (reconcilers/knative/ksvc_reconciler.go), and the HPA's minimum is at least 1.
    private static TargetCapabilities KServeRaw(TargetCapabilities plain) => plain with
    {
        ScaleToZero = false,
        ScaleToZeroHint = "set KServeMode.Serverless = true where Knative Serving is installed",
        ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.Concurrency, ScalingMetric.CpuUtilization],
        ScalingHint = "KServe RawDeployment scales with its own HorizontalPodAutoscaler on CPU or memory only (GPU utilization would need KServe's KEDA autoscaler)",
        Rollouts = [new RolloutOffer(RolloutStrategy.Rolling), new RolloutOffer(RolloutStrategy.BlueGreen)],
        RolloutHint = "a KServe canary (canaryTrafficPercent) splits traffic only in Serverless mode: set KServeMode.Serverless = true where Knative Serving is installed",
    };

    // KServe Serverless: the Knative Pod Autoscaler (KPA) scales on concurrency or rps, to zero when minReplicas is 0;
    // KServe's webhook rejects cpu and memory under the KPA (inference_service_validation.go validateKPAMetrics). One
    // canary step: the new revision gets canaryTrafficPercent until the field is removed (ksvc_reconciler.go).
    private static TargetCapabilities KServeServerless(TargetCapabilities plain) => plain with
    {
        ScaleToZero = true,
        ScaleToZeroHint = null,
        ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.Concurrency],
        ScalingHint = "KServe Serverless scales with the Knative Pod Autoscaler, on concurrency or requests/s only",
        Rollouts = [new RolloutOffer(RolloutStrategy.Rolling), new RolloutOffer(RolloutStrategy.BlueGreen), new RolloutOffer(RolloutStrategy.Canary)],
        RolloutHint = "KServe shifts traffic in one canary step (canaryTrafficPercent), not in linear steps",
    };

    private static TargetCapabilities Plain(string target, Cloud cloud, bool customMetrics) => new()
    {
        Target = target,
        Cloud = cloud,

        // The HorizontalPodAutoscaler cannot go below one replica; scale to zero needs Knative (KServe Serverless) or KEDA.
        ScaleToZero = false,
        ScaleToZeroHint = "declare KServe in Serverless mode (KubernetesWorkloadOptions.KServe) where the cluster runs KServe with Knative",
        MaxReplicas = 1000,

        // Requests/s and concurrency fall back to CPU utilization without a custom metrics adapter (a plan note says
        // so); GPU utilization has no such fallback.
        ScalingMetrics = customMetrics
            ? [ScalingMetric.RequestsPerSecond, ScalingMetric.Concurrency, ScalingMetric.CpuUtilization, ScalingMetric.GpuUtilization]
            : [ScalingMetric.RequestsPerSecond, ScalingMetric.Concurrency, ScalingMetric.CpuUtilization],
        ScalingHint = customMetrics ? null : "GPU utilization reaches the HorizontalPodAutoscaler only through dcgm-exporter and a custom metrics adapter: install both and turn on custom metrics for the target",
        DataCapture = false,

        // Config secrets become a Kubernetes Secret mounted as files; the cloud's secret store needs the Secrets Store
        // CSI driver, which the SDK does not install.
        SecretSources = [SecretSourceKind.Config],
        Unauthenticated = true,

        // RollingUpdate approximates canary and blue/green through maxSurge/maxUnavailable (a plan note says how).
        Rollouts = [new RolloutOffer(RolloutStrategy.Rolling), new RolloutOffer(RolloutStrategy.BlueGreen), new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.Linear)],

        // The server runs as a non-root user with every capability dropped.
        PrivilegedPorts = false,
    };
}
