using MlDeploy.Gcp.Vertex;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Gcp;

/// <summary>Reference Vertex AI deployments for goldens, validation, script and guardrail tests.</summary>
internal static class VertexSamples
{
    public static VertexTarget Target(EnvironmentProfile profile) => profile == EnvironmentProfile.Production
        ? new VertexTarget { Project = "acme-ml-prod", Region = "europe-west4" }
        : new VertexTarget { Project = "acme-ml-staging", Region = "europe-west4" };

    /// <summary>A private endpoint: built image, model uploaded from a local directory, first rollout, CPU scaling, e-mail alerts.</summary>
    public static ModelDeployment Internal(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        new("classifier", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), Target(profile))
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 4 },
            Scaling = new Scaling { Min = 2, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Serving = new Serving { Env = new Dictionary<string, string> { ["LOG_LEVEL"] = "info" } },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
        };

    /// <summary>The production endpoint: an L4 GPU, the canary step of a rollout next to the stable deployed model, 20 % request logging, CMEK, duty-cycle scaling.</summary>
    public static ModelDeployment Production() =>
        Internal(EnvironmentProfile.Production) with
        {
            Target = Target(EnvironmentProfile.Production) with { StableDeployedModel = "1234567890", KmsKeyName = CloudRunSamples.KmsKey },
            Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(1, GpuKind.L4) },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.GpuUtilization, Target = 70 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com", DataCapturePercent = 20 },
        };

    public static Synthesis Synthesize(ModelDeployment deployment, EnvironmentProfile profile = EnvironmentProfile.Development) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployment), CloudRunSamples.Stack(profile));

    public static string Program(ModelDeployment deployment, EnvironmentProfile profile)
    {
        var stack = CloudRunSamples.Stack(profile);
        return PulumiYamlWriter.Write(Synthesize(deployment, profile).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>The Vertex AI golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("vertex.staging.yaml", () => Program(Internal(), EnvironmentProfile.Development)),
        ("vertex.prod.yaml", () => Program(Production(), EnvironmentProfile.Production)),
    ];
}
