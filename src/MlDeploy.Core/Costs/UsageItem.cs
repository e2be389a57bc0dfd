namespace MlDeploy.Costs;

/// <summary>
/// One billable part of a deployment as its cost model reads it from the plan: a metered quantity per month at the
/// minimum and at the maximum replica count with the price it is billed at, or a part whose cost cannot be known
/// (traffic-dependent) or that belongs to something else (an existing cluster's nodes).
/// </summary>
/// <param name="What">What is billed, e.g. <c>ml.m5.xlarge instances</c>.</param>
/// <param name="AtMin">The quantity per month at the minimum replica count.</param>
/// <param name="AtMax">The quantity per month at the maximum replica count.</param>
/// <param name="Unit">The unit of the quantities; must be the price row's unit.</param>
/// <param name="Price">The price it is billed at; null for an unknown or unattributed part.</param>
/// <param name="Reason">Why the part is unknown or not attributed; null for a metered part.</param>
/// <param name="Attributed">Whether the part is paid for by this deployment.</param>
public sealed record UsageItem(string What, decimal AtMin, decimal AtMax, string Unit, PriceKey? Price, string? Reason, bool Attributed = true)
{
    /// <summary>Hours in the month the estimates are for (365 × 24 / 12).</summary>
    public const decimal HoursPerMonth = 730;

    /// <summary>A metered part.</summary>
    /// <param name="what">What is billed.</param>
    /// <param name="atMin">Quantity per month at the minimum replica count.</param>
    /// <param name="atMax">Quantity per month at the maximum replica count.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="price">The price key.</param>
    /// <returns>The item.</returns>
    public static UsageItem Metered(string what, decimal atMin, decimal atMax, string unit, PriceKey price) => new(what, atMin, atMax, unit, price, null);

    /// <summary>A part whose quantity cannot be known before it runs (traffic, payload sizes).</summary>
    /// <param name="what">What is billed.</param>
    /// <param name="reason">Why it is unknown.</param>
    /// <returns>The item.</returns>
    public static UsageItem Unknown(string what, string reason) => new(what, 0, 0, string.Empty, null, reason);

    /// <summary>A part this deployment uses but does not pay for alone (an existing cluster's nodes).</summary>
    /// <param name="what">What it is.</param>
    /// <param name="reason">Who pays for it.</param>
    /// <returns>The item.</returns>
    public static UsageItem NotAttributed(string what, string reason) => new(what, 0, 0, string.Empty, null, reason, Attributed: false);
}
