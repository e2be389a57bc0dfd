using System.Globalization;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Costs;

namespace MlDeploy.Azure.Costs;

/// <summary>
/// A Container App on the Consumption profile: billed per vCPU-second and GiB-second of its replicas, at one rate while
/// they serve and a lower one while idle, so only the minimum replicas' presence is knowable; which rate applies, and
/// every replica above the minimum, depends on traffic. On a workload profile the profile's nodes are billed instead.
/// </summary>
public sealed class ContainerAppsCostModel : CostModel<ContainerAppsTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, ContainerAppsTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var app = input.One("azure-native:app:ContainerApp");
        var min = (int)(CostInput.Number(app, "template.scale.minReplicas") ?? input.Deployment.Scaling.Min);
        var max = (int)(CostInput.Number(app, "template.scale.maxReplicas") ?? min);
        var storage = AzureCostKeys.ArtifactStorage(target.Location);
        return new CostUsage(target.Location, min, max,
        [
            UsageItem.Unknown(
                string.Create(CultureInfo.InvariantCulture, $"replica vCPU- and GiB-seconds ({min} always present)"),
                "traffic-dependent: Consumption bills active and idle seconds at different rates, and replicas above the minimum only while traffic needs them"),
            UsageItem.Unknown("requests", "traffic-dependent: billed per million requests"),
            CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit),
            CommonUsage.Logs(input, "Log Analytics"),
        ]);
    }
}
