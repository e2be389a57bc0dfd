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
    /// <returns>The capabilities; set <see cref="TargetCapabilities.Gpus"/> and <see cref="TargetCapabilities.Registry"/> on the result.</returns>
    public static TargetCapabilities Of(string target, Cloud cloud, bool customMetrics) => new()
    {
        Target = target,
        Cloud = cloud,

        // The HorizontalPodAutoscaler cannot go below one replica; scale to zero needs an event-driven scaler (KEDA).
        ScaleToZero = false,
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
