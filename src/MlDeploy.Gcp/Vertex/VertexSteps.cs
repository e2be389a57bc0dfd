using System.Globalization;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Vertex;

/// <summary>The gcloud steps of one deployment, and what they decided.</summary>
/// <param name="Model">The model upload step (stdout: the model id).</param>
/// <param name="Deploy">The deploy-model step (stdout: the deployed model id).</param>
/// <param name="Machine">The machine type of the replicas.</param>
/// <param name="Scaling">The autoscaling metric and target.</param>
/// <param name="NewPercent">The new model's share of the traffic.</param>
internal sealed record VertexStepSet(Resource Model, Resource Deploy, VertexMachine Machine, ScalingDecision Scaling, int NewPercent);

/// <summary>
/// The model upload, deploy-model and cleanup steps (<c>command:local:Command</c>, one <c>pulumi up</c>; decision 35).
/// The upload's triggers are what the model is made of (image, artifact, serving contract), the deploy step's the model id
/// and the replicas' resources, so a new image digest or artifact uploads and deploys again; a traffic change alone runs
/// the deploy step's update. Every value goes through <c>environment</c> (<see cref="VertexScripts"/>).
/// </summary>
internal static class VertexSteps
{
    public static VertexStepSet Add(GcpScope scope, VertexTarget t, Resource endpoint, Resource identity, GcpImage image, ModelObjects model, IReadOnlyList<Resource> after)
    {
        var d = scope.Deployment;
        var s = d.Serving;
        var env = VertexScripts.List([.. s.Env.Select(e => $"{e.Key}={e.Value}"), $"MODEL_DIR={s.ModelDir}"]);
        var args = VertexScripts.List(s.Args);
        var deployTimeout = ((long)Math.Ceiling(s.StartupTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var contract = string.Join('\n', [ArtifactFiles.ContentIdentity(scope.Context.RootDirectory, d.Artifact), s.Port.ToString(CultureInfo.InvariantCulture), s.HealthPath, s.PredictPath, env, args, deployTimeout]);

        // Model ids: up to 63 of [a-z0-9_-], starting with a letter; the upload appends '-' and 12 digest digits.
        var prefix = GcpNames.Id(scope, 50, "model", Naming.PhysicalName.Create(10, contract));
        var label = GcpNames.Id(scope, 63, "models");
        var artifactUri = Value.Format($"gs://{model.Bucket}/{(model.Folder.Length == 0 ? string.Empty : model.Folder + "/")}");
        var upload = scope.Add(
            "model",
            GcpTypes.LocalCommand,
            Value.Map(
                ("create", VertexScripts.Upload),
                ("delete", VertexScripts.DeleteModel),
                ("environment", Value.Map(
                    ("PROJECT", t.Project),
                    ("REGION", t.Region),
                    ("MODEL_PREFIX", prefix),
                    ("DISPLAY_NAME", d.Name),
                    ("IMAGE", image.Reference),
                    ("ARTIFACT_URI", artifactUri),
                    ("PORT", s.Port.ToString(CultureInfo.InvariantCulture)),
                    ("HEALTH_ROUTE", s.HealthPath),
                    ("PREDICT_ROUTE", s.PredictPath),
                    ("DEPLOY_TIMEOUT", deployTimeout),
                    ("CONTAINER_ENV", env),
                    ("CONTAINER_ARGS", args),
                    ("LABELS", $"{VertexPlanner.ModelLabel}={label}"))),
                ("triggers", Value.List(image.Reference, artifactUri, prefix))),
            new ResourceOptions { DependsOn = [.. after, .. model.Uploads] });

        var machine = t.MachineType is { } named ? VertexMachines.Find(named, d.Compute)! : VertexMachines.Smallest(d.Compute)!;
        var scaling = ScalingOn(d);
        var accelerator = VertexMachines.AcceleratorFlag(d.Compute);
        var stable = t.StableDeployedModel;
        var newPercent = stable is null ? 100 : d.Rollout.Strategy == RolloutStrategy.BlueGreen ? 0 : d.Rollout.TrafficPercent;
        string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        var autoscaling = string.Create(CultureInfo.InvariantCulture, $"{AutoscalingKey(scaling.Metric)}={scaling.Target}");
        var revision = string.Join(' ', machine.Name, accelerator, Number(d.Scaling.Min), Number(d.Scaling.Max), autoscaling);
        var deploy = scope.Add(
            "deploy",
            GcpTypes.LocalCommand,
            Value.Map(
                ("create", VertexScripts.Deploy),
                ("update", VertexScripts.Deploy),
                ("delete", VertexScripts.Undeploy),
                ("environment", Value.Map(
                    ("PROJECT", t.Project),
                    ("REGION", t.Region),
                    ("ENDPOINT", endpoint.Output("name")),
                    ("MODEL", upload.Output("stdout")),
                    ("REVISION", revision),
                    ("DISPLAY_NAME", d.Name),
                    ("MACHINE_TYPE", machine.Name),
                    ("ACCELERATOR", accelerator),
                    ("MIN_REPLICAS", Number(d.Scaling.Min)),
                    ("MAX_REPLICAS", Number(d.Scaling.Max)),
                    ("AUTOSCALING", autoscaling),
                    ("SERVICE_ACCOUNT", identity.Output("email")),
                    ("STABLE", stable ?? string.Empty),
                    ("NEW_PERCENT", Number(newPercent)),
                    ("STABLE_PERCENT", Number(100 - newPercent)))),
                ("triggers", Value.List(upload.Output("stdout"), revision, endpoint.Output("id")))),
            new ResourceOptions { DependsOn = [.. after, upload] });

        // Deleted first on destroy (it depends on the deploy step), so the endpoint and models are empty before they go.
        scope.Add(
            "cleanup",
            GcpTypes.LocalCommand,
            Value.Map(
                ("create", VertexScripts.Nothing),
                ("delete", VertexScripts.Cleanup),
                ("environment", Value.Map(
                    ("PROJECT", t.Project),
                    ("REGION", t.Region),
                    ("ENDPOINT", endpoint.Output("name")),
                    ("LABEL_KEY", VertexPlanner.ModelLabel),
                    ("LABEL_VALUE", label))),
                ("triggers", Value.List(endpoint.Output("id")))),
            new ResourceOptions { DependsOn = [deploy] });
        return new VertexStepSet(upload, deploy, machine, scaling, newPercent);
    }

    /// <summary>
    /// The name gcloud takes for an autoscaling metric in <c>--autoscaling-metric-specs</c>: only <c>cpu-usage</c> and
    /// <c>gpu-duty-cycle</c>, which it maps to the full metric names; a full name is refused before any API call
    /// ("Autoscaling metric name can only be one of the following", googlecloudsdk/command_lib/ai/validation.py
    /// <c>ValidateAutoscalingMetricSpecs</c> and constants.py <c>OP_AUTOSCALING_METRIC_NAME_MAPPER</c>, Google Cloud SDK
    /// 528.0.0; the flag's reference gives <c>--autoscaling-metric-specs=cpu-usage=70</c>). docs/GCP-RUNTIME.md V7.
    /// </summary>
    private static string AutoscalingKey(string metric) => metric switch
    {
        VertexPlanner.CpuMetric => "cpu-usage",
        VertexPlanner.DutyCycleMetric => "gpu-duty-cycle",
        _ => throw new InvalidOperationException($"{metric} is not a Vertex AI autoscaling metric"),
    };

    /// <summary>
    /// CPU utilization or the accelerators' duty cycle, targets in whole percent (1-100); requests/s has no Vertex metric
    /// in GA, so it becomes CPU utilization at Vertex's default 60 % (approximated).
    /// </summary>
    private static ScalingDecision ScalingOn(ModelDeployment d)
    {
        var s = d.Scaling;
        var replicas = string.Create(CultureInfo.InvariantCulture, $"{s.Min}-{s.Max} replicas");
        decimal Percent(decimal target) => Math.Clamp(Math.Ceiling(target), 1, 100);
        return s.Metric switch
        {
            ScalingMetric.CpuUtilization => new(VertexPlanner.CpuMetric, Percent(s.Target), Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"{replicas}, autoscaling on CPU utilization {Percent(s.Target)} %")),
            ScalingMetric.GpuUtilization => new(VertexPlanner.DutyCycleMetric, Percent(s.Target), Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"{replicas}, autoscaling on the accelerators' duty cycle {Percent(s.Target)} %")),
            _ => new(VertexPlanner.CpuMetric, VertexCapabilities.DefaultUtilizationTarget, Fidelity.Approximated, string.Create(CultureInfo.InvariantCulture, $"{replicas}, autoscaling on CPU utilization {VertexCapabilities.DefaultUtilizationTarget} % (Vertex AI has no requests/s metric; {s.Target}/s is not enforced)")),
        };
    }
}
