using System.Globalization;
using MlDeploy.Costs;
using MlDeploy.Gcp.CloudRun;

namespace MlDeploy.Gcp.Costs;

/// <summary>
/// A Cloud Run service: its minimum instances are always present and billed per vCPU- and GiB-second (at the idle rate
/// while they serve nothing); instances above the minimum and requests depend on traffic.
/// </summary>
public sealed class CloudRunCostModel : CostModel<CloudRunTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, CloudRunTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var service = input.One("gcp:cloudrunv2/service:Service");
        var min = (int)(CostInput.Number(service, "template.scaling.minInstanceCount") ?? 0);
        var max = (int)(CostInput.Number(service, "template.scaling.maxInstanceCount") ?? min);
        var cpu = CostInput.Text(service, "template.containers[0].resources.limits.cpu") ?? "?";
        var memory = CostInput.Text(service, "template.containers[0].resources.limits.memory") ?? "?";
        var storage = GcpCostKeys.ArtifactStorage(target.Region);
        return new CostUsage(target.Region, min, max,
        [
            UsageItem.Unknown(
                string.Create(CultureInfo.InvariantCulture, $"instance vCPU- and GiB-seconds ({cpu} vCPU, {memory} each; {min} always present)"),
                "traffic-dependent: active and idle instance time are billed at different rates, and instances above the minimum only while traffic needs them"),
            UsageItem.Unknown("requests", "traffic-dependent: billed per million requests"),
            CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit),
            CommonUsage.Logs(input, "Cloud Logging"),
        ]);
    }
}
