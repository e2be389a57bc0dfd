using MlDeploy.Azure.Aks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Tests.Azure;

namespace MlDeploy.Tests.Aks;

public class AksValidationTests
{
    private static ModelDeployment Gpu(NewAksCluster cluster) =>
        AksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with
        {
            Target = AksSamples.Target(cluster, EnvironmentProfile.Development) with { RegistryId = ContainerAppsSamples.Registry, ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount },
        };

    public static TheoryData<string, Func<ModelDeployment>, string> BadInputs => new()
    {
        { "unrestricted public API server", () => Gpu(AksSamples.GpuCluster with { AuthorizedIpRanges = [] }), "deployments[llm].target.cluster.authorizedIpRanges: the API server would be reachable from every address, and nothing says where pulumi up runs (give the deployer's egress CIDRs (AuthorizedIpRanges), or set PrivateCluster = true and run pulumi up inside the cluster's virtual network)" },
        { "authorized range of every address", () => Gpu(AksSamples.GpuCluster with { AuthorizedIpRanges = ["0.0.0.0/0"] }), "deployments[llm].target.cluster.authorizedIpRanges[0.0.0.0/0]: 0.0.0.0/0 authorizes every address (give the deployer's egress CIDRs)" },
        { "private and ranges", () => Gpu(AksSamples.GpuCluster with { PrivateCluster = true }), "deployments[llm].target.cluster.authorizedIpRanges: a private cluster has no public API server to restrict (remove AuthorizedIpRanges, or PrivateCluster to keep a public API server for those ranges)" },
        { "GPU pool too small for max replicas plus surge", () => Gpu(AksSamples.GpuCluster with { GpuNodes = AksSamples.GpuCluster.GpuNodes! with { Max = 4 } }), "deployments[llm].target.cluster.gpuNodes.max: the GPU deployments on cluster ml need 5 GPUs at their maximum replicas plus one rollout's surge pods, but 4 Standard_NC24ads_A100_v4 nodes have 4 (raise GpuNodes max to 5, or lower the deployments' maximum replicas or rollout traffic percent)" },
        { "model volume larger than the OS disk", () => Gpu(AksSamples.GpuCluster with { GpuNodes = AksSamples.GpuCluster.GpuNodes! with { OsDiskSizeGiB = 30 } }) is var d ? d with { Target = ((AksTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { ModelStorageGiB = 40 } } } : null!, "deployments[llm].target.workload.modelStorageGiB: the pod reserves 42 GiB of ephemeral storage (model volume 40 GiB plus scratch), more than a Standard_NC24ads_A100_v4 node's 30 GiB OS disk allocates (about 90 %) (raise OsDiskSizeGiB of the node pool, or declare a smaller ModelStorageGiB)" },
        { "GPU pool without GPUs", () => Gpu(AksSamples.GpuCluster with { GpuNodes = new AksNodePool("Standard_D4s_v5", 0, 5) }), "deployments[llm].target.cluster.gpuNodes.vmSize: Standard_D4s_v5 has no GPUs (use a GPU size, e.g. Standard_NC8as_T4_v3 or Standard_NC24ads_A100_v4)" },
        { "unknown VM size", () => Gpu(AksSamples.GpuCluster with { GpuNodes = new AksNodePool("Standard_NX1", 0, 5) }), "deployments[llm].target.cluster.gpuNodes.capacity: 'Standard_NX1' is not in the SDK's VM size catalogue, so its capacity is unknown (give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the Azure VM size page, or use a Dsv5/Ddsv5/Edsv5/Fsv2 or NCasT4_v3/NVadsA10_v5/NC_A100_v4/ND_A100_v4/NCads_H100_v5/ND_H100_v5 size)" },
        { "existing cluster without workload identity", () => AksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new AksTarget(AksCluster.Existing("platform", "platform-rg")) { Location = "westeurope" } }, "deployments[ranker].target.cluster: the workload gets its Azure credentials through workload identity, but nothing says the cluster runs the OIDC issuer and workload identity (run az aks update --enable-oidc-issuer --enable-workload-identity on the cluster and set WorkloadIdentityEnabled = true)" },
        { "Prometheus on a created cluster", () => Gpu(AksSamples.GpuCluster) is var d ? d with { Target = ((AksTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { Prometheus = new PrometheusMonitoring() } } } : null!, "deployments[llm].target.workload.prometheus: a cluster the SDK creates has no Prometheus Operator CRDs, so the ServiceMonitor and PrometheusRule would fail to apply (leave Prometheus null on a created cluster (the plan says so), or deploy onto an existing cluster that runs the operator)" },
        { "GPU kind the pool does not have", () => Gpu(AksSamples.GpuCluster) with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.T4) } }, "deployments[llm].compute.gpu" },
        { "request larger than a node", () => Gpu(AksSamples.GpuCluster) with { Compute = new Compute { Cpu = 24, MemoryGiB = 200, Gpu = new Gpu(1, GpuKind.A100) } }, "deployments[llm].compute: 24 vCPU / 200 GiB does not fit on a Standard_NC24ads_A100_v4 node (24 vCPU / 220 GiB, about 90 % allocatable) (lower the request or use a larger node instance type)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadAksInput_ReportsPathAndFix(string name, Func<ModelDeployment> deployment, string expected)
    {
        var messages = AksSamples.Synthesizer().Validate(Support.SampleDeployments.Platform(EnvironmentProfile.Development, deployment()), Support.Repo.Root).Select(x => x.ToString()).ToList();

        Assert.True(messages.Any(m => m.StartsWith(expected, StringComparison.Ordinal)), $"{name}: expected '{expected}' in\n{string.Join("\n", messages)}");
    }

    [Fact]
    public void Validate_UnpinnedLoaderInProduction_NamesTheSettingToPin()
    {
        var d = AksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Target = new AksTarget(AksSamples.ExistingCluster) { Location = "westeurope" } };

        var messages = AksSamples.Synthesizer().Validate(Support.SampleDeployments.Platform(EnvironmentProfile.Production, d), Support.Repo.Root).Select(x => x.ToString());

        Assert.Contains("deployments[ranker].target.workload.modelLoaderImage: production runs the model loader from a digest-pinned image, and the SDK's default (mcr.microsoft.com/azure-cli:2.70.0) is a version tag whose digest it cannot verify (set KubernetesWorkloadOptions.ModelLoaderImage = \"mcr.microsoft.com/azure-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest))", messages);
    }

    [Fact]
    public void Validate_Goldens_HaveNoProblems()
    {
        foreach (var profile in new[] { EnvironmentProfile.Development, EnvironmentProfile.Production })
        {
            Assert.Empty(AksSamples.Synthesizer().Validate(Support.SampleDeployments.Platform(profile, AksSamples.ExistingClusterCpu(profile), AksSamples.CreatedClusterGpu(profile)), Support.Repo.Root));
        }
    }

    [Fact]
    public void Validate_TwoDeploymentsDescribingOneClusterDifferently_NamesTheFirst()
    {
        var first = Gpu(AksSamples.GpuCluster);
        var second = Gpu(AksSamples.GpuCluster with { Version = "1.32" }) with { Name = "llm-b" };

        var messages = AksSamples.Synthesizer().Validate(Support.SampleDeployments.Platform(EnvironmentProfile.Development, first, second), Support.Repo.Root).Select(x => x.ToString());

        Assert.Contains(messages, m => m.StartsWith("deployments[llm-b].target.cluster: cluster 'ml' is also declared by deployment 'llm', with other settings", StringComparison.Ordinal));
    }
}
