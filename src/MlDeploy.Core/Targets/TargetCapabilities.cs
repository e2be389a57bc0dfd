using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// What one target can honour, as data: the shared <see cref="Validation.CapabilityValidator"/> turns a deployment plus
/// this record into diagnostics (each written once), and docs/CAPABILITIES.md is generated from it. A target whose
/// options change what it can do (SageMaker serverless vs. instances) returns a record per setting.
/// </summary>
public sealed record TargetCapabilities
{
    /// <summary>Gets the target's name in messages, e.g. "SageMaker real-time endpoints" (plural: "... do not support ...").</summary>
    public required string Target { get; init; }

    /// <summary>Gets the cloud the target runs in (artifacts and stored secrets must live there).</summary>
    public required Cloud Cloud { get; init; }

    /// <summary>Gets the cloud's rules for tags or labels, or null when the target sets none.</summary>
    public LabelPolicy? Labels { get; init; }

    /// <summary>Gets a value indicating whether min replicas may be 0.</summary>
    public bool ScaleToZero { get; init; }

    /// <summary>Gets how to make the target scale to zero when it cannot as configured (a mode it offers), or null.</summary>
    public string? ScaleToZeroHint { get; init; }

    /// <summary>Gets the most replicas one deployment may have.</summary>
    public int MaxReplicas { get; init; } = 100;

    /// <summary>Gets the metrics the target can scale on.</summary>
    public ImmutableArray<ScalingMetric> ScalingMetrics { get; init; } = [];

    /// <summary>Gets what to do about a scaling metric the target cannot use, beyond choosing another, or null.</summary>
    public string? ScalingHint { get; init; }

    /// <summary>Gets the GPU kinds the target offers, and the most per replica; empty when it has none.</summary>
    public ImmutableArray<GpuOffer> Gpus { get; init; } = [];

    /// <summary>Gets how to get GPUs on this target when it has none or not the kind asked for (e.g. "add a GPU node group"), or null.</summary>
    public string? GpuHint { get; init; }

    /// <summary>Gets a value indicating whether the platform captures requests and responses itself.</summary>
    public bool DataCapture { get; init; }

    /// <summary>Gets where secrets may come from.</summary>
    public ImmutableArray<SecretSourceKind> SecretSources { get; init; } = [SecretSourceKind.Config];

    /// <summary>Gets where the serving image may come from.</summary>
    /// <remarks>Every registered target mirrors public images (decision 50): each cloud's registry block copies them.</remarks>
    public ImmutableArray<ImageSourceKind> ImageSources { get; init; } = [ImageSourceKind.Build, ImageSourceKind.Existing, ImageSourceKind.Mirrored];

    /// <summary>Gets the registry an existing image must be in (the identity gets pull rights there), or null for any.</summary>
    public ImageRegistry? Registry { get; init; }

    /// <summary>Gets where the model artifact may come from.</summary>
    public ImmutableArray<ArtifactSourceKind> ArtifactSources { get; init; } = [ArtifactSourceKind.File, ArtifactSourceKind.Uri];

    /// <summary>
    /// Gets which DVC outputs the target serves and how their bytes are checked, or, when <see cref="ArtifactSources"/>
    /// lacks <see cref="ArtifactSourceKind.Dvc"/>, why it cannot serve any: docs/CAPABILITIES.md shows it, and the
    /// refusal gives the reason.
    /// </summary>
    public string? DvcHint { get; init; }

    /// <summary>
    /// Gets a value indicating whether a model loader checks every DVC object it fetches against its md5 before the
    /// server starts (false where the platform downloads the model itself, as SageMaker does).
    /// </summary>
    public bool DvcChecked { get; init; }

    /// <summary>Gets who the endpoint can be exposed to.</summary>
    public ImmutableArray<Exposure> Exposures { get; init; } = [Exposure.Private, Exposure.Public];

    /// <summary>Gets a value indicating whether a public endpoint needs waiver MLS-NET-01 (false where "public" still means reachable only through the cloud's authenticated API).</summary>
    public bool PublicNeedsWaiver { get; init; } = true;

    /// <summary>Gets a value indicating whether authentication can be turned off (a public endpoint of such a target needs waiver MLS-NET-02, which its guardrail checks on the program).</summary>
    public bool Unauthenticated { get; init; }

    /// <summary>Gets the rollout strategies, each with the traffic share per step it accepts.</summary>
    public ImmutableArray<RolloutOffer> Rollouts { get; init; } = [];

