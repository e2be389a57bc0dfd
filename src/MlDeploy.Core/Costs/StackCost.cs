using System.Collections.Immutable;

namespace MlDeploy.Costs;

/// <summary>A stack's estimate: one per deployment, with the price table's currency and the range of days its rows were read.</summary>
/// <param name="Deployments">The deployments' estimates, in declaration order.</param>
/// <param name="Currency">The currency.</param>
/// <param name="PricesReadFrom">The earliest day a price row was read.</param>
/// <param name="PricesReadTo">The latest day a price row was read.</param>
public sealed record StackCost(ImmutableArray<DeploymentCost> Deployments, string Currency, DateOnly? PricesReadFrom, DateOnly? PricesReadTo);
