using MlDeploy.Azure.MachineLearning;
using MlDeploy.Model;

namespace MlDeploy.Tests.Azure;

/// <summary>Reference Azure ML deployments for goldens, planner, validation and guardrail tests.</summary>
internal static class AzureMlSamples
{
    public const string Workspace = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml-workspaces/providers/Microsoft.MachineLearningServices/workspaces/ml-prod";

    public static AzureMlTarget Target() => new() { Location = "westeurope" };

    /// <summary>A first deployment: created workspace, built image, model uploaded from a local directory, e-mail alerts.</summary>
    public static ModelDeployment Staging() =>
        new("scorer", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), Target())
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 4 },
            Scaling = new Scaling { Min = 1, Max = 3, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
        };

    /// <summary>
    /// The production canary step: an existing workspace, a GPU deployment next to the stable one (10 %), requests/s
    /// scaling, request capture, a Key Vault secret.
    /// </summary>
    public static ModelDeployment Production() =>
        Staging() with
        {
            Target = Target() with
            {
                WorkspaceId = Workspace,
                StableDeployment = "rev-a2jmhqbz",
                KeyVaultId = ContainerAppsSamples.KeyVault,
            },
            Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.T4) },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.RequestsPerSecond, Target = 20 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com", DataCapturePercent = 10 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("https://ml-secrets.vault.azure.net/secrets/scorer-api-token"))],
        };

    /// <summary>The Azure ML golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("azure-ml.staging.yaml", () => ContainerAppsSamples.Program(Staging(), EnvironmentProfile.Development)),
        ("azure-ml.prod.yaml", () => ContainerAppsSamples.Program(Production(), EnvironmentProfile.Production)),
    ];
}
