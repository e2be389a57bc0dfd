using System.Collections.Immutable;

namespace MlDeploy.Costs;

/// <summary>What a cost model read from one deployment's plan.</summary>
/// <param name="Region">The region its prices are looked up in.</param>
/// <param name="MinReplicas">The replica (instance, task, pod) count the estimate's minimum column is for.</param>
/// <param name="MaxReplicas">The count the maximum column is for.</param>
/// <param name="Items">The billable parts.</param>
public sealed record CostUsage(string Region, int MinReplicas, int MaxReplicas, ImmutableArray<UsageItem> Items);
