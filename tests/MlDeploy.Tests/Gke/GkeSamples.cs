using MlDeploy.Gcp.Gke;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Gcp;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Gke;

/// <summary>Reference GKE deployments: CPU on an existing cluster, GPU on a cluster the SDK creates.</summary>
internal static class GkeSamples
{
    /// <summary>A digest-pinned Google Cloud CLI image (an illustrative digest: the SDK cannot verify the real one offline).</summary>
    public const string PinnedLoader = "gcr.io/google.com/cloudsdktool/google-cloud-cli@sha256:3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";

    /// <summary>A created regional cluster reached from the CI runners' egress range, with an autoscaled L4 pool in two zones.</summary>
    public static NewGkeCluster GpuCluster { get; } = GkeCluster.Create("ml", "acme-ml-prod", "europe-west4") with
    {
        MasterAuthorizedNetworks = ["203.0.113.0/24"],
        // Five nodes: the deployment's 4 replicas at most plus the surge pod of a rollout (ClusterChecks.GpuPoolCovers).
        GpuNodes = new GkeNodePool("g2-standard-8", 0, 5) { Accelerator = new GkeAccelerator("nvidia-l4", 1), DiskSizeGiB = 200, Zones = ["europe-west4-a", "europe-west4-b"] },
    };

    /// <summary>An existing cluster with Workload Identity on and a known node service account.</summary>
    public static ExistingGkeCluster ExistingCluster { get; } = GkeCluster.Existing("platform", "acme-platform", "europe-west4") with
    {
        WorkloadIdentityEnabled = true,
        NodeServiceAccount = "gke-nodes@acme-platform.iam.gserviceaccount.com",
    };

    public static GkeTarget Target(GkeCluster cluster, EnvironmentProfile profile) =>
        profile == EnvironmentProfile.Production
            ? new GkeTarget(cluster) { Project = "acme-ml-prod", Region = "europe-west4", Workload = new KubernetesWorkloadOptions { ModelLoaderImage = PinnedLoader } }
            : new GkeTarget(cluster) { Project = "acme-ml-staging", Region = "europe-west4" };

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
        new("llm", ImageSource.Existing(CloudRunSamples.PinnedImage), ModelArtifact.FromUri("gs://acme-models/llm/v7/model.tar.gz"), Target(GpuCluster, profile))
        {
            Compute = new Compute { Cpu = 6, MemoryGiB = 24, Gpu = new Gpu(1, GpuKind.L4) },
            Scaling = new Scaling { Min = profile == EnvironmentProfile.Production ? 2 : 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(20) },
        };

    /// <summary>Hugging Face TGI, unchanged, on an L4 of an existing cluster that runs the Prometheus Operator (issue 14).</summary>
    public static ModelDeployment TgiGpu(EnvironmentProfile profile)
    {
        var target = Target(ExistingCluster, profile);
        return CreatedClusterGpu(profile) with
        {
            Target = target with { Workload = target.Workload with { Prometheus = new PrometheusMonitoring { DcgmExporter = true } } },
            Serving = Serving.For(ServingPreset.Tgi),

            // Generation takes seconds: the p99 threshold is the LLM's, not the default 1 s.
            Monitoring = new Monitoring { LatencyP99Ms = 20000 },
        };
    }

    public static Synthesizer Synthesizer() => SampleDeployments.Synthesizer();

    public static Synthesis Synthesize(EnvironmentProfile profile, params ModelDeployment[] deployments) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployments), CloudRunSamples.Stack(profile));

    public static string Program(EnvironmentProfile profile, Func<EnvironmentProfile, ModelDeployment> deployment)
    {
        var stack = CloudRunSamples.Stack(profile);
        return PulumiYamlWriter.Write(Synthesize(profile, deployment(profile)).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>The GKE golden programs.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("gke-existing-cluster-cpu.staging.yaml", () => Program(EnvironmentProfile.Development, ExistingClusterCpu)),
        ("gke-existing-cluster-cpu.prod.yaml", () => Program(EnvironmentProfile.Production, ExistingClusterCpu)),
        ("gke-created-cluster-gpu.staging.yaml", () => Program(EnvironmentProfile.Development, CreatedClusterGpu)),
        ("gke-created-cluster-gpu.prod.yaml", () => Program(EnvironmentProfile.Production, CreatedClusterGpu)),
        ("gke-tgi-gpu.prod.yaml", () => Program(EnvironmentProfile.Production, TgiGpu)),
        ("gke-dvc-model.prod.yaml", () => Program(EnvironmentProfile.Production, DvcTracked)),
    ];

    /// <summary>The CPU deployment with its model tracked by DVC in a gs:// remote (a .tar.gz output, decision 48).</summary>
    public static ModelDeployment DvcTracked(EnvironmentProfile profile) =>
        ExistingClusterCpu(profile) with { Artifact = ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud-gcs.tar.gz.dvc") };
}
