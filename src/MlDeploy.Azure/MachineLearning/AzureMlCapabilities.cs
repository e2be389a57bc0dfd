using System.Collections.Immutable;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>What Azure ML managed online endpoints can honour (TARGETS.md 4.4, and the Azure ML docs cited per line).</summary>
internal static class AzureMlCapabilities
{
    /// <summary>The longest request a managed online endpoint holds (docs, "Manage and increase quotas": max request time-out at endpoint level 180 seconds).</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Instances per deployment (docs, "Manage and increase quotas": 50, raised on request; 20 % more is reserved for upgrades).</summary>
    public const int MaxInstances = 50;

    /// <summary>The most requests one instance may serve at once (an SDK ceiling: Azure ML documents no maximum, its default is 1).</summary>
    public const int MaxConcurrentRequests = 1000;

    private static readonly ImmutableArray<GpuOffer> s_gpus =
        [.. AzureMlInstanceTypes.All.Where(t => t.GpuKind is not null).GroupBy(t => t.GpuKind!.Value).Select(g => new GpuOffer(g.Key, g.Max(t => t.GpuCount))).OrderBy(g => g.Kind.Name, StringComparer.Ordinal)];

    private static TargetCapabilities Base { get; } = new()
    {
        Target = "Azure ML managed online endpoints",
        Cloud = Cloud.Azure,

        // The model version is registered from a blob path and copied by Azure ML (AzureMlPlanner: ModelVersion modelUri).
        DvcHint = "Azure ML registers the model from a blob path and copies it itself, with no loader the SDK runs, so a DVC object (stored under its hash, not its name) would reach the server unnamed and unchecked",
        Labels = AzureTagPolicy.Instance,
        Registry = RegistryBlock.Acr,

        // A managed deployment runs at least one instance (instance_count is required, default scale settings only:
        // docs, "CLI (v2) managed online deployment YAML schema"); no scale to zero.
        ScaleToZero = false,
        MaxReplicas = MaxInstances,

        // Azure Monitor autoscale on the deployment (TARGETS.md 4.2): CpuUtilizationPercentage, GpuUtilizationPercentage, or
        // the endpoint's RequestsPerMinute for this deployment divided per instance.
        ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.CpuUtilization, ScalingMetric.GpuUtilization],
        Gpus = s_gpus,
        GpuHint = "the SDK picks an NC/ND size for the GPU kind and count (AzureMlTarget.InstanceType names one explicitly)",

        // The model data collector (OnlineDeployment dataCollector, TARGETS.md 12.5).
        DataCapture = true,

        // Secrets stay in Key Vault: the identity may read each one, the container gets its URL (no secret injection).
        SecretSources = [SecretSourceKind.Store],

        // Every request is authenticated (Entra token or key; docs "Authentication for managed online endpoints"); a
        // public endpoint is still reachable from the internet, so it needs MLS-NET-01.
        Unauthenticated = false,

        // Traffic weights across deployments of one endpoint (TARGETS.md 4.4): a canary share next to StableDeployment, or
        // 0 % for blue/green; whole percents. No automatic rollback.
        Rollouts = [new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.BlueGreen)],
        MaxRequestTimeout = MaxRequestTimeout,
        PrivilegedPorts = false,

        // An environment version has an image and inference routes but no command or arguments (azure-native
        // machinelearningservices EnvironmentVersionProperties: autoRebuild, build, condaFile, image, inferenceConfig,
        // osType), and an online deployment has none either: the image's ENTRYPOINT/CMD starts the server.
        ContainerArguments = false,
    };

    /// <summary>A created workspace sends its Application Insights data to the deployment's Log Analytics workspace.</summary>
    private static TargetCapabilities WithWorkspace { get; } = Base with { LogRetentionRange = new DayRange(AzureMonitorBlock.MinRetentionDays, AzureMonitorBlock.MaxRetentionDays) };

    public static TargetCapabilities For(AzureMlTarget target) => target.WorkspaceId is null ? WithWorkspace : Base with { Variant = "existing workspace" };

    public static IReadOnlyList<TargetCapabilities> Documented { get; } = [WithWorkspace];
}
