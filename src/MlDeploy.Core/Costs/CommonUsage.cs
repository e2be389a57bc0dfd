using System.Globalization;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Costs;

/// <summary>Usage items every target reports alike, written once.</summary>
public static class CommonUsage
{
    private const decimal BytesPerGb = 1024m * 1024m * 1024m;

    /// <summary>
    /// The model files the SDK uploads, stored for the month: their size is known at synthesis time. A model already in
    /// cloud storage or a registry is stored (and paid for) by whoever put it there.
    /// </summary>
    /// <param name="input">The deployment.</param>
    /// <param name="storage">The price key of the storage class the SDK's bucket or container uses.</param>
    /// <param name="unit">The price row's unit (e.g. <c>GB-month</c>).</param>
    /// <returns>The item.</returns>
    public static UsageItem ArtifactStorage(CostInput input, PriceKey storage, string unit)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Deployment.Artifact is not FileArtifact file)
        {
            return UsageItem.NotAttributed("model artifact storage", "the model is not uploaded by this deployment (a URI or registry entry): its storage is paid where it lives");
        }

        var bytes = ArtifactFiles.SizeOf(input.RootDirectory, file) ?? 0;
        var gb = Math.Round(bytes / BytesPerGb, 6);
        return UsageItem.Metered(string.Create(CultureInfo.InvariantCulture, $"model artifact storage ({bytes} bytes)"), gb, gb, unit, storage);
    }

    /// <summary>Log ingestion and storage at the declared retention: the volume depends on traffic.</summary>
    /// <param name="input">The deployment.</param>
    /// <param name="service">The log service, e.g. <c>CloudWatch Logs</c>.</param>
    /// <returns>The item.</returns>
    public static UsageItem Logs(CostInput input, string service)
    {
        ArgumentNullException.ThrowIfNull(input);
        return UsageItem.Unknown(
            string.Create(CultureInfo.InvariantCulture, $"{service} ingestion and storage ({input.Deployment.Monitoring.LogRetentionDays} days' retention)"),
            "traffic-dependent: log volume is unknown at synthesis");
    }

    /// <summary>Request and response capture storage, when the deployment captures a share of its traffic.</summary>
    /// <param name="input">The deployment.</param>
    /// <param name="where">Where captures are written, e.g. <c>S3</c>.</param>
    /// <returns>The item, or null when nothing is captured.</returns>
    public static UsageItem? Capture(CostInput input, string where)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Deployment.Monitoring.DataCapturePercent > 0
            ? UsageItem.Unknown(
                string.Create(CultureInfo.InvariantCulture, $"data capture storage in {where} ({input.Deployment.Monitoring.DataCapturePercent} % of requests)"),
                "traffic-dependent: request volume and payload size are unknown at synthesis")
            : null;
    }

    /// <summary>
    /// A workload on a Kubernetes cluster: its pods run on the cluster's nodes, which the cluster pays for. A cluster the
    /// stack creates is a shared component (no deployment owns it); an existing one belongs to another stack.
    /// </summary>
    /// <param name="input">The deployment.</param>
    /// <param name="clusterType">The type token of a created cluster.</param>
    /// <param name="cluster">The cluster's name.</param>
    /// <returns>The item.</returns>
    public static UsageItem ClusterNodes(CostInput input, string clusterType, string cluster)
    {
        ArgumentNullException.ThrowIfNull(input);
        var created = input.Graph.Resources.Any(r => r.Type.Token == clusterType && r.Owner is null);
        return UsageItem.NotAttributed(
            $"nodes and control plane of cluster '{cluster}'",
            created
                ? "the stack creates the cluster as a shared component: its nodes and control-plane fee are shared by its workloads, not attributed to one deployment (not priced yet)"
                : "the workload runs on an existing cluster: its nodes and control plane are paid for by the cluster's own stack");
    }
}
