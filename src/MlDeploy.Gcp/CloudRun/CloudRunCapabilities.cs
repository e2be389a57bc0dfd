using System.Collections.Immutable;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>What Cloud Run services can honour (TARGETS.md 7, SECURITY.md 2.22, and the Cloud Run docs cited per line; docs/GCP-RUNTIME.md).</summary>
internal static class CloudRunCapabilities
{
    /// <summary>The longest request timeout (Cloud Run docs, "Configure request timeout for services": up to 60 minutes).</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// The longest start-up a startup probe allows: <c>initialDelaySeconds</c> at most 240, plus <c>failureThreshold</c> x
    /// <c>periodSeconds</c> at most 240 (Cloud Run v2 API, Probe; "Configure container health checks for services").
    /// </summary>
    public static readonly TimeSpan MaxStartup = TimeSpan.FromSeconds(480);

    /// <summary>The most concurrent requests per instance (Cloud Run docs, "Maximum concurrent requests per instance": 1000).</summary>
    public const int MaxConcurrency = 1000;

    /// <summary>The GPU Cloud Run services offer: one NVIDIA L4 per instance (Cloud Run docs, "GPU support for services").</summary>
    public static readonly GpuOffer L4 = new(GpuKind.L4, 1);

    /// <summary>The accelerator name of the L4 in <c>nodeSelector.accelerator</c> (TARGETS.md 7).</summary>
    public const string L4Accelerator = "nvidia-l4";

    /// <summary>The smallest CPU and memory a GPU instance takes (Cloud Run docs, "GPU support for services": 4 CPU, 16 GiB).</summary>
    public const decimal GpuMinCpu = 4;

    /// <summary>The smallest memory in GiB of a GPU instance.</summary>
    public const decimal GpuMinMemoryGiB = 16;

    /// <summary>The least memory of a second-generation instance (Cloud Run docs, "Configure memory limits": 512 MiB).</summary>
    public const decimal MinMemoryGiB = 0.5m;

    /// <summary>Regions with Cloud Run GPUs (Cloud Run docs, "GPU zonal redundancy", supported regions; asia-south1 by invitation).</summary>
    public static readonly ImmutableArray<string> GpuRegions = ["asia-south1", "asia-southeast1", "europe-west1", "europe-west4", "us-central1"];

    /// <summary>The log retention of the project's <c>_Default</c> log bucket, which Cloud Run writes to (Cloud Logging docs, "Routing and storage overview": 30 days unless its owner changes it).</summary>
    public const int DefaultBucketRetentionDays = 30;

    public static TargetCapabilities Record { get; } = new()
    {
        Target = "Cloud Run services",
        Cloud = Cloud.Google,

        // The model is a Cloud Storage volume mounted at MODEL_DIR (CloudRunPlanner), read by the server as it is.
        DvcHint = "Cloud Run mounts a Cloud Storage folder as the model and runs no loader, so a DVC object (stored under its hash, not its name) would appear under thirty hex digits and nothing would check its md5",
        Labels = GcpLabelPolicy.Instance,
        Registry = ArtifactRegistryBlock.Registry,

        // min 0 scales to zero, GPU services included (TARGETS.md 7); the instance ceiling is a per-region quota
        // (Cloud Run docs, "Quotas and limits": max instances up to 1000 by default, UNVERIFIED beyond).
        ScaleToZero = true,
        MaxReplicas = 1000,

        // Cloud Run scales on concurrent requests (maxInstanceRequestConcurrency) and CPU; requests/s becomes a concurrency.
        ScalingMetrics = [ScalingMetric.Concurrency, ScalingMetric.RequestsPerSecond],
        Gpus = [L4],
        GpuHint = $"Cloud Run offers one NVIDIA L4 per instance (at least {GpuMinCpu} vCPU / {GpuMinMemoryGiB} GiB) in {string.Join(", ", GpuRegions)}; for other GPUs use GKE",
        DataCapture = false,

        // Secret Manager secrets as secretKeyRef env vars, read by the service account (SECURITY.md 2.22).
        SecretSources = [SecretSourceKind.Store],

        // Invocation is IAM-authenticated (roles/run.invoker) unless RequireAuth = false grants allUsers (MLS-NET-02).
        Unauthenticated = true,

        // Revisions and traffic targets: the latest takes the canary share next to StableRevision, or 0 % with a tag for
        // blue/green (TARGETS.md 7: traffics[]); Cloud Run has no automatic rollback.
        Rollouts = [new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.BlueGreen)],
        StartupTimeout = new DurationRange(TimeSpan.FromSeconds(1), MaxStartup),
        MaxRequestTimeout = MaxRequestTimeout,
        LogRetentionDays = [DefaultBucketRetentionDays],
        PrivilegedPorts = false,
    };

    public static IReadOnlyList<TargetCapabilities> Documented { get; } = [Record];
}
