using System.Collections.Immutable;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Azure.Aks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Gke;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Model;

namespace MlDeploy.Benchmarks;

/// <summary>
/// A platform of N SageMaker deployments, cycling through the CPU, GPU and serverless kinds of the test catalogue
/// (tests/MlDeploy.Tests/Support/SampleDeployments.cs), with distinct names <c>m0001</c>, <c>m0002</c>, ...
/// </summary>
public static class BenchPlatform
{
    private const string PinnedImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

    private static readonly ImmutableArray<Identifier> s_subnets = ["subnet-0aaa0000000000001", "subnet-0aaa0000000000002"];

    private static readonly ImmutableArray<Identifier> s_securityGroups = ["sg-0bbb0000000000001"];

    /// <summary>Builds a platform with <paramref name="count"/> deployments.</summary>
    /// <param name="count">How many deployments.</param>
    /// <param name="profile">The environment profile.</param>
    /// <param name="mixed">
    /// False: SageMaker only (CPU, GPU, serverless in turn). True: all nine targets in turn (SageMaker CPU and GPU, ECS
    /// on Fargate, EKS workloads sharing one cluster the SDK creates, Azure Container Apps, Azure ML online endpoints, AKS
    /// workloads sharing one existing cluster, Cloud Run, Vertex AI endpoints, GKE workloads sharing one existing cluster).
    /// </param>
    /// <returns>The platform.</returns>
    public static Platform Create(int count, EnvironmentProfile profile = EnvironmentProfile.Development, bool mixed = false)
    {
        var deployments = ImmutableArray.CreateBuilder<ModelDeployment>(count);
        for (var i = 1; i <= count; i++)
        {
            var name = $"m{i:D4}";
            deployments.Add(mixed
                ? (i % 10) switch
                {
                    1 => CpuEndpoint(name),
                    2 => GpuEndpoint(name),
                    3 => FargateService(name),
                    4 => EksWorkload(name),
                    5 => ContainerApp(name),
                    6 => AzureMlEndpoint(name),
                    7 => AksWorkload(name),
                    8 => CloudRunService(name),
                    9 => VertexEndpoint(name),
                    _ => GkeWorkload(name),
                }
                : (i % 3) switch
                {
                    1 => CpuEndpoint(name),
                    2 => GpuEndpoint(name),
                    _ => Serverless(name),
                });
        }

        return new Platform { Profile = profile, Deployments = deployments.MoveToImmutable() };
    }

    /// <summary>A CPU model built from source, uploaded from a local directory, private, with capture.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment CpuEndpoint(string name) =>
        new(name, ImageSource.Build("examples/model-server", "1.4.2"), ModelArtifact.FromFile("examples/model-server/model"), new SageMakerTarget())
        {
            Network = new Network { SubnetIds = s_subnets, SecurityGroupIds = s_securityGroups },
            Monitoring = new Monitoring { DataCapturePercent = 20, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A GPU model from an existing pinned image and an S3 tarball, public (IAM-authenticated), rolling rollout.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment GpuEndpoint(string name) =>
        new(name, ImageSource.Existing(PinnedImage), ModelArtifact.FromUri($"s3://models-prod/{name}/v7/model.tar.gz"), new SageMakerTarget())
        {
            Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(1, GpuKind.A10G) },
            Scaling = new Scaling { Min = 2, Max = 8, Metric = ScalingMetric.GpuUtilization, Target = 70 },
            Network = new Network { Exposure = Exposure.Public },
            Rollout = new Rollout { Strategy = RolloutStrategy.Linear, TrafficPercent = 25, BakeTime = TimeSpan.FromMinutes(5) },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(30), Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("MAX_BATCH", "8")]) },
            Monitoring = new Monitoring { LatencyP99Ms = 2000, NotificationTopic = "arn:aws:sns:us-east-1:123456789012:ml-oncall" },
        };

    /// <summary>A serverless CPU model from an S3 prefix, scaling to zero.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment Serverless(string name) =>
        new(name, ImageSource.Build("examples/model-server", "0.9.0"), ModelArtifact.FromUri($"s3://models-dev/{name}/"), new SageMakerTarget { Serverless = new SageMakerServerless(2048, 20), NetworkIsolation = false })
        {
            Scaling = new Scaling { Min = 0, Max = 20 },
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-06", "serverless endpoints support no network isolation; the benchmark model calls nothing")],
        };

    /// <summary>An internal ECS on Fargate service built from source, with the model uploaded from a directory.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment FargateService(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new FargateTarget
        {
            VpcId = "vpc-0ccc0000000000001",
            HealthCheckCommand = ["CMD", "python", "/app/model_server.py", "healthcheck"],
        })
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 3 },
            Network = new Network { SubnetIds = s_subnets, SecurityGroupIds = s_securityGroups },
        };

    /// <summary>A CPU workload on the one EKS cluster every EKS deployment of the platform shares.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment EksWorkload(string name) =>
        new(name, ImageSource.Existing(PinnedImage), ModelArtifact.FromUri($"s3://models-prod/{name}/"), new EksTarget(s_cluster))
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 70 },
        };

    /// <summary>An internal Azure Container App built from source, with the model uploaded to blob storage.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment ContainerApp(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new ContainerAppsTarget { Location = "westeurope" })
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
            Scaling = new Scaling { Min = 1, Max = 10, Metric = ScalingMetric.Concurrency, Target = 8 },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
        };

    /// <summary>An Azure ML managed online endpoint in a workspace the SDK creates, with request capture.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment AzureMlEndpoint(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new AzureMlTarget { Location = "westeurope" })
        {
            Scaling = new Scaling { Min = 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Monitoring = new Monitoring { DataCapturePercent = 10, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A CPU workload on the one existing AKS cluster every AKS deployment of the platform shares.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment AksWorkload(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new AksTarget(s_aksCluster) { Location = "westeurope" })
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 70 },
        };

    /// <summary>An internal Cloud Run service built from source, with the model mounted from Cloud Storage.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment CloudRunService(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new CloudRunTarget { Project = "acme-bench", Region = "europe-west4" })
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 4 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(5) },
            Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A Vertex AI endpoint with request logging, deployed by gcloud steps.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment VertexEndpoint(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new VertexTarget { Project = "acme-bench", Region = "europe-west4", MachineType = "n1-standard-4" })
        {
            Scaling = new Scaling { Min = 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 },
            Monitoring = new Monitoring { DataCapturePercent = 10, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A CPU workload on the one existing GKE cluster every GKE deployment of the platform shares.</summary>
    /// <param name="name">The deployment name.</param>
    /// <returns>The deployment.</returns>
    public static ModelDeployment GkeWorkload(string name) =>
        new(name, ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), new GkeTarget(s_gkeCluster) { Project = "acme-bench", Region = "europe-west4" })
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 70 },
        };

    private static readonly ExistingGkeCluster s_gkeCluster = GkeCluster.Existing("bench", "acme-bench", "europe-west4") with { WorkloadIdentityEnabled = true };

    private static readonly ExistingAksCluster s_aksCluster = AksCluster.Existing("bench", "bench-rg") with { WorkloadIdentityEnabled = true };

    // Reachable by the machine running pulumi up (an access entry for its role, its public range), as validation requires.
    private static readonly NewEksCluster s_cluster = EksCluster.Create("bench", s_subnets) with
    {
        PublicAccessCidrs = ["203.0.113.0/24"],
        Deployer = new EksDeployer { RoleArn = "arn:aws:iam::123456789012:role/ci-deployer" },
    };
}
