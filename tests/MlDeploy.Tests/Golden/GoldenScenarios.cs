using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Golden;

/// <summary>The reference programs: each scenario's YAML is compared with a reviewed golden file and type-checked by the conformance test.</summary>
internal static class GoldenScenarios
{
    public static IReadOnlyList<(string File, Func<string> Synthesize)> All { get; } =
    [
        ("sagemaker-cpu-built-image.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, SampleDeployments.CpuEndpoint())),
        ("sagemaker-gpu-existing-image.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, SampleDeployments.GpuEndpoint())),
        ("sagemaker-serverless.staging.yaml", () => Program(EnvironmentProfile.Development, SampleDeployments.Staging, SampleDeployments.Serverless())),
        ("sagemaker-custom-outputs.staging.yaml", CustomOutputs),
        ("sagemaker-mirrored-image.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, SampleDeployments.MirroredEndpoint())),
        ("sagemaker-dvc-model.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, Tests.Pipeline.DvcArtifactTests.Tracked("v3/models/fraud.tar.gz.dvc"))),
        ("eks-existing-cluster-cpu.staging.yaml", () => Eks(EnvironmentProfile.Development, Tests.Eks.EksSamples.ExistingClusterCpu)),
        ("eks-existing-cluster-cpu.prod.yaml", () => Eks(EnvironmentProfile.Production, Tests.Eks.EksSamples.ExistingClusterCpu)),
        ("eks-created-cluster-gpu.staging.yaml", () => Eks(EnvironmentProfile.Development, Tests.Eks.EksSamples.CreatedClusterGpu)),
        ("eks-created-cluster-gpu.prod.yaml", () => Eks(EnvironmentProfile.Production, Tests.Eks.EksSamples.CreatedClusterGpu)),
        ("eks-kserve-serverless.prod.yaml", () => Eks(EnvironmentProfile.Production, Tests.Eks.EksSamples.KServeServerless)),
        ("eks-kserve-serverless.staging.yaml", () => Eks(EnvironmentProfile.Development, Tests.Eks.EksSamples.KServeServerless)),
        ("eks-kserve-raw.prod.yaml", () => Eks(EnvironmentProfile.Production, Tests.Eks.EksSamples.KServeRaw)),
        ("eks-dvc-directory.prod.yaml", () => Eks(EnvironmentProfile.Production, p => Tests.Eks.EksSamples.ExistingClusterCpu(p) with { Artifact = ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/features.dvc") })),
        ("shared-image-three-targets.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, SharedImageOnThreeTargets())),
        ("stack-references.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, NetworkFromAnotherStack())),
        ("platform-components.prod.yaml", PlatformComponents),
        ("platform-clusters-azure-gcp.prod.yaml", () => PulumiYamlWriter.Write(Tests.Pipeline.PlatformStackSamples.Synthesize(Tests.Pipeline.PlatformStackSamples.ClustersOnAzureAndGoogleCloud()).Graph, SampleDeployments.Prod.Project, "golden scenario for prod")),
        ("shared-key-and-alerts.prod.yaml", () => Program(EnvironmentProfile.Production, SampleDeployments.Prod, Tests.Aws.SharedKeySamples.ThreeTargets())),

        // The example project: one fraud-scorer declaration, one program per stack and the target its config names.
        .. TestHost.ExampleStacks.Select(stack => ($"example-stack.{stack}.yaml", (Func<string>)(() => Stack(stack)))),
    ];

    /// <summary>The network a platform stack exports, read by three deployments on three targets.</summary>
    public static ModelDeployment[] NetworkFromAnotherStack()
    {
        var network = new StackReference("acme/ml-network/prod");
        var placement = new Network { SubnetIds = network.Items("privateSubnetIds", 2), SecurityGroupIds = [network.Output("servingSecurityGroupId")] };
        var cluster = Tests.Eks.EksSamples.GpuCluster with { SubnetIds = network.Items("privateSubnetIds", 3) };
        return
        [
            SampleDeployments.CpuEndpoint("fraud") with { Network = placement },
            Tests.Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Network = placement },
            Tests.Eks.EksSamples.CreatedClusterGpu(EnvironmentProfile.Production) with { Target = Tests.Eks.EksSamples.Target(cluster, EnvironmentProfile.Production) },
        ];
    }

    /// <summary>A platform stack: an EKS cluster and a shared image with their exports, and no deployment.</summary>
    private static string PlatformComponents()
    {
        var synthesis = Tests.Pipeline.PlatformStackSamples.Synthesize(Tests.Pipeline.PlatformStackSamples.Platform());
        return PulumiYamlWriter.Write(synthesis.Graph, SampleDeployments.Prod.Project, "golden scenario for prod");
    }

    // One image, built once, run by a SageMaker endpoint, a Fargate service and an EKS workload.
    private static ModelDeployment[] SharedImageOnThreeTargets()
    {
        var image = ImageSource.Shared("scorer", "examples/model-server", "1.4.2");
        return
        [
            SampleDeployments.CpuEndpoint("fraud") with { Image = image },
            Tests.Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Image = image },
            Tests.Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Name = "recommender", Image = image },
        ];
    }

    /// <summary>Two deployments with the stack program's own outputs beside the SDK's, and a waiver scoped to one resource.</summary>
    private static string CustomOutputs()
    {
        var fraud = SampleDeployments.CpuEndpoint();
        var churn = SampleDeployments.Serverless() with
        {
            Waivers = [new Waiver("MLS-NET-06", "serverless endpoints support no network isolation; the churn model calls nothing") { Resource = "model" }],
        };
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, fraud, churn) with
        {
            Outputs =
            [
                new PlatformOutput("fraudEndpoint", OutputValue.Of(fraud, "endpoint-name")),
                new PlatformOutput("fraudInvokeUrl", OutputValue.Of(fraud, "invoke-url")),
                new PlatformOutput("churnImage", OutputValue.Of(churn, "image")),
                new PlatformOutput("team", "risk-ml"),
                new PlatformOutput("maxReplicas", 4),
                new PlatformOutput("canaryEnabled", true),
                new PlatformOutput("runbook", "https://wiki.example.com/ml/${stack}/runbook"),
            ],
        };
        var synthesis = SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging);
        return PulumiYamlWriter.Write(synthesis.Graph, SampleDeployments.Staging.Project, "golden scenario for staging");
    }

    private static string Eks(EnvironmentProfile profile, Func<EnvironmentProfile, ModelDeployment> deployment)
    {
        var stack = Tests.Eks.EksSamples.Stack(profile);
        var synthesis = Tests.Eks.EksSamples.Synthesize(profile, deployment(profile));
        return PulumiYamlWriter.Write(synthesis.Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    private static string Program(EnvironmentProfile profile, StackIdentity stack, params ModelDeployment[] deployments)
    {
        var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployments), stack);
        return PulumiYamlWriter.Write(synthesis.Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    private static string Stack(string stack)
    {
        var run = TestHost.Run(["synth", "--stack", stack]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }
}
