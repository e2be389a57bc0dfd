using MlDeploy.Aws;
using MlDeploy.Aws.Eks;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

/// <summary>Reference EKS deployments: CPU on an existing cluster, GPU on a cluster the SDK creates.</summary>
internal static class EksSamples
{
    public static NewEksCluster GpuCluster { get; } = EksCluster.Create("ml", SampleDeployments.Subnets) with
    {
        PublicAccessCidrs = ["203.0.113.0/24"],
        // Five GPU nodes: the deployment's 4 replicas at most plus the surge pod of a rollout (EksRuntimeChecks).
        GpuNodes = new EksNodeGroup("g5.2xlarge", 1, 5),
        Deployer = new EksDeployer { RoleArn = "arn:aws:iam::123456789012:role/ci-deployer" },
    };

    /// <summary>An existing cluster that already runs the EKS Pod Identity agent.</summary>
    public static ExistingEksCluster ExistingCluster { get; } = EksCluster.Existing("platform") with { PodIdentityAgentPresent = true };

    /// <summary>Production pins the NVIDIA device plugin by digest (a stand-in digest; validation requires the pin).</summary>
    public const string PinnedDevicePlugin = "nvcr.io/nvidia/k8s-device-plugin@sha256:7d1c5f2a9b3e4d6f8a0c1e2b3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";

    /// <summary>Production pins the model loader by digest too (MLS-IMG-01); staging may use the version tag.</summary>
    public const string PinnedLoader = "public.ecr.aws/aws-cli/aws-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    public static EksTarget Target(EksCluster cluster, EnvironmentProfile profile) =>
        profile == EnvironmentProfile.Production
            ? new EksTarget(cluster is NewEksCluster created ? created with { DevicePluginImage = PinnedDevicePlugin } : cluster) { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = PinnedLoader } }
            : new EksTarget(cluster);

    public static ModelDeployment ExistingClusterCpu(EnvironmentProfile profile) =>
        new("ranker", ImageSource.Build("examples/model-server", "3.1.0"), ModelArtifact.FromFile("examples/model-server/model"), WithPrometheus(Target(ExistingCluster, profile)))
        {
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 3 : 1, Max = 8, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
        };

    public static ModelDeployment CreatedClusterGpu(EnvironmentProfile profile) =>
        new("llm", ImageSource.Existing(SampleDeployments.PinnedImage), ModelArtifact.FromUri("s3://models-prod/llm/v7/model.tar.gz"), Target(GpuCluster, profile))
        {
            Compute = new Compute { Cpu = 6, MemoryGiB = 24, Gpu = new Gpu(1, GpuKind.A10G) },
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 2 : 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(20) },
        };

    /// <summary>
    /// A team already on KServe with Knative: an InferenceService in Serverless mode, canary 10 %, scaled on requests/s,
    /// to zero in staging. The cluster runs kube-prometheus-stack too, so the pods get a PodMonitor and the rules.
    /// </summary>
    public static ModelDeployment KServeServerless(EnvironmentProfile profile) =>
        new("scorer", ImageSource.Existing(SampleDeployments.PinnedImage), ModelArtifact.FromUri("s3://models-prod/scorer/v4/"), WithKServe(Target(ExistingCluster, profile), serverless: true))
        {
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 2 : 0, Max = 10, Metric = ScalingMetric.RequestsPerSecond, Target = 25 },
            Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("scorerApiToken"))],
        };

    /// <summary>KServe without Knative (RawDeployment): KServe's Deployment and HPA on CPU, a rolling update.</summary>
    public static ModelDeployment KServeRaw(EnvironmentProfile profile) =>
        new("ranker", ImageSource.Existing(SampleDeployments.PinnedImage), ModelArtifact.FromUri("s3://models-prod/ranker/v9/"), WithKServe(Target(ExistingCluster, profile), serverless: false))
        {
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 65 },
            Rollout = new Rollout { Strategy = RolloutStrategy.Rolling, TrafficPercent = 25 },
        };

    private static EksTarget WithKServe(EksTarget t, bool serverless) => WithPrometheus(t) with { Workload = WithPrometheus(t).Workload with { KServe = new KServeMode { Serverless = serverless } } };

    /// <summary>The existing cluster runs kube-prometheus-stack, so the workload gets its ServiceMonitor and rules.</summary>
    private static EksTarget WithPrometheus(EksTarget t) => t with { Workload = t.Workload with { Prometheus = new PrometheusMonitoring() } };

    public static Synthesizer Synthesizer() => new(AwsTargets.All);

    public static StackIdentity Stack(EnvironmentProfile profile) => profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging;

    public static Synthesis Synthesize(EnvironmentProfile profile, params ModelDeployment[] deployments) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployments), Stack(profile));

}
