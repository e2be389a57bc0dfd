using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

/// <summary>What Cloud Run cannot do is refused before planning, each problem once, with its path and fix.</summary>
public class CloudRunValidationTests
{
    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> Cases => new()
    {
        { "GPU below the L4 minimum", d => d with { Compute = new Compute { Cpu = 2, MemoryGiB = 8, Gpu = new Gpu(1, GpuKind.L4) } }, "deployments[classifier].compute: a Cloud Run GPU instance needs at least 4 vCPU and 16 GiB" },
        { "GPU outside the GPU regions", d => d with { Target = ((MlDeploy.Gcp.CloudRun.CloudRunTarget)d.Target) with { Region = "europe-west2" }, Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.L4) } }, "deployments[classifier].target.region: Cloud Run has no L4 GPUs in europe-west2" },
        { "a GPU Cloud Run does not offer", d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.A100) } }, "deployments[classifier].compute.gpu" },
        { "CPU between the allowed sizes", d => d with { Compute = new Compute { Cpu = 3, MemoryGiB = 4 } }, "deployments[classifier].compute.cpu: Cloud Run instances have less than 1, or 1, 2, 4, 6 or 8 vCPU, not 3" },
        { "memory too large for the CPU", d => d with { Compute = new Compute { Cpu = 2, MemoryGiB = 12 } }, "deployments[classifier].compute.cpu: 12 GiB on Cloud Run needs at least 4 vCPU" },
        { "memory too small for 4 CPU", d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 1 } }, "deployments[classifier].compute.memoryGiB: 4 vCPU on Cloud Run needs at least 2 GiB, not 1" },
        { "memory too small for 8 CPU", d => d with { Compute = new Compute { Cpu = 8, MemoryGiB = 3 } }, "deployments[classifier].compute.memoryGiB: 8 vCPU on Cloud Run needs at least 4 GiB, not 3" },
        { "memory below the second generation's least", d => d with { Compute = new Compute { Cpu = 1, MemoryGiB = 0.25m } }, "deployments[classifier].compute.memoryGiB: 1 vCPU on Cloud Run needs at least 0.5 GiB, not 0.25" },
        { "a fractional CPU", d => d with { Compute = new Compute { Cpu = 0.5m, MemoryGiB = 0.5m } }, "deployments[classifier].compute.cpu: Cloud Run runs less than 1 vCPU (0.5) only one request at a time" },
        { "request timeout above the limit", d => d with { Target = ((MlDeploy.Gcp.CloudRun.CloudRunTarget)d.Target) with { RequestTimeout = TimeSpan.FromHours(2) } }, "deployments[classifier].target.requestTimeout: Cloud Run holds a request 1-3600 whole seconds" },
        { "start-up longer than the startup probe allows", d => d with { Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(10) } }, "deployments[classifier].serving.startupTimeout" },
        { "allUsers as a named invoker", d => d with { Target = ((MlDeploy.Gcp.CloudRun.CloudRunTarget)d.Target) with { Invokers = ["allUsers"] } }, "deployments[classifier].target.invokers[allUsers]: 'allUsers' lets anyone invoke the service" },
        { "a tarball", d => d with { Artifact = ModelArtifact.FromUri("gs://acme-models/classifier/model.tar.gz") }, "deployments[classifier].artifact: Cloud Run mounts the model's files from Cloud Storage as they are" },
        { "no notification channel", d => d with { Monitoring = new Monitoring() }, "deployments[classifier].monitoring.notificationEmail: Cloud Run alerts need a notification channel" },
        { "a label key with ':'", d => d with { Tags = new Dictionary<string, string> { ["team:name"] = "ml" } }, "deployments[classifier].tags[team:name]: Google Cloud label keys" },
        { "public without the waiver", d => d with { Network = new Network { Exposure = Exposure.Public } }, "deployments[classifier].network.exposure" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ImpossibleSetting_IsRefusedWithPathAndFix(string scenario, Func<ModelDeployment, ModelDeployment> change, string expected)
    {
        var problems = CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, change(CloudRunSamples.Internal())), Repo.Root);

        Assert.True(problems.Any(p => p.ToString().StartsWith(expected, StringComparison.Ordinal)), $"{scenario}: {string.Join("\n", problems)}");
    }

    [Fact]
    public void Validate_ReferenceDeployments_HaveNoProblems()
    {
        Assert.Empty(CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, CloudRunSamples.Internal()), Repo.Root));
        Assert.Empty(CloudRunSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, CloudRunSamples.Production()), Repo.Root));
    }
}
