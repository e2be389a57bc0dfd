using System.Globalization;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>The portability view of a Cloud Run deployment: how each concept was mapped.</summary>
internal static class CloudRunNotes
{
    public static void Write(GcpScope scope, CloudRunTarget t, ScalingDecision scaling, bool notifies)
    {
        var d = scope.Deployment;
        var c = d.Compute;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        scope.Note("compute", Fidelity.Native, c.Gpu is { } gpu
            ? Text($"{c.Cpu} vCPU / {c.MemoryGiB} GiB / {gpu.Count} NVIDIA L4 ({CloudRunCapabilities.L4Accelerator}), CPU always allocated, startup CPU boost")
            : Text($"{c.Cpu} vCPU / {c.MemoryGiB} GiB, CPU {(t.CpuAlwaysAllocated ? "always allocated" : "allocated during requests")}, startup CPU boost"));
        scope.Note("scaling", scaling.Fidelity, scaling.Note);
        var r = d.Rollout;
        scope.Note("rollout", Fidelity.Approximated, (r.Strategy, t.StableRevision) switch
        {
            (_, null) => "revisions with traffic targets; without StableRevision the latest ready revision takes all traffic once its startup probe passes (set StableRevision to the current revision before the next rollout); Cloud Run has no automatic rollback: the alerts notify, and a rollback is StableRevision taking 100 %",
            (RolloutStrategy.BlueGreen, { } stable) => $"blue/green: {stable} keeps all traffic, the latest revision takes 0 % under the tag 'candidate' (its own URL); promote by removing StableRevision; no automatic rollback",
            (_, { } stable) => Text($"canary: the latest revision takes {r.TrafficPercent} % (tag 'candidate'), {stable} the rest; promote by removing StableRevision after the bake time ({(int)Math.Ceiling(r.BakeTime.TotalMinutes)} min); no automatic rollback"),
        });
        scope.Note("model delivery", Fidelity.Native, $"Cloud Storage volume mounted read-only at {d.Serving.ModelDir} (no copy at start-up; files are read through Cloud Storage FUSE)");
        var isPublic = d.Network.Exposure == Exposure.Public;
        scope.Note("network", Fidelity.Native, isPublic
            ? "ingress from all sources (waived MLS-NET-01); HTTPS only on the run.app URL"
            : "internal ingress: reachable from the project's VPC networks and internal load balancers only; HTTPS only");
        scope.Note("auth", Fidelity.Native, d.Network.RequireAuth
            ? $"IAM: callers need roles/run.invoker{(t.Invokers.IsEmpty ? " (granted to nobody yet: set Invokers)" : $", granted to {string.Join(", ", t.Invokers.Order(StringComparer.Ordinal))}")}"
            : "roles/run.invoker granted to allUsers: anyone who reaches the ingress may call (MLS-NET-02 applies when public)");
        scope.Note("identity", Fidelity.Native, $"service account of its own with roles/artifactregistry.reader on the repository and roles/storage.objectViewer on the model folder{(d.Secrets.IsEmpty ? string.Empty : " and roles/secretmanager.secretAccessor on each secret")}, nothing else");
        scope.Note("monitoring", Fidelity.Native, Text($"Cloud Monitoring alert policies: request_latencies p99 > {d.Monitoring.LatencyP99Ms} ms, 5xx share of request_count > {d.Monitoring.ErrorRatePercent} %, CPU/memory utilization > {d.Monitoring.SaturationPercent} %{(notifies ? string.Empty : " (no notification channel: set NotificationEmail or NotificationTopic)")}; logs in the project's _Default bucket ({CloudRunCapabilities.DefaultBucketRetentionDays} days unless its owner changed it)"));
    }
}
