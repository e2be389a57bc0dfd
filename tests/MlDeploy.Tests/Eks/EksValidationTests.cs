using MlDeploy.Aws.Eks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

public class EksValidationTests
{
    public static TheoryData<string, Func<ModelDeployment>, string> BadInputs => new()
    {
        { "default namespace", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.ExistingCluster) { Workload = new KubernetesWorkloadOptions { Namespace = "default" } } }, "deployments[ranker].target.workload.namespace: workloads do not belong in 'default' (use a namespace of their own, e.g. ml-serving)" },
        { "namespace not DNS", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.ExistingCluster) { Workload = new KubernetesWorkloadOptions { Namespace = "ML_Serving" } } }, "deployments[ranker].target.workload.namespace: 'ML_Serving' is not a Kubernetes namespace name (use a DNS-1123 label of at most 63 characters)" },
        { "cluster name", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksCluster.Existing("-bad") with { PodIdentityAgentPresent = true }) }, "deployments[ranker].target.cluster.name: '-bad' is not an EKS cluster name (use 1-100 letters, digits, '-' and '_', starting with a letter or digit)" },
        { "public without waiver", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Network = new Network { Exposure = Exposure.Public } }, "deployments[ranker].network.exposure: a public endpoint needs an explicit waiver (add Waiver(\"MLS-NET-01\", \"<why it must be reachable from the internet>\"), or keep Exposure.Private)" },
        { "stored secret", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("arn:aws:secretsmanager:us-east-1:123456789012:secret:t"))] }, "deployments[ranker].secrets[API_TOKEN].source: EKS workloads cannot read secrets from the cloud's secret store (use SecretSource.Config(\"<key>\") so the SDK delivers it from stack config)" },
        { "scale to zero without a scaler", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Scaling = new Scaling { Min = 0, Max = 3, Metric = ScalingMetric.CpuUtilization, Target = 70 } }, "deployments[ranker].scaling.min: 0 replicas is not supported on EKS workloads (use min >= 1, or declare KServe in Serverless mode (KubernetesWorkloadOptions.KServe) where the cluster runs KServe with Knative, or use a target that scales to zero: SageMaker serverless endpoints)" },
        { "capture", () => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Monitoring = new Monitoring { DataCapturePercent = 10 } }, "deployments[ranker].monitoring.dataCapturePercent: EKS workloads cannot capture requests and responses (set it to 0 and capture in the serving image or a gateway, or use a target with managed capture: ECS on Fargate services, SageMaker real-time endpoints)" },
        { "gpu without gpu nodes", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster with { GpuNodes = null }) }, "deployments[llm].compute.gpu: EKS workloads have no GPUs (set NewEksCluster.GpuNodes to a node group of that GPU, e.g. new EksNodeGroup(\"g5.xlarge\", 1, 4), or use a target with A10G GPUs: SageMaker real-time endpoints)" },
        { "gpu kind mismatch", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Compute = new Compute { Cpu = 6, MemoryGiB = 24, Gpu = new Gpu(1, GpuKind.L4) } }, "deployments[llm].compute.gpu.kind: EKS workloads offer no L4 GPUs (use one of: A10G; or set NewEksCluster.GpuNodes to a node group of that GPU, e.g. new EksNodeGroup(\"g5.xlarge\", 1, 4))" },
        { "gpu count above node type", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Compute = new Compute { Cpu = 6, MemoryGiB = 24, Gpu = new Gpu(2, GpuKind.A10G) } }, "deployments[llm].compute.gpu.count: EKS workloads give at most 1 A10G GPUs per replica, not 2 (use fewer GPUs per replica, or another GPU kind)" },
        { "does not fit node", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Compute = new Compute { Cpu = 8, MemoryGiB = 24, Gpu = new Gpu(1, GpuKind.A10G) } }, "deployments[llm].compute: 8 vCPU / 24 GiB does not fit on a g5.2xlarge node (8 vCPU / 32 GiB, about 90 % allocatable) (lower the request or use a larger node instance type)" },
        { "gpu node type without gpu", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Compute = new Compute { Cpu = 2, MemoryGiB = 8, Gpu = new Gpu(1, GpuKind.A10G) }, Target = new EksTarget(EksSamples.GpuCluster with { GpuNodes = new EksNodeGroup("m5.xlarge", 1, 2) }) }, "deployments[llm].target.cluster.gpuNodes.instanceType: 'm5.xlarge' has no GPU (use a GPU instance type such as g5.xlarge)" },
        { "one subnet", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster with { SubnetIds = ["subnet-1"] }) }, "deployments[llm].target.cluster.subnetIds: EKS needs subnets in at least 2 availability zones, got 1 (give the private subnets of at least two zones)" },
        { "node range", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster with { CpuNodes = new EksNodeGroup("m5.xlarge", 3, 2) }) }, "deployments[llm].target.cluster.cpuNodes: 3-2 nodes is not a valid range (use 0 <= min <= max and max >= 1)" },
        { "unknown node type", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster with { CpuNodes = new EksNodeGroup("x9.huge", 1, 2) }) }, "deployments[llm].target.cluster.cpuNodes.capacity: 'x9.huge' is not in the SDK's EC2 catalogue, so its capacity is unknown (give it: Capacity = new NodeCapacity(vcpu, memoryGiB, gpus, gpuKind) from the EC2 instance type specifications, or use an m5/m6i/m7i, c5/c6i/c7i, r5/r6i/r7i or g4dn/g5/g6/g6e/p3/p4d/p5 type)" },
        { "declared capacity without gpu kind", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster with { GpuNodes = new EksNodeGroup("g7.2xlarge", 1, 2) { Capacity = new NodeCapacity(8, 32, Gpus: 1) } }) }, "deployments[llm].target.cluster.gpuNodes.capacity: the declared capacity is not a node (give at least 1 vCPU and some memory, and a GPU kind exactly when Gpus > 0)" },
    };

    [Fact]
    public void Validate_ReferenceDeployments_HaveNoProblems() =>
        Assert.Empty(EksSamples.Synthesizer().Validate(
            SampleDeployments.Platform(EnvironmentProfile.Production, EksSamples.ExistingClusterCpu(EnvironmentProfile.Production), EksSamples.CreatedClusterGpu(EnvironmentProfile.Production)),
            Repo.Root));

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_ImpossibleCombination_ReportsExactPathMessageAndHint(string scenario, Func<ModelDeployment> deployment, string expected)
    {
        var problems = EksSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, deployment()), Repo.Root);

        Assert.True(problems.Select(p => p.ToString()).Contains(expected), $"{scenario}: got\n{string.Join("\n", problems)}");
        var path = expected[..expected.IndexOf(": ", StringComparison.Ordinal)];
        Assert.True(problems.All(p => p.Path == path), $"{scenario}: unrelated problems:\n{string.Join("\n", problems)}");
    }

    [Theory]
    [InlineData("m6i.2xlarge", null)]
    [InlineData("m7i.xlarge", null)]
    [InlineData("c7i.4xlarge", null)]
    [InlineData("r7i.large", null)]
    [InlineData("m5.xlarge", "g6.2xlarge")]
    [InlineData("m5.xlarge", "g6e.xlarge")]
    public void Validate_CurrentGenerationNodeTypes_AreAccepted(string cpuNodes, string? gpuNodes)
    {
        var gpu = gpuNodes is null ? null : new EksNodeGroup(gpuNodes, 1, 5);
        var cluster = EksSamples.GpuCluster with { CpuNodes = new EksNodeGroup(cpuNodes, 1, 3), GpuNodes = gpu };
        var d = gpu is null
            ? EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Target = new EksTarget(cluster) }
            : EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(cluster), Compute = new Compute { Cpu = 2, MemoryGiB = 8, Gpu = new Gpu(1, gpuNodes!.StartsWith("g6e", StringComparison.Ordinal) ? GpuKind.L40S : GpuKind.L4) } };

        Assert.Empty(EksSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, d), Repo.Root));
    }

    [Fact]
    public void Plan_UnknownNodeTypeWithDeclaredCapacity_IsAcceptedAndNoted()
    {
        var cluster = EksSamples.GpuCluster with { GpuNodes = new EksNodeGroup("g7.2xlarge", 1, 5) { Capacity = new NodeCapacity(8, 32, 1, new GpuKind("B200")) } };
        var d = EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(cluster), Compute = new Compute { Cpu = 6, MemoryGiB = 24, Gpu = new Gpu(1, new GpuKind("B200")) } };

        var synthesis = EksSamples.Synthesize(EnvironmentProfile.Development, d);

        var note = Assert.Single(synthesis.Notes, n => n.Concept == "node capacity");
        Assert.Equal("g7.2xlarge: 8 vCPU / 32 GiB / 1x B200 as declared in the stack program (not in the SDK's EC2 catalogue)", note.Text);
    }

    [Fact]
    public void Validate_RequestAboveDeclaredNodeCapacity_IsRefused()
    {
        var cluster = EksSamples.GpuCluster with { GpuNodes = new EksNodeGroup("g7.2xlarge", 1, 5) { Capacity = new NodeCapacity(8, 32, 1, GpuKind.L4) } };
        var d = EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(cluster), Compute = new Compute { Cpu = 8, MemoryGiB = 24, Gpu = new Gpu(1, GpuKind.L4) } };

        var problem = Assert.Single(EksSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, d), Repo.Root));
        Assert.Equal("deployments[llm].compute: 8 vCPU / 24 GiB does not fit on a g7.2xlarge node (8 vCPU / 32 GiB, about 90 % allocatable) (lower the request or use a larger node instance type)", problem.ToString());
    }
}
