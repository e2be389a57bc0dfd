using System.Collections.Immutable;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Vertex;

/// <summary>What Vertex AI endpoints can honour (TARGETS.md 8.3 and 13, and the Vertex AI docs cited per line).</summary>
internal static class VertexCapabilities
{
    /// <summary>
    /// The longest prediction request: dedicated endpoints (public or Private Service Connect) wait 10 minutes by default
    /// (TARGETS.md 8.3; <c>clientConnectionConfig.inferenceTimeout</c>, which raises it to 3600 s, is not in pulumi-gcp).
    /// </summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(10);

    /// <summary>An SDK ceiling on replicas per deployed model (the real one is the project's quota, docs/GCP-RUNTIME.md V7).</summary>
    public const int MaxReplicas = 100;

    /// <summary>The CPU utilization target requests/s is approximated with: Vertex's own default (AutoscalingMetricSpec.target, 60 %).</summary>
    public const int DefaultUtilizationTarget = 60;

    private static readonly ImmutableArray<GpuOffer> s_gpus =
        [.. VertexMachines.All.Where(m => m.GpuKind is not null).GroupBy(m => m.GpuKind!.Value).Select(g => new GpuOffer(g.Key, g.Max(m => m.GpuCounts.Max()))).OrderBy(g => g.Kind.Name, StringComparer.Ordinal)];

    public static TargetCapabilities Record { get; } = new()
    {
        Target = "Vertex AI endpoints",
        Cloud = Cloud.Google,

        // The model is uploaded from a Cloud Storage folder (artifactUri, VertexSteps) that Vertex AI copies itself.
        DvcHint = "Vertex AI copies the model from a Cloud Storage folder (artifactUri) itself, with no loader the SDK runs, so a DVC object (stored under its hash, not its name) would reach the server unnamed and unchecked",
        Labels = GcpLabelPolicy.Instance,
        Registry = ArtifactRegistryBlock.Registry,

        // GA deploy-model needs at least one replica; scale to zero exists only behind the beta/alpha flags
        // --idle-scaledown-period and --min-replica-count 0 (TARGETS.md 8.3; gcloud reference, alpha/beta ai endpoints deploy-model).
        ScaleToZero = false,
        MaxReplicas = MaxReplicas,

        // AutoscalingMetricSpec (Vertex AI API): cpu/utilization and accelerator/duty_cycle, target in percent; requests/s
        // becomes CPU utilization at Vertex's default target (plan note "approximated").
        ScalingMetrics = [ScalingMetric.CpuUtilization, ScalingMetric.GpuUtilization, ScalingMetric.RequestsPerSecond],
        ScalingHint = "Vertex AI scales on CPU utilization or the accelerators' duty cycle",
        Gpus = s_gpus,
        GpuHint = "Vertex AI offers T4 and V100 on N1 machines, L4 on G2, A100 on A2 and H100 on A3 (VertexTarget.MachineType names one explicitly); for other GPUs use GKE",

        // Request/response logging to BigQuery (AiEndpoint.predictRequestResponseLoggingConfig, TARGETS.md 12.5).
        DataCapture = true,

        // A model's container spec has plain environment variables only (gcloud ai models upload --container-env-vars).
        SecretSources = [],

        // Every prediction is an IAM-authenticated API call (aiplatform.endpoints.predict); a public dedicated endpoint is
        // still reachable from the internet, so it needs MLS-NET-01.
        Unauthenticated = false,

        // trafficSplit by deployed model id: a canary share next to StableDeployedModel, or 0 % for blue/green; no
        // automatic rollback (TARGETS.md 8.3).
        Rollouts = [new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.BlueGreen)],
        MaxRequestTimeout = MaxRequestTimeout,

        // Vertex writes container and access logs to the project's _Default bucket, as Cloud Run does (docs/GCP-RUNTIME.md G13).
        LogRetentionDays = [CloudRunCapabilities.DefaultBucketRetentionDays],
        PrivilegedPorts = false,
    };

    public static IReadOnlyList<TargetCapabilities> Documented { get; } = [Record];
}
