namespace MlDeploy.Targets;

/// <summary>
/// Sorting by one comparison, keeping equal items in their original order, as <c>OrderBy</c>/<c>ThenBy</c> do. Chained
/// <c>ThenBy</c> calls are generic virtual methods that the NativeAOT type loader builds at run time, once per key type,
/// on every start of the compiler; the instance catalogues and the guardrail report sorted that way cost the example
/// stack's compile run a few percent (docs/BENCHMARKS.md, stop 15).
/// </summary>
public static class StableOrder
{
    /// <summary>Gets the items sorted by the comparison, equal items in their original order.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="comparison">Orders two items; 0 keeps them in their original order.</param>
    /// <returns>A new array.</returns>
    public static T[] By<T>(IReadOnlyList<T> items, Comparison<T> comparison)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(comparison);
        var order = new int[items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => comparison(items[x], items[y]) is var c && c != 0 ? c : x.CompareTo(y));
        var sorted = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = items[order[i]];
        }

        return sorted;
    }
}
