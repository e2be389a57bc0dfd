using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Azure;

/// <summary>Reference Container Apps deployments for goldens, planner, validation and guardrail tests.</summary>
internal static class ContainerAppsSamples
{
    public const string Subscription = "00000000-0000-4000-8000-000000000001";

    /// <summary>The Azure CLI loader image pinned by digest, as production stacks must (the digest is illustrative).</summary>
    public const string PinnedLoader = "mcr.microsoft.com/azure-cli@sha256:7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    public const string Subnet = $"/subscriptions/{Subscription}/resourceGroups/ml-network/providers/Microsoft.Network/virtualNetworks/ml/subnets/apps";

    public const string KeyVault = $"/subscriptions/{Subscription}/resourceGroups/ml-secrets/providers/Microsoft.KeyVault/vaults/ml-secrets";

    public const string Registry = $"/subscriptions/{Subscription}/resourceGroups/ml-shared/providers/Microsoft.ContainerRegistry/registries/acmeml";

    public const string PinnedImage = "acmeml.azurecr.io/team/llm-server@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

    public const string ModelAccount = $"/subscriptions/{Subscription}/resourceGroups/ml-models/providers/Microsoft.Storage/storageAccounts/acmemodels";

    public static ContainerAppsTarget Target(EnvironmentProfile profile) => profile == EnvironmentProfile.Production
        ? new ContainerAppsTarget { Location = "westeurope", ModelLoaderImage = PinnedLoader }
        : new ContainerAppsTarget { Location = "westeurope" };

    /// <summary>
    /// An internal app: built image, model uploaded from a local directory, canary (first rollout: no stable revision
    /// yet), created resource group and environment, e-mail alerts.
    /// </summary>
    public static ModelDeployment Internal(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        new("classifier", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), Target(profile))
        {
            Compute = new Compute { Cpu = 1.5m, MemoryGiB = 3 },
            Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
        };

    /// <summary>
    /// The production app: an existing resource group, a created internal environment in the platform's subnet (Premium
    /// registry), the canary step of a rollout (10 % on the latest revision), a Key Vault secret.
    /// </summary>
    public static ModelDeployment Production() =>
        Internal(EnvironmentProfile.Production) with
        {
            Target = Target(EnvironmentProfile.Production) with
            {
                ResourceGroupName = "ml-serving-prod",
                InfrastructureSubnetId = Subnet,
                StableRevision = "ml-platform-prod-classi-a2jmhqbz--0000041",
                KeyVaultId = KeyVault,
            },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.Concurrency, Target = 8 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("https://ml-secrets.vault.azure.net/secrets/classifier-api-token"))],
        };

    /// <summary>
    /// The production app running Seldon MLServer as published on Docker Hub, mirrored into the deployment's registry
    /// (decision 50); the digest is well formed for the tests, not the registry's.
    /// </summary>
    public static ModelDeployment Mirrored() =>
        Production() with
        {
            Name = "mlserver",

            // A first rollout: the production sample's stable revision belongs to another app.
            Target = Production().Target is ContainerAppsTarget t ? t with { StableRevision = null } : throw new InvalidOperationException("not a Container Apps target"),
            Image = ImageSource.Mirror("docker.io/seldonio/mlserver:1.6.1@sha256:2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f"),
            Serving = Serving.For(ServingPreset.KServeV2, "classifier"),
        };

    public static Synthesizer Synthesizer() => new(AwsTargets.All, AzureTargets.All);

    public static StackIdentity Stack(EnvironmentProfile profile) => profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging;

    public static Synthesis Synthesize(ModelDeployment deployment, EnvironmentProfile profile = EnvironmentProfile.Development) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployment), Stack(profile));

    public static string Program(ModelDeployment deployment, EnvironmentProfile profile)
    {
        var stack = Stack(profile);
        return PulumiYamlWriter.Write(Synthesize(deployment, profile).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>The Container Apps golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("container-apps.staging.yaml", () => Program(Internal(), EnvironmentProfile.Development)),
        ("container-apps.prod.yaml", () => Program(Production(), EnvironmentProfile.Production)),
        ("container-apps-mirrored-image.prod.yaml", () => Program(Mirrored(), EnvironmentProfile.Production)),
        ("container-apps-dvc-model.prod.yaml", () => Program(AzureDvcPlanTests.ContainerApp("v3/models/fraud-blob.tar.gz.dvc"), EnvironmentProfile.Production)),
    ];
}
