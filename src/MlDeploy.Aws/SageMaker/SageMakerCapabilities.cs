using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.SageMaker;

/// <summary>What a SageMaker endpoint can honour: instance-backed and serverless variants differ.</summary>
internal static class SageMakerCapabilities
{
    /// <summary>SageMaker's container contract: requests on 8080 at /invocations, health at /ping, the model at /opt/ml/model, the single argument <c>serve</c>.</summary>
    private static readonly ServingContract s_contract = new(8080, "/ping", "/invocations", "/opt/ml/model", ArgsAllowed: false);

    /// <summary>Each GPU kind of the instance catalogue (first-listed order) with its largest count.</summary>
    /// <remarks>Computed once, with loops: chained LINQ operators are resolved by the NativeAOT type loader on first call, a measurable share of a compile run.</remarks>
    private static readonly ImmutableArray<GpuOffer> s_gpus = GpuOffers();

    private static ImmutableArray<GpuOffer> GpuOffers()
    {
        var kinds = new List<GpuKind>();
        var most = new List<int>();
        foreach (var t in SageMakerInstanceTypes.All)
        {
            if (t.GpuKind is not { } kind)
            {
                continue;
            }

            var i = kinds.IndexOf(kind);
            if (i < 0)
            {
                kinds.Add(kind);
                most.Add(t.GpuCount);
            }
            else
            {
                most[i] = Math.Max(most[i], t.GpuCount);
            }
        }

        var offers = ImmutableArray.CreateBuilder<GpuOffer>(kinds.Count);
        for (var i = 0; i < kinds.Count; i++)
        {
            offers.Add(new GpuOffer(kinds[i], most[i]));
        }

        return offers.MoveToImmutable();
    }

    public static TargetCapabilities Of(SageMakerTarget target)
    {
        var common = AwsCapabilities.Base(target.Serverless is null ? "SageMaker real-time endpoints" : "SageMaker serverless endpoints") with
        {
            SecretSources = [SecretSourceKind.Config, SecretSourceKind.Store],

            // A DVC-tracked .tar.gz is one S3 object SageMaker downloads and unpacks itself (decision 48).
            ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
            DvcHint = "a .tar.gz file output (S3 remotes) SageMaker unpacks itself, so its md5 is not re-checked; no directory outputs",
            FixedServing = s_contract,

            // "Public" is the SageMaker runtime API: reachable only with IAM (SigV4) credentials.
            PublicNeedsWaiver = false,

            // Deployment guardrails (ProductionVariant deployment config): canary 1-50 % and linear 10-50 % of
            // capacity; wait intervals 0-3600 s (TARGETS.md 1.1).
            Rollouts = [new RolloutOffer(RolloutStrategy.Rolling), new RolloutOffer(RolloutStrategy.BlueGreen), new RolloutOffer(RolloutStrategy.Canary, 1, 50), new RolloutOffer(RolloutStrategy.Linear, 10, 50)],
            MaxBakeTime = TimeSpan.FromSeconds(3600),
        };
        return target.Serverless is { } serverless
            ? common with
            {
                Variant = "serverless",
                ScaleToZero = true,
                MaxReplicas = 1000,

                // The platform scales on concurrent invocations itself (MaxConcurrency); no autoscaling resources.
                ScalingMetrics = [ScalingMetric.Concurrency, ScalingMetric.RequestsPerSecond],
                Exposures = [Exposure.Public],
            }
            : common with
            {
                Variant = "instances",
                MaxReplicas = 1000,
                ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.CpuUtilization, ScalingMetric.GpuUtilization],
                Gpus = s_gpus,
                DataCapture = true,

                // ContainerStartupHealthCheckTimeoutInSeconds and ModelDataDownloadTimeoutInSeconds: 60-3600 s.
                StartupTimeout = new DurationRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3600)),
            };
    }
}
