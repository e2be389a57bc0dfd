using MlDeploy.Costs;
using MlDeploy.Gcp.Vertex;

namespace MlDeploy.Gcp.Costs;

/// <summary>
/// A Vertex AI endpoint: node-hours of the machine type (and accelerator) the deploy step passes to
/// <c>gcloud ai endpoints deploy-model</c>, between its minimum and maximum replica counts.
/// </summary>
public sealed class VertexCostModel : CostModel<VertexTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, VertexTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);

        // The deploy step is the one gcloud command whose environment names the machine type (VertexSteps).
        var deploy = input.Owned("command:local:Command").FirstOrDefault(r => CostInput.Text(r, "environment.MACHINE_TYPE") is not null);
        var machine = CostInput.Text(deploy, "environment.MACHINE_TYPE") ?? "(machine type not set)";
        var min = (int)(CostInput.Number(deploy, "environment.MIN_REPLICAS") ?? input.Deployment.Scaling.Min);
        var max = (int)(CostInput.Number(deploy, "environment.MAX_REPLICAS") ?? min);
        var hours = UsageItem.HoursPerMonth;
        List<UsageItem> items =
        [
            UsageItem.Metered($"{machine} prediction nodes", min * hours, max * hours, "node-hour", new PriceKey("gcp", "vertex-ai", $"prediction-{machine}", target.Region)),
        ];
        if (CostInput.Text(deploy, "environment.ACCELERATOR") is { Length: > 0 } accelerator)
        {
            items.Add(UsageItem.Metered($"accelerator {accelerator}", min * hours, max * hours, "node-hour", new PriceKey("gcp", "vertex-ai", $"prediction-accelerator-{accelerator}", target.Region)));
        }

        var storage = GcpCostKeys.ArtifactStorage(target.Region);
        items.Add(CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit));
        if (CommonUsage.Capture(input, "BigQuery") is { } capture)
        {
            items.Add(capture);
        }

        items.Add(CommonUsage.Logs(input, "Cloud Logging"));
        return new CostUsage(target.Region, min, max, [.. items]);
    }
}
