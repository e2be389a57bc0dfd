using MlDeploy.Gcp.CloudRun;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Gcp;

/// <summary>Reference Cloud Run deployments for goldens, planner, validation and guardrail tests.</summary>
internal static class CloudRunSamples
{
    public const string PinnedImage = "europe-west4-docker.pkg.dev/acme-ml-shared/serving/llm-server@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

    public const string KmsKey = "projects/acme-ml-prod/locations/europe-west4/keyRings/ml/cryptoKeys/serving";

    /// <summary>The image <c>mlflow models build-docker</c> built (no --model-uri: the model is mounted at /opt/ml/model), pushed and pinned.</summary>
    public const string MlflowImage = "europe-west4-docker.pkg.dev/acme-ml-shared/serving/mlflow-pyfunc@sha256:4c1d7e9a2b5f8c3e6a9d2f5b8e1c4a7d0f3b6e9c2a5d8f1b4e7a0c3f6b9d2e5a";

    /// <summary>The MLflow model fixtures (decision 49), relative to the repository root.</summary>
    public const string MlflowModels = "tests/MlDeploy.Tests/Presets/MlflowModels";

    public static CloudRunTarget Target(EnvironmentProfile profile) => profile == EnvironmentProfile.Production
        ? new CloudRunTarget { Project = "acme-ml-prod", Region = "europe-west4" }
        : new CloudRunTarget { Project = "acme-ml-staging", Region = "europe-west4" };

    /// <summary>An internal service: built image, model uploaded from a local directory, first rollout (no stable revision yet), e-mail alerts.</summary>
    public static ModelDeployment Internal(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        new("classifier", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), Target(profile))
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 4 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(5) },
            Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
            Target = Target(profile) with { Invokers = ["serviceAccount:gateway@acme-ml-staging.iam.gserviceaccount.com"] },
        };

    /// <summary>
    /// The production service: an L4 GPU, the canary step of a rollout (10 % on the latest revision next to the stable
    /// one), a Secret Manager secret, CMEK for repository and bucket, concurrency scaling, two invokers.
    /// </summary>
    public static ModelDeployment Production() =>
        Internal(EnvironmentProfile.Production) with
        {
            Target = Target(EnvironmentProfile.Production) with
            {
                StableRevision = "ml-platform-prod-classifier-a2jmhqbz-00041-xyz",
                KmsKeyName = KmsKey,
                Invokers = ["group:ml-callers@acme.example", "serviceAccount:gateway@acme-ml-prod.iam.gserviceaccount.com"],
                RequestTimeout = TimeSpan.FromMinutes(2),
            },
            Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.L4) },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.Concurrency, Target = 4 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("projects/acme-ml-prod/secrets/classifier-api-token"))],
        };

    /// <summary>
    /// An MLflow model (python_function and sklearn flavors, with a signature) served by the build-docker image: Serving is
    /// left unset, so the deployment gets ServingPreset.Mlflow from the artifact.
    /// </summary>
    public static ModelDeployment Mlflow(EnvironmentProfile profile = EnvironmentProfile.Production) =>
        new("churn", ImageSource.Existing(MlflowImage), ModelArtifact.FromMlflow($"{MlflowModels}/churn-classifier"), Target(profile))
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 4 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
            Target = Target(profile) with
            {
                KmsKeyName = profile == EnvironmentProfile.Production ? KmsKey : null,
                Invokers = [$"serviceAccount:gateway@{Target(profile).Project}.iam.gserviceaccount.com"],
            },
        };

    /// <summary>The production service with the public TGI image mirrored into its Artifact Registry repository (decision 50).</summary>
    public static ModelDeployment Mirrored() =>
        Production() with
        {
            Name = "tgi",

            // A first rollout: the production sample's stable revision belongs to another service.
            Target = Production().Target is CloudRunTarget t ? t with { StableRevision = null } : throw new InvalidOperationException("not a Cloud Run target"),
            Image = ImageSource.Mirror(SampleDeployments.PublicTgiImage),
            // Cloud Run waits at most 480 s for a start-up probe: a model that loads within 8 minutes.
            Serving = Serving.For(ServingPreset.Tgi) with { StartupTimeout = TimeSpan.FromMinutes(8) },
            Monitoring = new Monitoring { LatencyP99Ms = 20000, NotificationEmail = "oncall@example.com" },
        };

    public static Synthesizer Synthesizer() => SampleDeployments.Synthesizer();

    public static StackIdentity Stack(EnvironmentProfile profile) => profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging;

    public static Synthesis Synthesize(ModelDeployment deployment, EnvironmentProfile profile = EnvironmentProfile.Development) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployment), Stack(profile));

    public static string Program(ModelDeployment deployment, EnvironmentProfile profile)
    {
        var stack = Stack(profile);
        return PulumiYamlWriter.Write(Synthesize(deployment, profile).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>The Cloud Run golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("cloud-run.staging.yaml", () => Program(Internal(), EnvironmentProfile.Development)),
        ("cloud-run.prod.yaml", () => Program(Production(), EnvironmentProfile.Production)),
        ("cloud-run-mlflow-model.prod.yaml", () => Program(Mlflow(), EnvironmentProfile.Production)),
        ("cloud-run-mirrored-image.prod.yaml", () => Program(Mirrored(), EnvironmentProfile.Production)),
    ];
}
