using System.Collections.Immutable;
using MlDeploy.Aws;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>A stand-in target, so the shared workload can be planned without a cloud planner.</summary>
internal sealed record TestKubernetesTarget(Cloud TargetCloud) : DeploymentTarget
{
    public override Cloud Cloud => TargetCloud;

    public override string DisplayName => "Kubernetes (test)";
}

/// <summary>Reference workloads: a CPU server on an EKS-like cluster and a GPU server on an AKS-like cluster.</summary>
internal static class KubernetesSamples
{
    public const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/fraud@sha256:9b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";
    public const string GpuImage = "mlregistry.azurecr.io/team/llm@sha256:1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c";

    public static ModelDeployment Cpu() =>
        new("fraud", ImageSource.Existing(Image), ModelArtifact.FromUri("s3://models-prod/fraud/v3/"), new TestKubernetesTarget(Cloud.Aws))
        {
            Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 65 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("fraudApiToken"))],
            Serving = new Serving { Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("LOG_LEVEL", "info")]) },
        };

    public static ModelDeployment Gpu() =>
        new("llm", ImageSource.Existing(GpuImage), ModelArtifact.FromUri("https://mlmodels.blob.core.windows.net/models/llm/v7/"), new TestKubernetesTarget(Cloud.Azure))
        {
            Compute = new Compute { Cpu = 7.5m, MemoryGiB = 27.5m, Gpu = new Gpu(1, GpuKind.L4) },
            Scaling = new Scaling { Min = 2, Max = 8, Metric = ScalingMetric.GpuUtilization, Target = 70 },
            Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(30), Args = ["--max-batch", "8"] },
            Rollout = new Rollout { Strategy = RolloutStrategy.Rolling, TrafficPercent = 25 },
            Monitoring = new Monitoring { LatencyP99Ms = 2500, ErrorRatePercent = 0.5m },
        };

    public static (Resource Provider, KubernetesWorkload Workload) CpuWorkload(GraphBuilder graph, ModelDeployment? deployment = null)
    {
        var provider = Provider(graph, "eks");
        var d = deployment ?? Cpu();
        return (provider, new KubernetesWorkload(
            d,
            provider,
            Image,
            new ModelLoader("public.ecr.aws/aws-cli/aws-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b", ["aws"], ["s3", "cp", "--recursive", "--only-show-errors", ((UriArtifact)d.Artifact).Uri, "$(MODEL_DIR)"])
            {
                Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("AWS_REGION", "us-east-1")]),
            })
        {
            Identity = WorkloadIdentity.EksIrsa("arn:aws:iam::123456789012:role/fraud-serving"),
            Prometheus = new PrometheusMonitoring
            {
                SelectorLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("release", "kube-prometheus-stack")]),
            },
        });
    }

    public static (Resource Provider, KubernetesWorkload Workload) GpuWorkload(GraphBuilder graph)
    {
        var provider = Provider(graph, "aks");
        var d = Gpu() with { Serving = Gpu().Serving with { Metrics = new ServingMetrics { Port = 9090 } } };
        return (provider, new KubernetesWorkload(
            d,
            provider,
            GpuImage,
            new ModelLoader("mcr.microsoft.com/azure-cli@sha256:5d0f6a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab", ["az"], ["storage", "copy", "--source", ((UriArtifact)d.Artifact).Uri, "--destination", "$(MODEL_DIR)", "--recursive"]))
        {
            Namespace = "llm-serving",
            Identity = WorkloadIdentity.AksWorkloadIdentity("00000000-0000-0000-0000-00000000abcd"),
            GpuScheduling = new GpuScheduling
            {
                NodeSelector = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("mldeploy.io/pool", "gpu")]),
                Tolerations = [new Toleration("sku", "Equal", "gpu", "NoSchedule")],
            },
            Exposure = ServiceExposure.LoadBalancerService(
                ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("service.beta.kubernetes.io/azure-load-balancer-internal", "true")]),
                ["10.20.0.0/16"]),
            IngressNamespace = "gateway",
            CustomMetrics = true,
            ModelStorageGiB = 60,
            Prometheus = new PrometheusMonitoring { DcgmExporter = true },
        });
    }

    public static Resource Provider(GraphBuilder graph, string name) =>
        graph.Add(new Resource(name, KubernetesTypes.Provider, Value.Map(
            ("kubeconfig", graph.Config(new ConfigParameter($"{name}Kubeconfig", ConfigType.String, Secret: true))),
            ("enableServerSideApply", true))));

    public static Planned Plan(Func<GraphBuilder, (Resource Provider, KubernetesWorkload Workload)> build, EnvironmentProfile profile = EnvironmentProfile.Production)
    {
        var graph = new GraphBuilder();
        var (_, workload) = build(graph);
        var context = new PlanContext(graph, "ml-platform", "prod", profile, ".");
        // As a cluster target does: the namespace is the cluster's, named by what it is, and the workload waits for it.
        var ns = NamespaceClaims.Claim(context, "cluster", new KubernetesWorkloadOptions { Namespace = workload.Namespace }, workload.Provider);
        workload = workload with { NamespaceResource = ns, DependsOn = [.. workload.DependsOn, ns!] };
        var resources = KubernetesWorkloadEmitter.Emit(workload, new DeploymentScope(workload.Deployment, context, AwsTagPolicy.Instance));
        return new Planned(graph.Build(), resources, [.. context.Notes], new Platform { Profile = profile, Deployments = [workload.Deployment] });
    }

    public static string Yaml(Planned planned) =>
        PulumiYamlWriter.Write(planned.Graph, "ml-platform", "Kubernetes workload reference program");
}

internal sealed record Planned(ResourceGraph Graph, KubernetesWorkloadResources Resources, ImmutableArray<PlanNote> Notes, Platform Platform);
