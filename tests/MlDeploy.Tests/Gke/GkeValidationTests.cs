using MlDeploy.Gcp.Gke;
using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Tests.Gke;

public class GkeValidationTests
{
    private static ModelDeployment Gpu(NewGkeCluster cluster) =>
        GkeSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = GkeSamples.Target(cluster, EnvironmentProfile.Development) };

    public static TheoryData<string, Func<ModelDeployment>, string> BadInputs => new()
    {
        { "unrestricted public control plane", () => Gpu(GkeSamples.GpuCluster with { MasterAuthorizedNetworks = [] }), "deployments[llm].target.cluster.masterAuthorizedNetworks: the API server would be reachable from every address, and nothing says where pulumi up runs (give the deployer's egress CIDRs (MasterAuthorizedNetworks), or set PrivateCluster = true and run pulumi up inside the cluster's VPC network)" },
        { "authorized network of every address", () => Gpu(GkeSamples.GpuCluster with { MasterAuthorizedNetworks = ["0.0.0.0/0"] }), "deployments[llm].target.cluster.masterAuthorizedNetworks[0.0.0.0/0]: 0.0.0.0/0 authorizes every address" },
        { "private and authorized networks", () => Gpu(GkeSamples.GpuCluster with { PrivateCluster = true }), "deployments[llm].target.cluster.masterAuthorizedNetworks: a private cluster has no public API server to restrict" },
        { "private control plane range not a /28", () => Gpu(GkeSamples.GpuCluster with { MasterAuthorizedNetworks = [], PrivateCluster = true, MasterIpv4CidrBlock = "172.16.0.0/24" }), "deployments[llm].target.cluster.masterIpv4CidrBlock: '172.16.0.0/24' is not a /28 range" },
        { "GPU pool too small for max replicas plus surge", () => Gpu(GkeSamples.GpuCluster with { GpuNodes = GkeSamples.GpuCluster.GpuNodes! with { Max = 4 } }), "deployments[llm].target.cluster.gpuNodes.max: the GPU deployments on cluster ml need 5 GPUs at their maximum replicas plus one rollout's surge pods, but 4 g2-standard-8 nodes have 4 (raise GpuNodes max to 5" },
        { "model volume larger than the boot disk", () => Gpu(GkeSamples.GpuCluster with { GpuNodes = GkeSamples.GpuCluster.GpuNodes! with { DiskSizeGiB = 30 } }) is var d ? d with { Target = ((GkeTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { ModelStorageGiB = 40 } } } : null!, "deployments[llm].target.workload.modelStorageGiB: the pod reserves 42 GiB of ephemeral storage (model volume 40 GiB plus scratch), more than a g2-standard-8 node's 30 GiB boot disk allocates" },
        { "GPU pool without accelerator", () => Gpu(GkeSamples.GpuCluster with { GpuNodes = new GkeNodePool("n1-standard-8", 0, 5) }), "deployments[llm].target.cluster.gpuNodes.accelerator: a GPU pool needs its accelerators stated" },
        { "bundled accelerator mismatch", () => Gpu(GkeSamples.GpuCluster with { GpuNodes = GkeSamples.GpuCluster.GpuNodes! with { Accelerator = new GkeAccelerator("nvidia-l4", 2) } }), "deployments[llm].target.cluster.gpuNodes.accelerator: g2-standard-8 comes with 1x nvidia-l4, not 2x nvidia-l4" },
        { "unknown machine type", () => Gpu(GkeSamples.GpuCluster with { GpuNodes = new GkeNodePool("x9-huge", 0, 5) { Accelerator = new GkeAccelerator("nvidia-l4", 1) } }), "deployments[llm].target.cluster.gpuNodes.capacity: 'x9-huge' is not in the SDK's machine type catalogue" },
        { "existing cluster without Workload Identity", () => GkeSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = GkeSamples.Target(GkeCluster.Existing("platform", "acme-platform", "europe-west4"), EnvironmentProfile.Development) }, "deployments[ranker].target.cluster: the workload gets its Google credentials through Workload Identity, but nothing says the cluster runs it" },
        { "Prometheus on a created cluster", () => Gpu(GkeSamples.GpuCluster) is var d ? d with { Target = ((GkeTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { Prometheus = new PrometheusMonitoring() } } } : null!, "deployments[llm].target.workload.prometheus: a cluster the SDK creates has no Prometheus Operator CRDs" },
        { "GPU kind the pool does not have", () => Gpu(GkeSamples.GpuCluster) with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.A100) } }, "deployments[llm].compute.gpu" },
        { "request larger than a node", () => Gpu(GkeSamples.GpuCluster) with { Compute = new Compute { Cpu = 8, MemoryGiB = 30, Gpu = new Gpu(1, GpuKind.L4) } }, "deployments[llm].compute: 8 vCPU / 30 GiB does not fit on a g2-standard-8 node (8 vCPU / 32 GiB, about 90 % allocatable)" },
        { "blob URL model", () => GkeSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/llm/") }, "deployments[llm].artifact: 'https://acmemodels.blob.core.windows.net/models/llm/' is not a Cloud Storage URI" },
        { "bad cluster location", () => Gpu(GkeSamples.GpuCluster with { Location = "Europe West" }), "deployments[llm].target.cluster.location: 'Europe West' is not a Google Cloud region or zone" },
        { "loader by tag in production", () => GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Target = GkeSamples.Target(GkeSamples.ExistingCluster, EnvironmentProfile.Development) }, "deployments[ranker].target.workload.modelLoaderImage: production runs the model loader from a digest-pinned image" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadGkeInput_ReportsPathAndFix(string name, Func<ModelDeployment> deployment, string expected)
    {
        var profile = name.Contains("production", StringComparison.Ordinal) ? EnvironmentProfile.Production : EnvironmentProfile.Development;
        var messages = GkeSamples.Synthesizer().Validate(Support.SampleDeployments.Platform(profile, deployment()), Support.Repo.Root).Select(x => x.ToString()).ToList();

        Assert.True(messages.Any(m => m.StartsWith(expected, StringComparison.Ordinal)), $"{name}: expected '{expected}' in\n{string.Join("\n", messages)}");
    }

    [Fact]
    public void Plan_CreatedGpuCluster_InstallsNoDevicePluginBecauseGkeRunsIt()
    {
        var graph = GkeSamples.Synthesize(EnvironmentProfile.Development, GkeSamples.CreatedClusterGpu(EnvironmentProfile.Development)).Graph;

        Assert.DoesNotContain(graph.Resources, r => r.Name.Contains("nvidia-device-plugin", StringComparison.Ordinal));
        Assert.Contains(graph.Resources, r => r.Name == "gke-ml-gpu-nodes");
    }

    [Fact]
    public void Plan_WorkloadIdentity_BindsExactlyTheWorkloadsServiceAccount()
    {
        var program = GkeSamples.Program(EnvironmentProfile.Development, GkeSamples.ExistingClusterCpu);

        Assert.Contains("member: serviceAccount:acme-platform.svc.id.goog[ml-serving/ranker]", program, StringComparison.Ordinal);
        Assert.Contains("iam.gke.io/gcp-service-account:", program, StringComparison.Ordinal);
    }
}
