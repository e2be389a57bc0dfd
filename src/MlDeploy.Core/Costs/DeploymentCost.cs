using System.Collections.Immutable;

namespace MlDeploy.Costs;

/// <summary>The monthly estimate of one deployment: known subtotals at the minimum and maximum replica count, and the unknown parts.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Target">The target's display name.</param>
/// <param name="Region">The region prices were looked up in.</param>
/// <param name="MinReplicas">The minimum replica count.</param>
/// <param name="MaxReplicas">The maximum replica count.</param>
/// <param name="Lines">Every line, in the order the cost model reported them.</param>
public sealed record DeploymentCost(string Deployment, string Target, string Region, int MinReplicas, int MaxReplicas, ImmutableArray<CostLine> Lines)
{
    /// <summary>Gets the sum of the known amounts at the minimum replica count (unknown lines are not in it, never as 0).</summary>
    public decimal KnownAtMin => Lines.Sum(l => l.AtMin ?? 0);

    /// <summary>Gets the sum of the known amounts at the maximum replica count.</summary>
    public decimal KnownAtMax => Lines.Sum(l => l.AtMax ?? 0);

    /// <summary>Gets the lines whose amount is unknown.</summary>
    public IEnumerable<CostLine> UnknownLines => Lines.Where(l => l.Unknown is not null);
}