    /// <summary>Gets what to do about a rollout strategy the target cannot use, beyond choosing another, or null.</summary>
    public string? RolloutHint { get; init; }

    /// <summary>Gets the longest bake time per step.</summary>
    public TimeSpan MaxBakeTime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Gets the start-up allowance the platform accepts.</summary>
    public DurationRange StartupTimeout { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>Gets the longest request the platform's serving path holds, or null when the target sets no such limit; a p99 latency threshold above it is refused.</summary>
    public TimeSpan? MaxRequestTimeout { get; init; }

    /// <summary>Gets the log retention periods the log store accepts, in days; empty when any positive number is.</summary>
    public ImmutableArray<int> LogRetentionDays { get; init; } = [];

    /// <summary>Gets the range of log retention days the log store accepts (every day in it), or null when <see cref="LogRetentionDays"/> says it.</summary>
    public DayRange? LogRetentionRange { get; init; }

    /// <summary>Gets the serving contract the platform imposes on the container, or null when the deployment's own is used.</summary>
    public ServingContract? FixedServing { get; init; }

    /// <summary>Gets a value indicating whether the platform passes container arguments (<see cref="Serving.Args"/>) where it imposes no fixed contract.</summary>
    public bool ContainerArguments { get; init; } = true;

    /// <summary>Gets a value indicating whether the container may listen on a port below 1024 (not where it runs non-root without capabilities).</summary>
    public bool PrivilegedPorts { get; init; }

    /// <summary>Gets a short label for a variant of the target in generated docs (e.g. "serverless"), or null.</summary>
    public string? Variant { get; init; }
}

/// <summary>A GPU kind a target offers.</summary>
/// <param name="Kind">The GPU model.</param>
/// <param name="MaxPerReplica">The most of them one replica can have.</param>
public sealed record GpuOffer(GpuKind Kind, int MaxPerReplica);

/// <summary>A rollout strategy a target offers and the traffic share per step it accepts (percent).</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="MinPercent">The smallest share.</param>
/// <param name="MaxPercent">The largest share.</param>
public sealed record RolloutOffer(RolloutStrategy Strategy, int MinPercent = 1, int MaxPercent = 99);

/// <summary>An inclusive range of durations.</summary>
/// <param name="Min">The shortest.</param>
/// <param name="Max">The longest.</param>
public sealed record DurationRange(TimeSpan Min, TimeSpan Max);

/// <summary>An inclusive range of whole days.</summary>
/// <param name="Min">The fewest.</param>
/// <param name="Max">The most.</param>
public sealed record DayRange(int Min, int Max);

/// <summary>A registry existing images must come from.</summary>
/// <param name="Name">Its name in messages, e.g. "Amazon ECR".</param>
/// <param name="Accepts">Whether a reference is in it.</param>
public sealed record ImageRegistry(string Name, Func<string, bool> Accepts);

/// <summary>A serving contract the platform imposes.</summary>
/// <param name="Port">The port requests arrive on.</param>
/// <param name="HealthPath">The health check path.</param>
/// <param name="PredictPath">The prediction path.</param>
/// <param name="ModelDir">Where the platform places the model.</param>
/// <param name="ArgsAllowed">Whether container arguments can be set.</param>
public sealed record ServingContract(int Port, string HealthPath, string PredictPath, string ModelDir, bool ArgsAllowed);

/// <summary>Kinds of secret source.</summary>
public enum SecretSourceKind
{
    /// <summary>A secret stack config value.</summary>
    Config,

    /// <summary>A secret in the cloud's secret store.</summary>
    Store,
}

/// <summary>Kinds of image source.</summary>
public enum ImageSourceKind
{
    /// <summary>Built and pushed by the SDK.</summary>
    Build,

    /// <summary>An existing reference.</summary>
    Existing,

    /// <summary>The image of a model registry entry.</summary>
    ModelPackage,

    /// <summary>A public image copied into the deployment's private registry (<c>ImageSource.Mirror</c>).</summary>
    Mirrored,
}

/// <summary>Kinds of artifact source.</summary>
public enum ArtifactSourceKind
{
    /// <summary>A local file or directory the SDK uploads.</summary>
    File,

    /// <summary>A storage URI read in place.</summary>
    Uri,

    /// <summary>A model registry entry.</summary>
    Registry,

    /// <summary>A DVC-tracked model read from its DVC remote.</summary>
    Dvc,
}
