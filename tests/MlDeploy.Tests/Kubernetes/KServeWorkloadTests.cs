using MlDeploy.Aws.Eks;
using MlDeploy.Azure.Aks;
using MlDeploy.Gcp.Gke;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>KServe mode (decision 47): the InferenceService the cluster targets emit instead of a Deployment, and what KServe and Knative refuse.</summary>
public class KServeWorkloadTests
{
    /// <summary>
    /// The predictor fields the SDK relies on, with the JSON type of each, as kserve/kserve declares them:
    /// pkg/apis/serving/v1beta1/component.go (ComponentExtensionSpec: minReplicas *int32, maxReplicas int32, scaleTarget
    /// *int32, scaleMetric enum cpu|memory|concurrency|rps, canaryTrafficPercent *int64, labels/annotations
    /// map[string]string, deploymentStrategy appsv1.DeploymentStrategy) and predictor.go (an inline core PodSpec).
    /// Checked against config/crd/full/serving.kserve.io_inferenceservices.yaml of v0.14.0 and of master (2026-08)
    /// during development; the CRD itself is not copied here.
    /// </summary>
    private static readonly Dictionary<string, Type> s_extensionFields = new(StringComparer.Ordinal)
    {
        ["minReplicas"] = typeof(NumberValue),
        ["maxReplicas"] = typeof(NumberValue),
        ["scaleTarget"] = typeof(NumberValue),
        ["scaleMetric"] = typeof(StringValue),
        ["canaryTrafficPercent"] = typeof(NumberValue),
        ["labels"] = typeof(MapValue),
        ["annotations"] = typeof(MapValue),
        ["deploymentStrategy"] = typeof(MapValue),
    };

    private static readonly HashSet<string> s_podSpecFields = new(StringComparer.Ordinal)
    {
        "automountServiceAccountToken", "containers", "enableServiceLinks", "initContainers", "nodeSelector", "securityContext",
        "serviceAccountName", "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumes",
    };

    private static readonly string[] s_scaleMetrics = ["cpu", "memory", "concurrency", "rps"];

