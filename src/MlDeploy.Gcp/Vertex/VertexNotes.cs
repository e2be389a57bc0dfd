using System.Globalization;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Vertex;

/// <summary>The portability view of a Vertex AI deployment: how each concept was mapped.</summary>
internal static class VertexNotes
{
    public static void Write(GcpScope scope, VertexTarget t, VertexStepSet steps, bool notifies, bool logs)
    {
        var d = scope.Deployment;
        var m = steps.Machine;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        scope.Note("compute", Fidelity.Native, d.Compute.Gpu is { } gpu
            ? Text($"{m.Name} ({m.Cpu} vCPU / {m.MemoryGiB} GiB) with {gpu.Count} x {VertexMachines.Accelerators[gpu.Kind]} per replica")
            : Text($"{m.Name} ({m.Cpu} vCPU / {m.MemoryGiB} GiB) per replica"));
        scope.Note("scaling", steps.Scaling.Fidelity, steps.Scaling.Note);
        scope.Note("rollout", Fidelity.Approximated, (d.Rollout.Strategy, t.StableDeployedModel) switch
        {
            (_, null) => "a new deployed model per image, artifact or machine change takes all traffic once deployed, and the others are undeployed; set StableDeployedModel to the current deployed model before the next rollout; no automatic rollback: the alerts notify, and a rollback is StableDeployedModel taking 100 %",
            (RolloutStrategy.BlueGreen, { } stable) => $"blue/green: deployed model {stable} keeps all traffic, the new one takes 0 % (test it with its deployed model id); promote by removing StableDeployedModel; no automatic rollback",
            (_, { } stable) => Text($"canary: the new deployed model takes {steps.NewPercent} %, {stable} the rest; promote by removing StableDeployedModel after the bake time ({(int)Math.Ceiling(d.Rollout.BakeTime.TotalMinutes)} min); no automatic rollback"),
        });
        scope.Note("model delivery", Fidelity.Approximated, $"Vertex AI copies the artifact at upload and gives the container its location in AIP_STORAGE_URI (a gs:// URI the container downloads from); MODEL_DIR={d.Serving.ModelDir} is set but not populated, so the server must fetch the artifact itself (examples/model-server does)");
        scope.Note("network", Fidelity.Native, d.Network.Exposure == Exposure.Public
            ? "dedicated public endpoint (waived MLS-NET-01); HTTPS only"
            : $"Private Service Connect: reachable only through a PSC endpoint in a VPC of project {t.Project}; no public access");
        scope.Note("auth", Fidelity.Native, "IAM: callers need aiplatform.endpoints.predict (e.g. roles/aiplatform.user) on the project or endpoint");
        scope.Note("identity", Fidelity.Native, "the deployed model runs as the deployment's service account with roles/artifactregistry.reader on the repository and roles/storage.objectViewer on the model folder, nothing else");
        scope.Note("data capture", Fidelity.Native, logs
            ? Text($"request/response logging of {d.Monitoring.DataCapturePercent} % of predictions to the deployment's BigQuery dataset (tables expire after {d.Monitoring.LogRetentionDays} days)")
            : "off (Monitoring.DataCapturePercent = 0)");
        scope.Note("deployer", Fidelity.Approximated, "pulumi-gcp has no model or deployed-model resource: gcloud on the machine running pulumi up uploads and deploys the model (command:local:Command steps)");
        scope.Note("monitoring", Fidelity.Native, Text($"Cloud Monitoring alert policies: prediction_latencies p99 > {d.Monitoring.LatencyP99Ms} ms, 5xx share of response_count > {d.Monitoring.ErrorRatePercent} %, CPU{(d.Compute.Gpu is null ? string.Empty : " and accelerator duty cycle")} > {d.Monitoring.SaturationPercent} %{(notifies ? string.Empty : " (no notification channel: set NotificationEmail or NotificationTopic)")}"));
    }
}
