using MlDeploy.Azure.Aks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Azure;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Aks;

/// <summary>Reference AKS deployments: CPU on an existing cluster, GPU on a cluster the SDK creates.</summary>
internal static class AksSamples
{
    public const string Deployer = "3f2b8c1d-5e6a-4b7c-8d9e-0f1a2b3c4d5e";

    /// <summary>A created cluster reached from the CI runners' egress range, with an autoscaled A100 pool.</summary>
    public static NewAksCluster GpuCluster { get; } = AksCluster.Create("ml", "westeurope") with
    {
        AuthorizedIpRanges = ["203.0.113.0/24"],
        // Five nodes: the deployment's 4 replicas at most plus the surge pod of a rollout (ClusterChecks.GpuPoolCovers).
        GpuNodes = new AksNodePool("Standard_NC24ads_A100_v4", 0, 5) { OsDiskSizeGiB = 256 },
        Deployer = new AksDeployer { PrincipalId = Deployer },
    };

    /// <summary>An existing Entra ID cluster with workload identity on.</summary>
    public static ExistingAksCluster ExistingCluster { get; } = AksCluster.Existing("platform", "platform-rg") with { WorkloadIdentityEnabled = true };

    public static AksTarget Target(AksCluster cluster, EnvironmentProfile profile) =>
        profile == EnvironmentProfile.Production
            ? new AksTarget(cluster is NewAksCluster created ? created with { DevicePluginImage = EksSamples.PinnedDevicePlugin } : cluster) { Location = "westeurope", Workload = new KubernetesWorkloadOptions { ModelLoaderImage = ContainerAppsSamples.PinnedLoader } }
            : new AksTarget(cluster) { Location = "westeurope" };

    public static ModelDeployment ExistingClusterCpu(EnvironmentProfile profile)
    {
        var target = Target(ExistingCluster, profile);
        return new("ranker", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), target with { Workload = target.Workload with { Prometheus = new PrometheusMonitoring() } })
        {
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 3 : 1, Max = 8, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
        };
    }

    public static ModelDeployment CreatedClusterGpu(EnvironmentProfile profile) =>
        new("llm", ImageSource.Existing(ContainerAppsSamples.PinnedImage), ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/llm/v7/model.tar.gz"), Target(GpuCluster, profile) with
        {
            RegistryId = ContainerAppsSamples.Registry,
            ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount,
        })
        {
            Compute = new Compute { Cpu = 16, MemoryGiB = 160, Gpu = new Gpu(1, GpuKind.A100) },
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 2 : 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(20) },
        };

    public static Synthesizer Synthesizer() => ContainerAppsSamples.Synthesizer();

    public static Synthesis Synthesize(EnvironmentProfile profile, params ModelDeployment[] deployments) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployments), ContainerAppsSamples.Stack(profile));

    public static string Program(EnvironmentProfile profile, Func<EnvironmentProfile, ModelDeployment> deployment)
    {
        var stack = ContainerAppsSamples.Stack(profile);
        return PulumiYamlWriter.Write(Synthesize(profile, deployment(profile)).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>The AKS golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("aks-existing-cluster-cpu.staging.yaml", () => Program(EnvironmentProfile.Development, ExistingClusterCpu)),
        ("aks-existing-cluster-cpu.prod.yaml", () => Program(EnvironmentProfile.Production, ExistingClusterCpu)),
        ("aks-created-cluster-gpu.staging.yaml", () => Program(EnvironmentProfile.Development, CreatedClusterGpu)),
        ("aks-created-cluster-gpu.prod.yaml", () => Program(EnvironmentProfile.Production, CreatedClusterGpu)),
        ("aks-dvc-directory.prod.yaml", () => Program(EnvironmentProfile.Production, _ => AzureDvcPlanTests.Aks("v2/features-blob.dvc"))),
    ];
}
