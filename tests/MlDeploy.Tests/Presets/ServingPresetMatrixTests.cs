using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Presets;

/// <summary>
/// Every preset on every registered target: the emitted program carries the preset's port, readiness and liveness
/// paths, arguments and environment, and its metrics exactly where the target scrapes the server; or validation
/// refuses the pair with the conflict. A new target fails <see cref="Outcomes_CoverEveryPresetOnEveryRegisteredTarget"/>
/// until it has a sample here; a new preset is expected to run everywhere, so every target that refuses it fails the
/// matrix until its refusal (the exact diagnostic) is listed.
/// </summary>
public class ServingPresetMatrixTests
{
    private const EnvironmentProfile Prod = EnvironmentProfile.Production;

    // One representative deployment per registered target; Kubernetes ones declare a Prometheus Operator so metrics are scraped.
    // Liveness: whether the target checks liveness apart from readiness (Vertex AI has one health route; the Fargate
    // sample replaces the container health check with a command of its own).
    private static readonly (string Target, Func<ModelDeployment> Deployment, bool Scrapes, bool Liveness)[] s_targets =
    [
        ("sagemaker", () => SampleDeployments.CpuEndpoint(), false, false),
        ("fargate", () => Ecs.FargateSamples.Internal(Prod), false, false),
        ("eks", () => Eks.EksSamples.ExistingClusterCpu(Prod), true, true),
        ("aks", () => Aks.AksSamples.ExistingClusterCpu(Prod), true, true),
        ("gke", () => Gke.GkeSamples.ExistingClusterCpu(Prod), true, true),
        ("container-apps", Azure.ContainerAppsSamples.Production, false, true),
        ("azure-ml", Azure.AzureMlSamples.Production, false, true),
        ("cloud-run", Gcp.CloudRunSamples.Production, false, true),
        ("vertex", Gcp.VertexSamples.Production, false, false),
    ];

    private const string SageMakerContract = "SageMaker real-time endpoints require port 8080, /ping and /invocations with the model at /opt/ml/model and no container arguments";
    private const string RunsItAsItIs = "build an image that answers the contract, or use a target that runs the server as it is: AKS workloads, Azure Container Apps, Azure ML managed online endpoints, Cloud Run services, ECS on Fargate services, EKS workloads, GKE workloads, Vertex AI endpoints";

    // null: the preset runs there. Otherwise the diagnostic, exactly.
    private static readonly Dictionary<(string Preset, string Target), string?> s_outcomes = Outcomes();

    /// <summary>Gets the targets' short names, in the matrix's order.</summary>
    public static IReadOnlyList<string> TargetNames => [.. s_targets.Select(t => t.Target)];