    public static TheoryData<string, Func<ModelDeployment>, string> Conflicts => new()
    {
        { "canary in RawDeployment", () => Raw() with { Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10 } }, "deployments[ranker].rollout.strategy: EKS workloads cannot roll out canary (use RolloutStrategy.Rolling or RolloutStrategy.BlueGreen; a KServe canary (canaryTrafficPercent) splits traffic only in Serverless mode: set KServeMode.Serverless = true where Knative Serving is installed)" },
        { "scale to zero in RawDeployment", () => Raw() with { Scaling = new Scaling { Min = 0, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 } }, "deployments[ranker].scaling.min: 0 replicas is not supported on EKS workloads (use min >= 1, or set KServeMode.Serverless = true where Knative Serving is installed, or use a target that scales to zero: SageMaker serverless endpoints)" },
        { "GPU scaling in RawDeployment", () => Raw() with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.A10G) }, Scaling = new Scaling { Min = 1, Max = 4, Metric = ScalingMetric.GpuUtilization, Target = 60 } }, "deployments[ranker].scaling.metric: EKS workloads cannot scale on GPU utilization (use ScalingMetric.RequestsPerSecond or ScalingMetric.Concurrency or ScalingMetric.CpuUtilization; KServe RawDeployment scales with its own HorizontalPodAutoscaler on CPU or memory only (GPU utilization would need KServe's KEDA autoscaler))" },
        { "CPU scaling in Serverless", () => Serverless() with { Scaling = new Scaling { Min = 1, Max = 4, Metric = ScalingMetric.CpuUtilization, Target = 60 } }, "deployments[scorer].scaling.metric: EKS workloads cannot scale on CPU utilization (use ScalingMetric.RequestsPerSecond or ScalingMetric.Concurrency; KServe Serverless scales with the Knative Pod Autoscaler, on concurrency or requests/s only)" },
        { "linear in Serverless", () => Serverless() with { Rollout = new Rollout { Strategy = RolloutStrategy.Linear, TrafficPercent = 20 } }, "deployments[scorer].rollout.strategy: EKS workloads cannot roll out linear (use RolloutStrategy.Rolling or RolloutStrategy.BlueGreen or RolloutStrategy.Canary; KServe shifts traffic in one canary step (canaryTrafficPercent), not in linear steps)" },
        { "queue-proxy port", () => Serverless() with { Serving = new Serving { Port = 8012 } }, "deployments[scorer].serving.port: port 8012 is reserved by Knative's queue-proxy in KServe Serverless mode (listen on another port, e.g. 8080)" },
        { "Knative's PORT", () => Serverless() with { Serving = new Serving { Env = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("PORT", "9000")]) } }, "deployments[scorer].serving.env.PORT: PORT is set by Knative in KServe Serverless mode (rename the variable; Knative sets PORT to the serving port)" },
        { "separate metrics port", () => Serverless() with { Serving = Serverless().Serving with { Metrics = new ServingMetrics { Port = 9100 } } }, "deployments[scorer].serving.metrics.port: a Knative revision's container declares one port, so metrics cannot have port 9100 of their own in KServe Serverless mode (serve metrics on the serving port (Metrics.Port = null), or use KServe RawDeployment mode)" },
        { "Knative namespace", () => WithOptions(Serverless(), o => o with { KServe = new KServeMode { Serverless = true, KnativeNamespace = "Knative" } }), "deployments[scorer].target.workload.kServe.knativeNamespace: 'Knative' is not a Kubernetes namespace name (use a DNS-1123 label of at most 63 characters)" },
        { "created cluster", () => EksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with { Target = new EksTarget(EksSamples.GpuCluster) { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode() } }, Rollout = new Rollout { Strategy = RolloutStrategy.Rolling } }, "deployments[llm].target.workload.kServe: a cluster the SDK creates has no KServe, so the InferenceService would fail to apply (leave KServe null on a created cluster, or deploy onto an existing cluster that runs KServe)" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Validate_KServeConflict_ReportsExactlyOneExactProblem(string scenario, Func<ModelDeployment> deployment, string expected)
    {
        var problems = EksSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, deployment()), Repo.Root);

        Assert.True(problems.Count == 1 && problems[0].ToString() == expected, $"{scenario}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Validate_ReferenceKServeDeployments_AreValid()
    {
        foreach (var profile in new[] { EnvironmentProfile.Development, EnvironmentProfile.Production })
        {
            Assert.Empty(EksSamples.Synthesizer().Validate(SampleDeployments.Platform(profile, EksSamples.KServeServerless(profile), EksSamples.KServeRaw(profile)), Repo.Root));
        }
    }

    [Fact]
    public void Emit_Serverless_IsOneInferenceServiceWithKnativeScalingCanaryAndNoDeploymentServiceOrHpa()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeServerless(EnvironmentProfile.Production));
        var isvc = InferenceService(s, "scorer");
        var predictor = ValuePath.Get(isvc, "spec.predictor");

        Assert.Equal("serving.kserve.io/v1beta1", ValuePath.GetString(isvc, "apiVersion"));
        Assert.Equal("Serverless", Annotation(isvc, "serving.kserve.io/deploymentMode"));
        Assert.Equal("cluster-local", ((MapValue)ValuePath.Get(isvc, "metadata.labels")!).Get("networking.knative.dev/visibility") is StringValue v ? v.Value : null);
        Assert.Equal(2m, ValuePath.GetNumber(predictor, "minReplicas"));
        Assert.Equal(10m, ValuePath.GetNumber(predictor, "maxReplicas"));
        Assert.Equal("rps", ValuePath.GetString(predictor, "scaleMetric"));
        Assert.Equal(25m, ValuePath.GetNumber(predictor, "scaleTarget"));
        Assert.Equal(10m, ValuePath.GetNumber(predictor, "canaryTrafficPercent"));
        Assert.Null(ValuePath.Get(predictor, "deploymentStrategy"));
        Assert.DoesNotContain(s.Graph.Resources, r => r.Owner == "scorer" && r.Type.Token is "kubernetes:apps/v1:Deployment" or "kubernetes:core/v1:Service" or "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");

        // Knative: one port named http1, the probes on it, no lifecycle hook or grace period; the revision may take
        // as long as the model load (progress deadline = start-up timeout + 300 s).
        Assert.Equal("kserve-container", ValuePath.GetString(predictor, "containers[0].name"));
        Assert.Equal("http1", ValuePath.GetString(predictor, "containers[0].ports[0].name"));
        Assert.Null(ValuePath.Get(predictor, "containers[0].ports[1]"));
        Assert.All(new[] { "startupProbe", "readinessProbe", "livenessProbe" }, p => Assert.Equal("http1", ValuePath.GetString(predictor, $"containers[0].{p}.httpGet.port")));
        Assert.Null(ValuePath.Get(predictor, "containers[0].lifecycle"));
        Assert.Null(ValuePath.Get(predictor, "terminationGracePeriodSeconds"));
        var deadline = (int)Math.Ceiling(new Serving().StartupTimeout.TotalSeconds) + 300;
        Assert.Equal($"{deadline}s", ((MapValue)ValuePath.Get(predictor, "annotations")!).Get("serving.knative.dev/progress-deadline") is StringValue d ? d.Value : null);
    }

    [Fact]
    public void Emit_ReadyWait_RawDeploymentWaitsForEveryWave_AGpuPodAlsoForItsNode()
    {
        // The InferenceService's wait is the Deployment's: RawDeployment rolls 6 replicas at a 25 % surge in 3 waves,
        // each allowed the progress deadline (start-up + 300 s), plus 5 minutes (the old value allowed one wave).
        var startup = (int)Math.Ceiling(new Serving().StartupTimeout.TotalSeconds);
        var raw = EksSamples.KServeRaw(EnvironmentProfile.Production);
        Assert.Equal($"{(3 * (startup + 300)) + 300}", Annotation(InferenceService(EksSamples.Synthesize(EnvironmentProfile.Production, raw), raw.Name), "pulumi.com/timeoutSeconds"));

        // A Knative revision starts its pods together: one deadline; a GPU pod's deadline also allows for a new node.
        var gpu = EksSamples.KServeServerless(EnvironmentProfile.Production) with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.A10G) } };
        var isvc = InferenceService(EksSamples.Synthesize(EnvironmentProfile.Production, gpu), gpu.Name);
        var deadline = startup + 300 + 600;
        Assert.Equal($"{deadline}s", ((MapValue)ValuePath.Get(isvc, "spec.predictor.annotations")!).Get("serving.knative.dev/progress-deadline") is StringValue d ? d.Value : null);
        Assert.Equal($"{deadline + 300}", Annotation(isvc, "pulumi.com/timeoutSeconds"));
    }

    [Fact]
    public void Emit_Serverless_MinZeroScalesToZeroAndDropsTheReplicaAlert()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Development, EksSamples.KServeServerless(EnvironmentProfile.Development));
        var predictor = ValuePath.Get(InferenceService(s, "scorer"), "spec.predictor");

        Assert.Equal(0m, ValuePath.GetNumber(predictor, "minReplicas"));
        Assert.Equal(Fidelity.Native, Assert.Single(s.Notes, n => n.Deployment == "scorer" && n.Concept == "scaling").Fidelity);
        var replicas = Assert.Single(s.Monitoring, c => c.Deployment == "scorer" && c.Signal == MonitoringSignal.HealthyReplicas);
        Assert.False(replicas.IsAlarmed);
        Assert.DoesNotContain("ModelServerReplicasBelowMinimum", Yaml(s), StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_RawDeployment_ScalesOnCpuWithADeploymentStrategyAndNoCanary()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeRaw(EnvironmentProfile.Production));
        var isvc = InferenceService(s, "ranker");
        var predictor = ValuePath.Get(isvc, "spec.predictor");

        Assert.Equal("RawDeployment", Annotation(isvc, "serving.kserve.io/deploymentMode"));
        Assert.Equal("cluster-local", ((MapValue)ValuePath.Get(isvc, "metadata.labels")!).Get("networking.kserve.io/visibility") is StringValue v ? v.Value : null);
        Assert.Equal("cpu", ValuePath.GetString(predictor, "scaleMetric"));
        Assert.Equal(65m, ValuePath.GetNumber(predictor, "scaleTarget"));
        Assert.Null(ValuePath.Get(predictor, "canaryTrafficPercent"));
        Assert.Equal("RollingUpdate", ValuePath.GetString(predictor, "deploymentStrategy.type"));
        Assert.Equal(0m, ValuePath.GetNumber(predictor, "deploymentStrategy.rollingUpdate.maxUnavailable"));
        Assert.Equal("http", ValuePath.GetString(predictor, "containers[0].ports[0].name"));
        Assert.NotNull(ValuePath.Get(predictor, "containers[0].lifecycle.preStop"));
        Assert.Equal("http://ranker-predictor.ml-serving.svc.cluster.local", Assert.Single(s.Graph.Outputs, o => o.Name == "ranker-cluster-url").Value is StringValue url ? url.Value : null);
    }

    [Fact]
    public void Emit_RawDeploymentOnRequestsPerSecond_FallsBackToCpuAndSaysSo()
    {
        var d = EksSamples.KServeRaw(EnvironmentProfile.Production) with { Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.RequestsPerSecond, Target = 30 } };
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, d);
        var predictor = ValuePath.Get(InferenceService(s, "ranker"), "spec.predictor");

        Assert.Equal("cpu", ValuePath.GetString(predictor, "scaleMetric"));
        Assert.Equal(KubernetesWorkloadEmitter.FallbackCpuUtilization, ValuePath.GetNumber(predictor, "scaleTarget"));
        var note = Assert.Single(s.Notes, n => n.Deployment == "ranker" && n.Concept == "scaling");
        Assert.Equal(Fidelity.Approximated, note.Fidelity);
        Assert.Contains("RequestsPerSecond 30 per replica is approximated by CPU utilization", note.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Emit_Predictor_KeepsTheHardenedPodTheLoaderAndTheCpuLimit(bool serverless)
    {
        var d = serverless ? EksSamples.KServeServerless(EnvironmentProfile.Production) : EksSamples.KServeRaw(EnvironmentProfile.Production);
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, d);
        var predictor = ValuePath.Get(InferenceService(s, d.Name), "spec.predictor");

        Assert.Equal(true, ValuePath.GetBool(predictor, "securityContext.runAsNonRoot"));
        Assert.Equal(KubernetesWorkloadEmitter.RunAsId, ValuePath.GetNumber(predictor, "securityContext.runAsUser"));
        Assert.Equal("RuntimeDefault", ValuePath.GetString(predictor, "securityContext.seccompProfile.type"));
        Assert.Equal(d.Name, ValuePath.GetString(predictor, "serviceAccountName"));
        Assert.Equal(false, ValuePath.GetBool(predictor, "automountServiceAccountToken"));
        foreach (var container in new[] { "containers[0]", "initContainers[0]" })
        {
            Assert.Equal(true, ValuePath.GetBool(predictor, $"{container}.securityContext.readOnlyRootFilesystem"));
            Assert.Equal(false, ValuePath.GetBool(predictor, $"{container}.securityContext.allowPrivilegeEscalation"));
            Assert.Equal("ALL", ValuePath.GetString(predictor, $"{container}.securityContext.capabilities.drop[0]"));
        }

        Assert.Equal("model-loader", ValuePath.GetString(predictor, "initContainers[0].name"));
        Assert.Equal("model", ValuePath.GetString(predictor, "volumes[0].name"));

        // KServe's defaulter adds its configured CPU limit to a kserve-container without one; the SDK sets it to the request.
        Assert.Equal(ValuePath.GetString(predictor, "containers[0].resources.requests.cpu"), ValuePath.GetString(predictor, "containers[0].resources.limits.cpu"));
        Assert.Equal(d.Serving.HealthPath, ValuePath.GetString(predictor, "containers[0].readinessProbe.httpGet.path"));
        Assert.Equal((decimal)d.Serving.Port, ValuePath.GetNumber(predictor, "containers[0].ports[0].containerPort"));
        Assert.Equal("app.kubernetes.io/name", Assert.Single(((MapValue)ValuePath.Get(predictor, "labels")!).Entries, e => e.Key == "app.kubernetes.io/name").Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Emit_Predictor_SetsOnlyFieldsKServeDeclaresWithTheirTypes(bool serverless)
    {
        var d = serverless ? EksSamples.KServeServerless(EnvironmentProfile.Production) : EksSamples.KServeRaw(EnvironmentProfile.Production);
        var predictor = (MapValue)ValuePath.Get(InferenceService(EksSamples.Synthesize(EnvironmentProfile.Production, d), d.Name), "spec.predictor")!;

        foreach (var (key, value) in predictor.Entries)
        {
            if (s_extensionFields.TryGetValue(key, out var type))
            {
                Assert.IsType(type, value);
            }
            else
            {
                Assert.Contains(key, s_podSpecFields);
            }
        }

        Assert.Contains(ValuePath.GetString(predictor, "scaleMetric"), s_scaleMetrics);
        Assert.True(ValuePath.GetNumber(predictor, "minReplicas") <= ValuePath.GetNumber(predictor, "maxReplicas"));
    }

    [Fact]
    public void Emit_Monitoring_PodMonitorAndRulesNameKServesPodsAndDeployments()
    {
        var raw = Yaml(EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeRaw(EnvironmentProfile.Production)));
        var serverless = Yaml(EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeServerless(EnvironmentProfile.Production)));

        Assert.Contains("kind: PodMonitor", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: ServiceMonitor", raw, StringComparison.Ordinal);
        Assert.Contains("kube_deployment_status_replicas_available{namespace=\"ml-serving\",deployment=\"ranker-predictor\"} < 2", raw, StringComparison.Ordinal);
        Assert.Contains("pod=~\"ranker-predictor-[a-z0-9]+-[a-z0-9]+\",container=\"kserve-container\"", raw, StringComparison.Ordinal);
        Assert.Contains("sum(kube_deployment_status_replicas_available{namespace=\"ml-serving\",deployment=~\"scorer-predictor-[0-9]+-deployment\"}) < 2", serverless, StringComparison.Ordinal);
        Assert.Contains("pod=~\"scorer-predictor-[0-9]+-deployment-[a-z0-9]+-[a-z0-9]+\",container=\"kserve-container\"", serverless, StringComparison.Ordinal);
        Assert.Contains("- port: http1", serverless, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_ServerlessNetworkPolicy_AdmitsTheQueueProxyFromIngressAndKnative()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeServerless(EnvironmentProfile.Production));
        var policy = s.Graph.Resources.Single(r => r.Name == "scorer-network-policy").Properties;

        Assert.Equal((decimal)KServeWorkload.QueueProxyPort, ValuePath.GetNumber(policy, "spec.ingress[0].ports[0].port"));
        Assert.Equal("knative-serving", ((MapValue)ValuePath.Get(policy, "spec.ingress[0].from[1].namespaceSelector.matchLabels")!).Get("kubernetes.io/metadata.name") is StringValue n ? n.Value : null);
        Assert.Equal((decimal)KServeWorkload.QueueProxyMetricsPort, ValuePath.GetNumber(policy, "spec.ingress[1].ports[0].port"));
        Assert.Equal("app.kubernetes.io/name", Assert.Single(((MapValue)ValuePath.Get(policy, "spec.podSelector.matchLabels")!).Entries).Key);
    }

    [Fact]
    public void Plan_KServe_SaysTheModeWhatKServeCreatesAndWhatMustBeInstalled()
    {
        var s = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.KServeServerless(EnvironmentProfile.Production));
        var note = Assert.Single(s.Notes, n => n.Deployment == "scorer" && n.Concept == "kserve").Text;

        Assert.StartsWith("KServe Serverless mode: InferenceService scorer", note, StringComparison.Ordinal);
        Assert.Contains("KServe creates a Knative Service scorer-predictor", note, StringComparison.Ordinal);
        Assert.Contains("kubernetes.podspec-init-containers", note, StringComparison.Ordinal);
        Assert.EndsWith("which the SDK does not install", note, StringComparison.Ordinal);
        Assert.Contains("canaryTrafficPercent 10", Assert.Single(s.Notes, n => n.Deployment == "scorer" && n.Concept == "rollout").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_AksAndGke_AcceptTheSameOptionAndEmitAnInferenceService()
    {
        var aks = Aks.AksSamples.ExistingClusterCpu(EnvironmentProfile.Production);
        aks = aks with { Target = ((AksTarget)aks.Target!) with { Workload = ((AksTarget)aks.Target!).Workload with { KServe = new KServeMode() } }, Rollout = new Rollout { Strategy = RolloutStrategy.Rolling } };
        var gke = Gke.GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production);
        gke = gke with { Target = ((GkeTarget)gke.Target!) with { Workload = ((GkeTarget)gke.Target!).Workload with { KServe = new KServeMode { Serverless = true } } }, Scaling = new Scaling { Min = 1, Max = 3, Metric = ScalingMetric.Concurrency, Target = 4 } };

        foreach (var (d, s, mode) in new[] { (aks, Aks.AksSamples.Synthesize(EnvironmentProfile.Production, aks), "RawDeployment"), (gke, Gke.GkeSamples.Synthesize(EnvironmentProfile.Production, gke), "Serverless") })
        {
            Assert.Equal(mode, Annotation(InferenceService(s, d.Name), "serving.kserve.io/deploymentMode"));
            Assert.DoesNotContain(s.Graph.Resources, r => r.Owner == d.Name && r.Type.Token == "kubernetes:apps/v1:Deployment");
        }

        Assert.Equal("concurrency", ValuePath.GetString(InferenceService(Gke.GkeSamples.Synthesize(EnvironmentProfile.Production, gke), gke.Name), "spec.predictor.scaleMetric"));
    }

    private static ModelDeployment Serverless() => EksSamples.KServeServerless(EnvironmentProfile.Development);

    private static ModelDeployment Raw() => EksSamples.KServeRaw(EnvironmentProfile.Development);

    private static ModelDeployment WithOptions(ModelDeployment d, Func<KubernetesWorkloadOptions, KubernetesWorkloadOptions> change) =>
        d with { Target = ((EksTarget)d.Target!) with { Workload = change(((EksTarget)d.Target!).Workload) } };

    private static Value InferenceService(Synthesis s, string deployment)
    {
        var group = s.Graph.Resources.Single(r => r.Name == $"{deployment}-inference-service");
        Assert.Equal(KubernetesTypes.ConfigGroup, group.Type);
        var isvc = ValuePath.Get(group.Properties, "objs[0]");
        Assert.Equal("InferenceService", ValuePath.GetString(isvc, "kind"));
        return isvc!;
    }

    private static string? Annotation(Value isvc, string key) =>
        ((MapValue)ValuePath.Get(isvc, "metadata.annotations")!).Get(key) is StringValue v ? v.Value : null;

    private static string Yaml(Synthesis s) => MlDeploy.Writers.PulumiYamlWriter.Write(s.Graph, "p", "t");
}
