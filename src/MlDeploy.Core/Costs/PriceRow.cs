namespace MlDeploy.Costs;

/// <summary>One price of the price table, with where and when it was read.</summary>
/// <param name="Key">What it prices.</param>
/// <param name="Price">The price of one <paramref name="Unit"/>.</param>
/// <param name="Currency">The currency (USD).</param>
/// <param name="Unit">The billed unit, e.g. <c>vCPU-hour</c>, <c>GB-hour</c>, <c>hour</c>, <c>GiB-month</c>.</param>
/// <param name="Read">The day the price was read.</param>
/// <param name="Source">The URL it was read from.</param>
/// <param name="Note">How it was confirmed, and anything it does not cover.</param>
public sealed record PriceRow(PriceKey Key, decimal Price, string Currency, string Unit, DateOnly Read, string Source, string Note);
