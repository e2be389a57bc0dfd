namespace MlDeploy.Costs;

/// <summary>One line of a deployment's estimate: a usage item with its price and amounts, if known.</summary>
/// <param name="Item">The usage item.</param>
/// <param name="Price">The price row, or null when the price or the quantity is unknown or the part is not attributed.</param>
/// <param name="Unknown">Why the amount is unknown, or null when it is known or not attributed.</param>
public sealed record CostLine(UsageItem Item, PriceRow? Price, string? Unknown)
{
    /// <summary>Gets the amount per month at the minimum replica count, or null when unknown.</summary>
    public decimal? AtMin => Price is null ? null : Math.Round(Item.AtMin * Price.Price, 2, MidpointRounding.AwayFromZero);

    /// <summary>Gets the amount per month at the maximum replica count, or null when unknown.</summary>
    public decimal? AtMax => Price is null ? null : Math.Round(Item.AtMax * Price.Price, 2, MidpointRounding.AwayFromZero);
}
