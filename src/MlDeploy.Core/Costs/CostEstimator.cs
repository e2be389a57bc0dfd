using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Costs;

/// <summary>Prices what each deployment's cost model read from the plan.</summary>
public static class CostEstimator
{
    /// <summary>Estimates every deployment of a synthesized stack.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="graph">Its synthesized graph.</param>
    /// <param name="packs">The target packs (their cost models).</param>
    /// <param name="prices">The price table.</param>
    /// <param name="config">The stack's config by fully qualified key.</param>
    /// <param name="rootDirectory">The project root.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="InvalidOperationException">A target has no cost model, or a model's unit disagrees with its price row (defects, not input errors).</exception>
    public static StackCost Estimate(Platform platform, ResourceGraph graph, IReadOnlyList<TargetPack> packs, PriceTable prices, Func<string, string?> config, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(prices);
        var models = packs.SelectMany(p => p.CostModels).GroupBy(m => m.TargetType).ToDictionary(g => g.Key, g => g.First());
        var deployments = ImmutableArray.CreateBuilder<DeploymentCost>();
        foreach (var d in platform.Deployments)
        {
            var model = models.GetValueOrDefault(d.Target.GetType())
                ?? throw new InvalidOperationException($"no cost model is registered for {d.Target.GetType().Name} ({d.Target.DisplayName}): add one to its pack's CostModels.");
            var usage = model.Usage(new CostInput(d, graph, config, rootDirectory));
            deployments.Add(new DeploymentCost(d.Name, d.Target.DisplayName, usage.Region, usage.MinReplicas, usage.MaxReplicas, [.. usage.Items.Select(i => Price(i, prices))]));
        }

        return new StackCost(deployments.ToImmutable(), "USD", prices.ReadFrom, prices.ReadTo);
    }

    private static CostLine Price(UsageItem item, PriceTable prices)
    {
        if (!item.Attributed)
        {
            return new CostLine(item, null, null);
        }

        if (item.Price is not { } key)
        {
            return new CostLine(item, null, item.Reason ?? "unknown");
        }

        if (prices.Find(key) is not { } row)
        {
            return new CostLine(item, null, $"no price for {key} in the price table");
        }

        return row.Unit == item.Unit
            ? new CostLine(item, row, null)
            : throw new InvalidOperationException($"'{item.What}' is counted in {item.Unit} but {key} is priced per {row.Unit}.");
    }
}
