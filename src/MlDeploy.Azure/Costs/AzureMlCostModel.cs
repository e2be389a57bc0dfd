using MlDeploy.Azure.MachineLearning;
using MlDeploy.Costs;

namespace MlDeploy.Azure.Costs;

/// <summary>
/// An Azure ML managed online deployment: VM-hours of the deployment's instance type between the autoscale setting's
/// minimum and maximum (the managed instances are billed as the VM size).
/// </summary>
public sealed class AzureMlCostModel : CostModel<AzureMlTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, AzureMlTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var deployment = input.One("azure-native:machinelearningservices:OnlineDeployment");
        var autoscale = input.One("azure-native:monitor:AutoscaleSetting");
        var capacity = (int)(CostInput.Number(deployment, "sku.capacity") ?? 1);
        var min = (int)(CostInput.Number(autoscale, "profiles[0].capacity.minimum") ?? capacity);
        var max = (int)(CostInput.Number(autoscale, "profiles[0].capacity.maximum") ?? capacity);
        var instanceType = CostInput.Text(deployment, "properties.instanceType") ?? "(instance type not set)";
        var storage = AzureCostKeys.ArtifactStorage(target.Location);
        List<UsageItem> items =
        [
            UsageItem.Metered($"{instanceType} instances", min * UsageItem.HoursPerMonth, max * UsageItem.HoursPerMonth, "instance-hour", new PriceKey("azure", "machine-learning", $"managed-online-{instanceType}", target.Location)),
            CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit),
        ];
        if (CommonUsage.Capture(input, "the workspace's storage") is { } capture)
        {
            items.Add(capture);
        }

        items.Add(CommonUsage.Logs(input, "Log Analytics and Application Insights"));
        return new CostUsage(target.Location, min, max, [.. items]);
    }
}
