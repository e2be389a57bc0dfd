using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Kubernetes;

public class KubernetesWorkloadTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    private static readonly DeploymentPath s_path = DeploymentPath.Of("fraud");

    public static TheoryData<Func<ModelDeployment, ModelDeployment>, bool, string> Invalid => new()
    {
        { d => d with { Scaling = d.Scaling with { Min = 0 } }, false, "deployments[fraud].scaling.min: 0 replicas is not supported on Kubernetes workloads (use min >= 1, or declare KServe in Serverless mode (KubernetesWorkloadOptions.KServe) where the cluster runs KServe with Knative)" },
        { d => d with { Compute = d.Compute with { Gpu = new Gpu(1, GpuKind.L4) }, Scaling = d.Scaling with { Metric = ScalingMetric.GpuUtilization, Target = 70 } }, false, "deployments[fraud].scaling.metric: Kubernetes workloads cannot scale on GPU utilization (use ScalingMetric.RequestsPerSecond or ScalingMetric.Concurrency or ScalingMetric.CpuUtilization; GPU utilization reaches the HorizontalPodAutoscaler only through dcgm-exporter and a custom metrics adapter: install both and turn on custom metrics for the target)" },
        { d => d with { Serving = d.Serving with { Port = 80 } }, false, "deployments[fraud].serving.port: 80 is a privileged port, which a non-root container without capabilities cannot bind (listen on 1024 or above, e.g. 8080)" },
        { d => d with { Serving = d.Serving with { ModelDir = "/tmp/model" } }, false, "deployments[fraud].serving.modelDir: '/tmp/model' overlaps a volume the workload mounts (/, /tmp or /var/run/secrets/mldeploy) (use a directory of its own, e.g. /opt/ml/model)" },
        { d => d with { Monitoring = d.Monitoring with { DataCapturePercent = 10 } }, true, "deployments[fraud].monitoring.dataCapturePercent: Kubernetes workloads cannot capture requests and responses (set it to 0 and capture in the serving image or a gateway)" },
        { d => d with { Secrets = [new SecretReference("DB_PASSWORD", SecretSource.Store("arn:aws:secretsmanager:us-east-1:123456789012:secret:db"))] }, true, "deployments[fraud].secrets[DB_PASSWORD].source: Kubernetes workloads cannot read secrets from the cloud's secret store (use SecretSource.Config(\"<key>\") so the SDK delivers it from stack config)" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_ReportsExactlyOneProblem(Func<ModelDeployment, ModelDeployment> mutate, bool customMetrics, string expected) =>
        Assert.Equal([expected], Problems(mutate(KubernetesSamples.Cpu()), s_path, customMetrics));

    [Theory]
    [InlineData(RolloutStrategy.Canary, 10, 4, 1500, 6300)]
    [InlineData(RolloutStrategy.Canary, 50, 4, 1500, 3300)]
    [InlineData(RolloutStrategy.Canary, 25, 1, 900, 1200)]
    [InlineData(RolloutStrategy.BlueGreen, 100, 6, 900, 1200)]
    [InlineData(RolloutStrategy.Rolling, 30, 10, 600, 2700)]
    public void RolloutWait_AllowsEveryWaveOfTheLargestRollout(RolloutStrategy strategy, int percent, int maxReplicas, int progressDeadline, int expectedSeconds)
    {
        // Surge pods = ceil(max x percent); waves = ceil(max / surge); each wave may take the progress deadline.
        var d = KubernetesSamples.Cpu() with
        {
            Rollout = new Rollout { Strategy = strategy, TrafficPercent = percent },
            Scaling = KubernetesSamples.Cpu().Scaling with { Min = 1, Max = maxReplicas },
        };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), KubernetesWorkloadEmitter.RolloutWait(d, progressDeadline));
    }

    [Fact]
    public void Validate_ReferenceDeployments_AreValid()
    {
        Assert.Empty(Problems(KubernetesSamples.Cpu(), s_path, customMetrics: false));
        Assert.Empty(Problems(KubernetesSamples.Gpu(), DeploymentPath.Of("llm"), customMetrics: true));
    }

    /// <summary>What any cluster target reports: the shared Kubernetes capabilities plus the emitter's own checks.</summary>
    private static IEnumerable<string> Problems(ModelDeployment d, DeploymentPath path, bool customMetrics)
    {
        var capabilities = KubernetesCapabilities.Of("Kubernetes workloads", Cloud.Aws, customMetrics) with { Gpus = [new GpuOffer(GpuKind.L4, 8)] };
        return CapabilityValidator.Validate(d, capabilities, path, [capabilities]).Concat(KubernetesWorkloadEmitter.Validate(d, path)).Select(p => p.ToString());
    }

    [Fact]
    public void Emit_HpaOwnsReplicas_FixedScaleHasNoHpaAndOneReplicaNoBudget()
    {
        var scaled = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g));
        Assert.Null(ValuePath.Get(scaled.Resources.Deployment.Properties, "spec.replicas"));
        Assert.NotNull(scaled.Resources.Autoscaler);
        Assert.NotNull(scaled.Resources.DisruptionBudget);

        var single = KubernetesSamples.Cpu() with { Scaling = new Scaling { Min = 1, Max = 1 } };
        var fixedScale = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g, single));
        Assert.Equal(1m, ValuePath.GetNumber(fixedScale.Resources.Deployment.Properties, "spec.replicas"));
        Assert.Null(fixedScale.Resources.Autoscaler);
        Assert.Null(fixedScale.Resources.DisruptionBudget);
    }

    [Fact]
    public void Emit_LoadBalancer_KeepsTheClientAddressTheNetworkPolicyAdmits_ClusterIpSetsNoPolicy()
    {
        // The NetworkPolicy admits the load balancer's client CIDRs; with the default Cluster policy a node forwards
        // to a pod elsewhere under its own address, which those CIDRs need not hold.
        var balanced = KubernetesSamples.Plan(KubernetesSamples.GpuWorkload).Resources;
        Assert.Equal("LoadBalancer", ValuePath.GetString(balanced.Service.Properties, "spec.type"));
        Assert.Equal("Local", ValuePath.GetString(balanced.Service.Properties, "spec.externalTrafficPolicy"));

        var internalOnly = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g)).Resources;
        Assert.Equal("ClusterIP", ValuePath.GetString(internalOnly.Service.Properties, "spec.type"));
        Assert.Null(ValuePath.Get(internalOnly.Service.Properties, "spec.externalTrafficPolicy"));
    }

    [Fact]
    public void Emit_EveryObjectUsesTheExplicitProviderAndIsOwnedByTheDeployment_ExceptTheClustersNamespace()
    {
        var planned = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g));

        Assert.All(planned.Graph.Resources.Where(r => r.Type != KubernetesTypes.Provider), r =>
        {
            Assert.Equal("eks", r.Options.Provider?.Name);
            if (r.Type == KubernetesTypes.Namespace)
            {
                // Named by what it is, so no deployment's arrival or removal renames (and so replaces) it.
                Assert.Equal((null, "cluster-namespace-ml-serving"), (r.Owner, r.Name));
                return;
            }

            Assert.Equal("fraud", r.Owner);
            Assert.StartsWith("fraud-", r.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Emit_RequestsPerSecondWithoutCustomMetrics_ScalesOnCpuAndSaysSo()
    {
        var rps = KubernetesSamples.Cpu() with { Scaling = new Scaling { Min = 2, Max = 6, Metric = ScalingMetric.RequestsPerSecond, Target = 20 } };

        var planned = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g, rps));

        Assert.Equal(70m, ValuePath.GetNumber(planned.Resources.Autoscaler!.Properties, "spec.metrics[0].resource.target.averageUtilization"));
        var note = Assert.Single(planned.Notes, n => n.Concept == "scaling");
        Assert.Equal(Fidelity.Approximated, note.Fidelity);
        Assert.Contains("RequestsPerSecond 20 per replica is approximated by CPU utilization", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_GpuWithCustomMetrics_ScalesOnTheDcgmMetric()
    {
        var planned = KubernetesSamples.Plan(KubernetesSamples.GpuWorkload);

        Assert.Equal("DCGM_FI_DEV_GPU_UTIL", ValuePath.GetString(planned.Resources.Autoscaler!.Properties, "spec.metrics[0].pods.metric.name"));
        Assert.Equal(Fidelity.Native, Assert.Single(planned.Notes, n => n.Concept == "scaling").Fidelity);
    }

    [Fact]
    public void Emit_Prometheus_LabelsForKubePrometheusStack_AndAlertsOnGpusOnlyWithDcgmExporter()
    {
        Assert.Equal("kube-prometheus-stack", new PrometheusMonitoring().SelectorLabels["release"]);

        static List<string?> Alerts(bool dcgm)
        {
            var planned = KubernetesSamples.Plan(g => KubernetesSamples.GpuWorkload(g) is var (p, w) ? (p, w with { Prometheus = w.Prometheus! with { DcgmExporter = dcgm } }) : default);
            var rule = ((ListValue)ValuePath.Get(planned.Resources.Monitoring!.Properties, "objs")!).Items[1];
            Assert.Equal("kube-prometheus-stack", ValuePath.GetString(rule, "metadata.labels.release"));
            return [.. ((ListValue)ValuePath.Get(rule, "spec.groups[0].rules")!).Items.Select(r => ValuePath.GetString(r, "alert"))];
        }

        Assert.Contains("ModelServerGpuSaturated", Alerts(dcgm: true));
        Assert.DoesNotContain("ModelServerGpuSaturated", Alerts(dcgm: false));
    }

    [Fact]
    public void Emit_SecretValues_NeverAppearInTheProgram()
    {
        var yaml = KubernetesSamples.Yaml(KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g)));

        Assert.Contains("API_TOKEN: ${fraudApiToken}", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("secretKeyRef", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Conformance_GoldenWorkloads_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "kubernetes-workload-cpu.yaml"), KubernetesSamples.Yaml(KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g))));
        File.WriteAllText(Path.Combine(dir.Path, "kubernetes-workload-gpu.yaml"), KubernetesSamples.Yaml(KubernetesSamples.Plan(KubernetesSamples.GpuWorkload)));

        var result = conformance.Check(dir.Path);

        Assert.Equal(2, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
