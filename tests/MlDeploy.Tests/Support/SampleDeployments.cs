using System.Collections.Immutable;
using MlDeploy.Aws;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Model;
using MlDeploy.Pipeline;

namespace MlDeploy.Tests.Support;

/// <summary>One catalogue of reference deployments that feeds goldens, guardrail tests and benchmarks.</summary>
internal static class SampleDeployments
{
    public const string PinnedImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

    /// <summary>
    /// Hugging Face TGI as published on GHCR, pinned by its linux/amd64 manifest's digest (a well-formed digest for the tests,
    /// not the registry's): the public image <see cref="ImageSource.Mirror"/> copies into the deployment's registry (decision 50).
    /// </summary>
    public const string PublicTgiImage = "ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:4cc4c2fc734a3f50b6830fa0ec3d87f8a5b3bb8e603b5350a55e4755ab4d5b18";

    public static ImmutableArray<Identifier> Subnets { get; } = ["subnet-0aaa0000000000001", "subnet-0aaa0000000000002"];

    public static ImmutableArray<Identifier> SecurityGroups { get; } = ["sg-0bbb0000000000001"];

    public static StackIdentity Staging { get; } = new("ml-platform", "staging", Repo.Root);

    public static StackIdentity Prod { get; } = new("ml-platform", "prod", Repo.Root);

    /// <summary>A CPU model built from source, uploaded from a local directory, private, with capture.</summary>
    public static ModelDeployment CpuEndpoint(string name = "fraud") =>
        new(name, ImageSource.Build("examples/model-server", "1.4.2"), ModelArtifact.FromFile("examples/model-server/model"), new SageMakerTarget())
        {
            Network = new Network { SubnetIds = Subnets, SecurityGroupIds = SecurityGroups },
            Monitoring = new Monitoring { DataCapturePercent = 20, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A GPU model from an existing pinned image and an S3 tarball, public (IAM-authenticated), rolling rollout.</summary>
    public static ModelDeployment GpuEndpoint() =>
        new("llm", ImageSource.Existing(PinnedImage), ModelArtifact.FromUri("s3://models-prod/llm/v7/model.tar.gz"), new SageMakerTarget())
        {
            Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(1, GpuKind.A10G) },
            Scaling = new Scaling { Min = 2, Max = 8, Metric = ScalingMetric.GpuUtilization, Target = 70 },
            Network = new Network { Exposure = Exposure.Public },
            Rollout = new Rollout { Strategy = RolloutStrategy.Linear, TrafficPercent = 25, BakeTime = TimeSpan.FromMinutes(5) },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(30), Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("MAX_BATCH", "8")]) },
            Monitoring = new Monitoring { LatencyP99Ms = 2000, NotificationTopic = "arn:aws:sns:us-east-1:123456789012:ml-oncall" },
        };

    /// <summary>
    /// The public TGI image mirrored into the deployment's ECR repository and run in TGI's SageMaker mode on an A10G, the
    /// model from an S3 tarball, private and network-isolated (decision 50).
    /// </summary>
    public static ModelDeployment MirroredEndpoint() =>
        new("tgi", ImageSource.Mirror(PublicTgiImage), ModelArtifact.FromUri("s3://models-prod/llm/v7/model.tar.gz"), new SageMakerTarget())
        {
            Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(1, GpuKind.A10G) },
            Scaling = new Scaling { Min = 2, Max = 4, Metric = ScalingMetric.GpuUtilization, Target = 70 },
            Network = new Network { SubnetIds = Subnets, SecurityGroupIds = SecurityGroups },
            Serving = Serving.For(ServingPreset.TgiSageMaker),

            // Generation takes seconds: the p99 threshold is the LLM's, not the default 1 s.
            Monitoring = new Monitoring { LatencyP99Ms = 20000, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A serverless CPU model from an S3 prefix, scaling to zero, with a secret from config.</summary>
    public static ModelDeployment Serverless() =>
        new("churn", ImageSource.Build("examples/model-server", "0.9.0"), ModelArtifact.FromUri("s3://models-dev/churn/"), new SageMakerTarget { Serverless = new SageMakerServerless(2048, 20), NetworkIsolation = false })
        {
            Scaling = new Scaling { Min = 0, Max = 20 },
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-06", "serverless endpoints support no network isolation; the churn model calls nothing")],
        };

    public static Platform Platform(EnvironmentProfile profile, params ModelDeployment[] deployments) =>
        new() { Profile = profile, Deployments = [.. deployments] };

    public static Synthesizer Synthesizer() => new(AwsTargets.All, AzureTargets.All, GcpTargets.All);
}