    public static TheoryData<string, string> Pairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var preset in ServingPreset.All)
            {
                foreach (var target in s_targets)
                {
                    data.Add(preset.Id, target.Target);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Outcomes_CoverEveryPresetOnEveryRegisteredTarget()
    {
        var covered = s_targets.Select(t => t.Deployment().Target!.GetType()).ToHashSet();
        Assert.All(SampleDeployments.Synthesizer().Planners, p => Assert.Contains(p.TargetType, covered));

        // A refusal row naming a preset or target that no longer exists adds a key of its own.
        Assert.Equal(ServingPreset.All.Length * s_targets.Length, s_outcomes.Count);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Synthesize_PresetOnTarget_EmitsItsFactsOrNamesTheConflict(string presetId, string targetName)
    {
        var preset = ServingPreset.All.Single(p => p.Id == presetId);
        var (_, sample, scrapes, liveness) = s_targets.Single(t => t.Target == targetName);
        var d = sample();
        d = d with { Serving = Model.Serving.For(preset, d.Name) };
        var synthesizer = SampleDeployments.Synthesizer();
        var platform = SampleDeployments.Platform(Prod, d);
        var problems = synthesizer.Validate(platform, Repo.Root).Select(x => x.ToString()).ToList();

        if (s_outcomes[(presetId, targetName)] is { } conflict)
        {
            Assert.Equal(conflict.Replace("{d}", d.Name, StringComparison.Ordinal), string.Join("\n", problems));
            return;
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var synthesis = synthesizer.Synthesize(platform, SampleDeployments.Prod);
        var owned = synthesis.Graph.Resources.Where(r => r.Owner == d.Name).ToList();
        var strings = owned.SelectMany(r => Scalars(r.Properties)).ToList();
        var s = d.Serving;

        // SageMaker imposes the contract itself: port and paths are the platform's and appear nowhere in the program.
        if (targetName != "sagemaker")
        {
            Emitted(strings, x => x == s.Port.ToString(CultureInfo.InvariantCulture) || x.Contains($":{s.Port}/", StringComparison.Ordinal), $"port {s.Port}");
            Emitted(strings, x => x.Contains(s.HealthPath, StringComparison.Ordinal), $"readiness path {s.HealthPath}");
            Emitted(strings, x => x.Contains(s.LivePath, StringComparison.Ordinal) || !liveness, $"liveness path {s.LivePath}");
        }

        Assert.All(s.Args, a => Emitted(strings, x => x.Contains(a, StringComparison.Ordinal), $"argument {a}"));
        Assert.All(s.Env, e => Emitted(strings, x => x == e.Key || x.Contains($"{e.Key}=", StringComparison.Ordinal), $"variable {e.Key}"));
        Assert.All(s.Env, e => Emitted(strings, x => x.Contains(e.Value, StringComparison.Ordinal), $"value {e.Value}"));

        var names = MetricNames(s.Metrics);
        var all = synthesis.Graph.Resources.SelectMany(r => Scalars(r.Properties)).ToList();
        if (!scrapes)
        {
            // The platform's own metrics watch the deployment; nothing in the program reads the server's.
            Assert.All(names, n => Assert.DoesNotContain(all, x => x.Contains(n, StringComparison.Ordinal)));
            return;
        }

        AssertKubernetesFacts(synthesis, d);
    }

    /// <summary>The expected diagnostic of a preset on a target, or null when it runs there.</summary>
    /// <param name="presetId">The preset.</param>
    /// <param name="target">The target's short name.</param>
    /// <returns>The diagnostic.</returns>
    public static string? Outcome(string presetId, string target) => s_outcomes[(presetId, target)];

    private static void AssertKubernetesFacts(Synthesis synthesis, ModelDeployment d)
    {
        var s = d.Serving;
        var deployment = Assert.Single(synthesis.Graph.Resources, r => r.Owner == d.Name && r.Type.Token == "kubernetes:apps/v1:Deployment");
        var server = Find(deployment.Properties, "spec", "template", "spec", "containers") is ListValue containers
            ? containers.Items.OfType<MapValue>().Single(c => Find(c, "name") is StringValue { Value: "server" })
            : throw new Xunit.Sdk.XunitException("no containers");
        Assert.Equal(new StringValue(s.HealthPath), Find(server, "readinessProbe", "httpGet", "path"));
        Assert.Equal(new StringValue(s.HealthPath), Find(server, "startupProbe", "httpGet", "path"));
        Assert.Equal(new StringValue(s.LivePath), Find(server, "livenessProbe", "httpGet", "path"));
        var ports = ((ListValue)Find(server, "ports")!).Items.OfType<MapValue>().Select(p => Find(p, "containerPort")).ToList();
        Assert.Contains(new NumberValue(s.Port), ports);
        Assert.Equal(s.Metrics?.Port is { } metricsPort ? [new NumberValue(s.Port), new NumberValue(metricsPort)] : [new NumberValue(s.Port)], ports);
        Assert.Equal(s.Args, Find(server, "args") is ListValue args ? args.Items.Select(a => ((StringValue)a).Value) : []);
        var env = ((ListValue)Find(server, "env")!).Items.OfType<MapValue>().ToDictionary(e => ((StringValue)Find(e, "name")!).Value, e => Find(e, "value"));
        Assert.All(s.Env, e => Assert.Equal(new StringValue(e.Value), env[e.Key]));

        var monitoring = Assert.Single(synthesis.Graph.Resources, r => r.Owner == d.Name && r.Name.EndsWith("-monitoring", StringComparison.Ordinal));
        var objects = ((ListValue)Find(monitoring.Properties, "objs")!).Items.OfType<MapValue>().ToList();
        var monitor = objects.SingleOrDefault(o => Find(o, "kind") is StringValue { Value: "ServiceMonitor" });
        var rules = Scalars(objects.Single(o => Find(o, "kind") is StringValue { Value: "PrometheusRule" })).ToList();
        var coverage = synthesis.Monitoring.Where(c => c.Deployment == d.Name).ToDictionary(c => c.Signal);
        if (s.Metrics is not { } m)
        {
            Assert.Null(monitor);
            Assert.False(coverage[MonitoringSignal.LatencyP99].IsAlarmed);
            Assert.False(coverage[MonitoringSignal.ErrorRate].IsAlarmed);
            return;
        }

        var endpoint = (MapValue)((ListValue)Find(monitor!, "spec", "endpoints")!).Items.Single();
        Assert.Equal(new StringValue(m.Path), Find(endpoint, "path"));
        Assert.Equal(new StringValue(m.Port is null ? "http" : "metrics"), Find(endpoint, "port"));
        Assert.Equal(m.LatencyHistogram is not null, coverage[MonitoringSignal.LatencyP99].IsAlarmed);
        Assert.Equal(m.LatencyHistogram is not null, rules.Any(x => x.Contains($"{m.LatencyHistogram}_bucket{{", StringComparison.Ordinal)));
        var errorSeries = new[] { m.RequestCounter, m.FailureCounter, m.SuccessCounter }.OfType<string>().ToList();
        var errorsCounted = m is { RequestCounter: not null, StatusLabel: not null } || errorSeries.Count >= 2;
        Assert.Equal(errorsCounted, coverage[MonitoringSignal.ErrorRate].IsAlarmed);
        Assert.All(errorsCounted ? errorSeries : [], n => Assert.Contains(rules, x => x.Contains($"{n}{{", StringComparison.Ordinal)));
    }

    private static Dictionary<(string, string), string?> Outcomes()
    {
        var outcomes = new Dictionary<(string, string), string?>();
        foreach (var preset in ServingPreset.All)
        {
            foreach (var (target, _, _, _) in s_targets)
            {
                outcomes[(preset.Id, target)] = null;
            }
        }

        outcomes[("BentoMl", "sagemaker")] = $"deployments[{{d}}].serving: BentoML (ServingPreset.BentoMl) answers on port 3000 at /readyz and /predict, but {SageMakerContract} ({RunsItAsItIs})";
        outcomes[("KServeV2", "sagemaker")] = $"deployments[{{d}}].serving: KServe v2 (Open Inference Protocol) (ServingPreset.KServeV2) answers on port 8080 at /v2/health/ready and /v2/models/{{d}}/infer, but {SageMakerContract} ({RunsItAsItIs})";
        outcomes[("Tgi", "sagemaker")] = $"deployments[{{d}}].serving: Hugging Face TGI (ServingPreset.Tgi) answers on port 8080 at /health and /generate with container arguments, but {SageMakerContract} (use Serving.For(ServingPreset.TgiSageMaker), the server's documented mode for this contract)";
        outcomes[("Vllm", "sagemaker")] = $"deployments[{{d}}].serving: vLLM (OpenAI-compatible server) (ServingPreset.Vllm) answers on port 8000 at /health and /v1/chat/completions with container arguments, but {SageMakerContract} ({RunsItAsItIs})";
        outcomes[("Triton", "sagemaker")] = $"deployments[{{d}}].serving: NVIDIA Triton (ServingPreset.Triton) answers on port 8000 at /v2/health/ready and /v2/models/{{d}}/infer with container arguments, but {SageMakerContract} ({RunsItAsItIs})";
        foreach (var (id, name, seconds) in new[] { ("SageMaker", "the SageMaker inference contract", 600), ("Tgi", "Hugging Face TGI", 1200), ("TgiSageMaker", "Hugging Face TGI (SageMaker entrypoint)", 1200), ("Vllm", "vLLM (OpenAI-compatible server)", 1200), ("Triton", "NVIDIA Triton", 600) })
        {
            outcomes[(id, "cloud-run")] = $"deployments[{{d}}].serving.startupTimeout: {name} (ServingPreset.{id}) is given {seconds} s to start, outside the start-up allowance of Cloud Run services (1-480 s) (set Serving.StartupTimeout within that window if the model loads faster, or use a target that waits that long: AKS workloads, Azure Container Apps, Azure ML managed online endpoints, ECS on Fargate services, EKS workloads, GKE workloads, SageMaker real-time endpoints, SageMaker serverless endpoints, Vertex AI endpoints)";
        }

        const string PassesArgs = "bake them into the image's ENTRYPOINT or CMD, or use a target that passes them: AKS workloads, Azure Container Apps, Cloud Run services, ECS on Fargate services, EKS workloads, GKE workloads, Vertex AI endpoints";
        foreach (var (id, name, args) in new[] { ("Tgi", "Hugging Face TGI", "--port 8080"), ("Vllm", "vLLM (OpenAI-compatible server)", "--model /opt/ml/model"), ("Triton", "NVIDIA Triton", "tritonserver --model-repository /models") })
        {
            outcomes[(id, "azure-ml")] = $"deployments[{{d}}].serving.args: Azure ML managed online endpoints start the image's own command and pass no container arguments, which {name} (ServingPreset.{id}) is given ({args}) ({PassesArgs})";
        }

        return outcomes;
    }

    private static void Emitted(List<string> strings, Func<string, bool> match, string what) =>
        Assert.True(strings.Any(match), $"{what} is not in the program:\n{string.Join("\n", strings.Distinct(StringComparer.Ordinal).Where(x => x.Length < 200))}");

    private static IEnumerable<string> MetricNames(ServingMetrics? m) =>
        m is null ? [] : new[] { m.LatencyHistogram, m.RequestCounter, m.FailureCounter, m.SuccessCounter, m.InFlightGauge }.OfType<string>();

    private static Value? Find(Value? value, params string[] path)
    {
        foreach (var key in path)
        {
            value = value is MapValue map ? map.Entries.FirstOrDefault(e => e.Key == key).Value : null;
        }

        return value;
    }

    private static IEnumerable<string> Scalars(Value? value) => value switch
    {
        StringValue s => [s.Value],
        NumberValue n => [n.Value.ToString(CultureInfo.InvariantCulture)],
        MapValue m => m.Entries.SelectMany(e => Scalars(e.Value).Prepend(e.Key)),
        ListValue l => l.Items.SelectMany(Scalars),
        Interpolation i => i.Parts.SelectMany(Scalars),
        SecretValue s => Scalars(s.Inner),
        FunctionCall f => Scalars(f.Argument),
        _ => [],
    };
}
