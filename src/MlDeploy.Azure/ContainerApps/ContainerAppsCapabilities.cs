using System.Collections.Immutable;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.ContainerApps;

/// <summary>What Azure Container Apps can honour (TARGETS.md 5.2, and the Container Apps docs cited per line).</summary>
internal static class ContainerAppsCapabilities
{
    /// <summary>The Consumption profile's largest replica in a workload-profiles environment (docs, "Containers in Azure Container Apps").</summary>
    public const decimal MaxConsumptionCpu = 4;

    /// <summary>The model loader's share of a replica: the smallest allocation Container Apps accepts.</summary>
    public const decimal LoaderCpu = 0.25m;

    /// <summary>The model loader's memory in GiB.</summary>
    public const decimal LoaderMemoryGiB = 0.5m;

    /// <summary>
    /// The longest start-up a startup probe can allow: failureThreshold at most 10 times periodSeconds at most 240, with
    /// no initial delay (docs, "Health probes in Azure Container Apps": initialDelaySeconds 0-60, periodSeconds 1-240,
    /// timeoutSeconds 1-240, failureThreshold 1-10).
    /// </summary>
    public static readonly TimeSpan MaxStartup = TimeSpan.FromSeconds(2400);

    /// <summary>GPU workload profile types and the GPUs one replica gets (docs, "Workload profiles": NC24/48/96-A100 dedicated; serverless GPU types per TARGETS.md 5.1, names UNVERIFIED).</summary>
    public static readonly ImmutableDictionary<string, GpuOffer> GpuProfiles = new Dictionary<string, GpuOffer>(StringComparer.Ordinal)
    {
        ["Consumption-GPU-NC8as-T4"] = new(GpuKind.T4, 1),
        ["Consumption-GPU-NC24-A100"] = new(GpuKind.A100, 1),
        ["NC24-A100"] = new(GpuKind.A100, 1),
        ["NC48-A100"] = new(GpuKind.A100, 2),
        ["NC96-A100"] = new(GpuKind.A100, 4),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static TargetCapabilities Base { get; } = new()
    {
        Target = "Azure Container Apps",
        Cloud = Cloud.Azure,
        // The loader fetches a DVC output's objects and checks their md5 (ModelLoaderScript.Build with dvc).
        ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
        DvcHint = "file, .tar.gz and directory outputs (Azure Blob remotes), each object md5-checked by the model loader",
        DvcChecked = true,
        Labels = AzureTagPolicy.Instance,
        Registry = RegistryBlock.Acr,

        // minReplicas 0 is supported with HTTP and custom scale rules (TARGETS.md 5.2); maxReplicas at most 1000
        // (docs, "Set scaling rules in Azure Container Apps").
        ScaleToZero = true,
        MaxReplicas = 1000,

        // HTTP rules scale on concurrent requests; requests/s is converted to a concurrency (a plan note says how);
        // CPU is KEDA's cpu scaler as a custom rule. There is no GPU-utilization scaler.
        ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.Concurrency, ScalingMetric.CpuUtilization],
        GpuHint = "set ContainerAppsTarget.WorkloadProfile to a GPU workload profile, e.g. new ContainerAppsWorkloadProfile(\"gpu\", \"NC24-A100\")",
        DataCapture = false,

        // Secrets are Key Vault references resolved by the app's identity; config values would be stored in the app.
        SecretSources = [SecretSourceKind.Store],

        // Ingress has no built-in caller authentication in this SDK: a public app needs MLS-NET-01 and MLS-NET-02 waivers.
        Unauthenticated = true,

        // Revisions in multiple mode: the latest takes the canary share next to StableRevision, or 0 % for blue/green
        // (revision weights, TARGETS.md 5.2); Container Apps has no automatic rollback.
        Rollouts = [new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.BlueGreen)],
        StartupTimeout = new DurationRange(TimeSpan.FromSeconds(1), MaxStartup),

        // The container runs as its image's user: Container Apps has no security context to drop capabilities.
        PrivilegedPorts = false,
    };

    /// <summary>A created environment logs to the deployment's Log Analytics workspace; an existing one wherever its owner sends them.</summary>
    private static TargetCapabilities WithWorkspace { get; } = Base with { LogRetentionRange = new DayRange(AzureMonitorBlock.MinRetentionDays, AzureMonitorBlock.MaxRetentionDays) };

    public static TargetCapabilities For(ContainerAppsTarget target)
    {
        var c = target.EnvironmentId is null ? WithWorkspace : Base;
        return target.WorkloadProfile is { } profile && GpuProfiles.TryGetValue(profile.Type ?? string.Empty, out var gpu)
            ? c with { Gpus = [gpu], Variant = $"GPU profile {profile.Type}" }
            : c;
    }

    public static IReadOnlyList<TargetCapabilities> Documented { get; } =
    [
        WithWorkspace,
        WithWorkspace with { Gpus = [.. GpuProfiles.Values.GroupBy(g => g.Kind).Select(g => g.MaxBy(o => o.MaxPerReplica)!).OrderBy(g => g.Kind.Name, StringComparer.Ordinal)], Variant = "GPU workload profile" },
    ];

    /// <summary>
    /// The smallest Consumption allocation (total of every container, init containers included: 0.25-4 vCPU in 0.25
    /// steps with twice as many GiB) that leaves the server at least what it asks for next to the loader; null when
    /// none does.
    /// </summary>
    public static decimal? ConsumptionTotalCpu(Compute compute)
    {
        for (var total = 0.25m; total <= MaxConsumptionCpu; total += 0.25m)
        {
            if (total - LoaderCpu >= compute.Cpu && (total * 2) - LoaderMemoryGiB >= compute.MemoryGiB)
            {
                return total;
            }
        }

        return null;
    }
}
