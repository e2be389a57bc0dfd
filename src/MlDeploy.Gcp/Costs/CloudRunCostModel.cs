using System.Globalization;
using MlDeploy.Costs;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Graph;

namespace MlDeploy.Gcp.Costs;

/// <summary>
/// A Cloud Run service. With instance-based billing (the planner's <c>cpuIdle: false</c>, "CPU always allocated") every
/// instance is billed per vCPU- and GiB-second for its whole life at one rate, idle or not, so the minimum and maximum
/// instance counts bound the compute cost (https://cloud.google.com/run/docs/configuring/billing-settings; rates per
/// region tier at https://cloud.google.com/run/pricing). With request-based billing (<c>cpuIdle: true</c>) instances are
/// billed at one rate while serving and the minimum instances at a lower idle rate otherwise, so which applies depends
/// on traffic; instances above the minimum and requests depend on traffic either way.
/// </summary>
public sealed class CloudRunCostModel : CostModel<CloudRunTarget>
{
    private const decimal SecondsPerMonth = UsageItem.HoursPerMonth * 3600;

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
        var instanceBased = service is not null && ValuePath.GetBool(service.Properties, "template.containers[0].resources.cpuIdle") == false;
        var vcpu = CostInput.Number(service, "template.containers[0].resources.limits.cpu");
        var gib = GiB(memory);
        var storage = GcpCostKeys.ArtifactStorage(target.Region);
        List<UsageItem> items = [];
        if (instanceBased && vcpu is { } v && gib is { } g)
        {
            items.Add(UsageItem.Metered(
                string.Create(CultureInfo.InvariantCulture, $"instance vCPU, instance-based billing ({cpu} per instance)"),
                min * v * SecondsPerMonth, max * v * SecondsPerMonth, "vCPU-second", GcpCostKeys.CloudRunInstanceVcpu(target.Region)));
            items.Add(UsageItem.Metered(
                string.Create(CultureInfo.InvariantCulture, $"instance memory, instance-based billing ({memory} per instance)"),
                min * g * SecondsPerMonth, max * g * SecondsPerMonth, "GiB-second", GcpCostKeys.CloudRunInstanceMemory(target.Region)));
        }
        else
        {
            items.Add(UsageItem.Unknown(
                string.Create(CultureInfo.InvariantCulture, $"instance vCPU- and GiB-seconds ({cpu} vCPU, {memory} each; {min} always present)"),
                "traffic-dependent: with request-based billing, active and idle instance time are billed at different rates, and instances above the minimum only while traffic needs them"));
        }

        items.Add(UsageItem.Unknown("requests", "traffic-dependent: billed per million requests"));
        items.Add(CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit));
        items.Add(CommonUsage.Logs(input, "Cloud Logging"));
        return new CostUsage(target.Region, min, max, [.. items]);
    }

    // The planner writes whole GiB as "<n>Gi" and anything else as "<n>Mi".
    private static decimal? GiB(string memory) =>
        memory.EndsWith("Gi", StringComparison.Ordinal) && decimal.TryParse(memory[..^2], NumberStyles.Number, CultureInfo.InvariantCulture, out var gi) ? gi
        : memory.EndsWith("Mi", StringComparison.Ordinal) && decimal.TryParse(memory[..^2], NumberStyles.Number, CultureInfo.InvariantCulture, out var mi) ? mi / 1024
        : null;
}
