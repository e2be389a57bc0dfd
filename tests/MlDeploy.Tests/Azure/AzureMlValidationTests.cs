using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Azure;

public class AzureMlValidationTests
{
    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> Cases => new()
    {
        { "scale to zero", d => d with { Scaling = new Scaling { Min = 0, Max = 2, Metric = ScalingMetric.CpuUtilization, Target = 70 } }, "deployments[scorer].scaling.min: 0 replicas is not supported on Azure ML managed online endpoints (use min >= 1, or use a target that scales to zero: AKS workloads, Azure Container Apps, EKS workloads, SageMaker serverless endpoints)" },
        { "replicas over the quota", d => d with { Scaling = new Scaling { Min = 1, Max = 60, Metric = ScalingMetric.CpuUtilization, Target = 70 } }, "deployments[scorer].scaling.max: 60 replicas is more than Azure ML managed online endpoints allow (50) (use at most 50)" },
        { "p99 above the request limit", d => d with { Monitoring = d.Monitoring with { LatencyP99Ms = 200_000 } }, "deployments[scorer].monitoring.latencyP99Ms: Azure ML managed online endpoints cut requests off after at most 180 s, below the p99 latency threshold of 200000 ms (make the model answer within 180 s and lower the threshold, or use a target that holds requests longer)" },
        { "request timeout over the limit", d => d with { Target = AzureMlSamples.Target() with { RequestTimeout = TimeSpan.FromMinutes(5) } }, "deployments[scorer].target.requestTimeout: managed online endpoints hold a request 1-180 s, not 00:05:00 (use a timeout in that range, or null to allow twice the p99 latency threshold)" },
        { "GPU kind not offered", d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.L4) } }, "deployments[scorer].compute.gpu.kind: Azure ML managed online endpoints offer no L4 GPUs (use one of: A100, H100, T4, V100; or the SDK picks an NC/ND size for the GPU kind and count (AzureMlTarget.InstanceType names one explicitly))" },
        { "GPU with more memory than any size", d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 1000, Gpu = new Gpu(1, GpuKind.T4) } }, "deployments[scorer].compute: no managed online endpoint size offers 4 vCPU and 1000 GiB with 1 T4 GPU(s) (GPU sizes pair the GPUs with fixed vCPUs and memory: lower cpu/memoryGiB to what an NC or ND size of that GPU kind has (docs/CAPABILITIES.md lists the kinds))" },
        { "named size too small", d => d with { Target = AzureMlSamples.Target() with { InstanceType = "Standard_DS1_v2" } }, "deployments[scorer].target.instanceType: Standard_DS1_v2 (1 vCPU, 3.5 GiB, no GPU) does not hold 2 vCPU and 4 GiB (leave InstanceType null to get the smallest size that does, or lower the compute)" },
        { "unknown size", d => d with { Target = AzureMlSamples.Target() with { InstanceType = "Standard_X1" } }, "deployments[scorer].target.instanceType: 'Standard_X1' is not a size the SDK knows for managed online deployments" },
        { "linear rollout", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Linear } }, "deployments[scorer].rollout.strategy: Azure ML managed online endpoints cannot roll out linear (use RolloutStrategy.Canary or RolloutStrategy.BlueGreen)" },
        { "bad stable deployment", d => d with { Target = AzureMlSamples.Target() with { StableDeployment = "9-bad--name" } }, "deployments[scorer].target.stableDeployment: '9-bad--name' is not an online deployment name (use the name the stack output <deployment>-deployment-name printed, e.g. rev-abcdefgh)" },
        { "workspace and resource group", d => d with { Target = AzureMlSamples.Target() with { WorkspaceId = AzureMlSamples.Workspace, ResourceGroupName = "rg" } }, "deployments[scorer].target.resourceGroupName: the endpoint of an existing workspace is created in the workspace's resource group (remove ResourceGroupName, or WorkspaceId to create a workspace in that group)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ImpossibleSetting_ReportsExactlyOneProblemWithPathAndFix(string name, Func<ModelDeployment, ModelDeployment> change, string expected)
    {
        _ = name;
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, change(AzureMlSamples.Staging()));

        var problems = ContainerAppsSamples.Synthesizer().Validate(platform, SampleDeployments.Staging.RootDirectory);

        Assert.StartsWith(expected, Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesize_InvalidInput_IsAnInputErrorNotAnException()
    {
        var d = AzureMlSamples.Staging() with { Scaling = new Scaling { Min = 0, Max = 100 } };

        var e = Assert.Throws<InvalidInputException>(() => ContainerAppsSamples.Synthesize(d));

        Assert.All(e.Diagnostics, p => Assert.False(string.IsNullOrWhiteSpace(p.Hint)));
    }
}
