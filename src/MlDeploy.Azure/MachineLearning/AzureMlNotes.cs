using System.Globalization;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>The plan notes of an Azure ML deployment: how each model setting maps onto the endpoint.</summary>
internal static class AzureMlNotes
{
    public static void Write(AzureScope scope, AzureMlTarget t, AzureMlInstanceType instance, ScalingDecision scaling, IReadOnlyList<(string Deployment, int Percent)> weights, string? stable, TimeSpan requestTimeout, int secretCount)
    {
        var d = scope.Deployment;
        var c = d.Compute;
        string Text(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        var exact = instance.Vcpu == c.Cpu && instance.MemoryGiB == c.MemoryGiB && instance.GpuCount == (c.Gpu?.Count ?? 0);
        scope.Note("compute", exact ? Fidelity.Native : Fidelity.Approximated, Text(
            $"{c.Cpu} vCPU / {c.MemoryGiB} GiB{(c.Gpu is { } gpu ? $" / {gpu.Count}x {gpu.Kind}" : string.Empty)} -> {instance.Name} ({instance.Vcpu} vCPU / {instance.MemoryGiB} GiB{(instance.GpuCount > 0 ? $" / {instance.GpuCount}x {instance.GpuKind}" : string.Empty)}); Azure ML reserves 20 % more quota for upgrades"));
        scope.Note("scaling", scaling.Fidelity, d.Scaling.Max > d.Scaling.Min ? scaling.Note : Text($"{d.Scaling.Min} instances, no autoscale"));
        var traffic = string.Join(", ", weights.Select(w => Text($"{w.Deployment} {w.Percent} %")));
        var r = d.Rollout;
        scope.Note("rollout", Fidelity.Approximated, stable is null
            ? $"blue/green in one `pulumi up`: the new revision is created next to the serving one, takes all traffic once healthy ({traffic}), and the traffic step then deletes every deployment without traffic; no automatic rollback (set StableDeployment to roll back or to canary the next revision)"
            : r.Strategy == RolloutStrategy.BlueGreen
                ? $"blue/green: {stable} keeps all traffic, the new revision takes 0 % and is reachable with the azureml-model-deployment header ({traffic}); promote by removing StableDeployment; no automatic rollback"
                : Text($"canary: {traffic}; promote by removing StableDeployment after the bake time ({(int)Math.Ceiling(r.BakeTime.TotalMinutes)} min); no automatic rollback: the alerts notify"));
        scope.Note("traffic", Fidelity.Approximated, "the endpoint cannot name a deployment created in the same run, so a command resource runs `az ml online-endpoint update --traffic` after the deployment is healthy and retires deployments without traffic; the deployer needs the Azure CLI with the ml extension");
        var isPublic = d.Network.Exposure == Exposure.Public;
        scope.Note("network", isPublic ? Fidelity.Native : Fidelity.Approximated, isPublic
            ? "public network access enabled (waived MLS-NET-01)"
            : "public network access disabled: callers reach the endpoint through a private endpoint of the workspace in their network (not created by the SDK); outbound traffic follows the workspace's managed network");
        scope.Note("auth", Fidelity.Native, t.AuthMode == AzureMlAuthMode.Key
            ? "endpoint keys (listOnlineEndpointKeys); rotate with regenerateKeys"
            : "Microsoft Entra tokens; callers need the endpoint's score action (e.g. AzureML Data Scientist on the endpoint)");
        scope.Note("requests", Fidelity.Native, Text($"request timeout {requestTimeout.TotalSeconds} s (at most {AzureMlCapabilities.MaxRequestTimeout.TotalSeconds} s), {t.MaxConcurrentRequestsPerInstance} concurrent request(s) per instance"));
        scope.Note("model delivery", Fidelity.Native, $"model registered as a version of the workspace and mounted read-only at {d.Serving.ModelDir}; routes from the serving contract (port {d.Serving.Port}, {d.Serving.HealthPath}, {d.Serving.PredictPath})");
        scope.Note("identity", Fidelity.Native, $"user-assigned endpoint identity with AcrPull on the registry, Storage Blob Data Reader on the model container, AzureML Metrics Writer on the workspace{(secretCount > 0 ? " and Key Vault Secrets User on each secret" : string.Empty)}, nothing else");
        scope.Note("monitoring", Fidelity.Approximated, Text($"Azure Monitor alerts: RequestLatency_P99 average > {d.Monitoring.LatencyP99Ms} ms, 5xx count over 5 minutes, CpuUtilizationPercentage/CpuMemoryUtilizationPercentage{(instance.GpuCount > 0 ? "/GpuUtilizationPercentage" : string.Empty)} > {d.Monitoring.SaturationPercent} %{(t.WorkspaceId is null ? $"; logs kept {d.Monitoring.LogRetentionDays} days in Log Analytics" : string.Empty)}"));
        if (d.Monitoring.DataCapturePercent > 0)
        {
            scope.Note("data capture", Fidelity.Native, Text($"{d.Monitoring.DataCapturePercent} % of requests and responses logged by the model data collector into the workspace's blob store, hourly files"));
        }

        if (secretCount > 0)
        {
            scope.Note("secrets", Fidelity.Approximated, Text($"{secretCount} secret(s) stay in Key Vault; Azure ML has no secret injection, so the container gets <NAME>_SECRET_URL and reads the value with the endpoint identity"));
        }
    }
}
