using System.Globalization;
using System.Text;
using MlDeploy.Costs;

namespace MlDeploy.Writers;

/// <summary>Writes cost estimates as text: the <c>cost</c> verb's report and the plan's one-line summary per deployment.</summary>
public static class CostWriter
{
    /// <summary>Writes the report: per deployment every line with its quantity, price and amounts, then the totals.</summary>
    /// <param name="cost">The estimate.</param>
    /// <param name="stack">The stack's name.</param>
    /// <returns>The text.</returns>
    public static string Write(StackCost cost, string stack)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Cost estimate for stack {stack} ({cost.Currency} per month of 730 hours, on-demand list prices read {Dates(cost)}; an estimate, not a quote)\n");
        foreach (var d in cost.Deployments)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{d.Deployment} -> {d.Target} in {d.Region}, {d.MinReplicas}-{d.MaxReplicas} replicas\n");
            foreach (var line in d.Lines)
            {
                sb.Append("  ").Append(line.Item.What).Append(": ");
                if (!line.Item.Attributed)
                {
                    sb.Append("not attributed (").Append(line.Item.Reason).Append(")\n");
                }
                else if (line.Price is { } row)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{Amount(line.AtMin!.Value)} at {d.MinReplicas} - {Amount(line.AtMax!.Value)} at {d.MaxReplicas}")
                      .Append(CultureInfo.InvariantCulture, $" ({Quantity(line.Item.AtMin)}-{Quantity(line.Item.AtMax)} {row.Unit} x {row.Price.ToString(CultureInfo.InvariantCulture)}, read {row.Read:yyyy-MM-dd} from {row.Source})\n");
                }
                else
                {
                    sb.Append("unknown (").Append(line.Unknown).Append(")\n");
                }
            }

            sb.Append("  total: ").Append(Summary(d)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The one-line summary the plan prints per deployment.</summary>
    /// <param name="cost">The deployment's estimate.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>E.g. <c>cost (estimate, USD/month): 39.28 at 1 replica - 117.85 at 3, + unknown: ...</c>.</returns>
    public static string PlanLine(DeploymentCost cost, string currency)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return string.Create(CultureInfo.InvariantCulture, $"cost (estimate, {currency}/month): {Summary(cost)}");
    }

    private static string Summary(DeploymentCost d)
    {
        var known = d.Lines.Any(l => l.Price is not null)
            ? string.Create(CultureInfo.InvariantCulture, $"{Amount(d.KnownAtMin)} at {d.MinReplicas} {(d.MinReplicas == 1 ? "replica" : "replicas")} - {Amount(d.KnownAtMax)} at {d.MaxReplicas}")
            : "no known part";
        var unknown = d.UnknownLines.Select(l => l.Item.What).ToList();
        return unknown.Count == 0 ? known : $"{known}, + unknown: {string.Join("; ", unknown)}";
    }

    private static string Dates(StackCost cost) => cost.PricesReadFrom is not { } from || cost.PricesReadTo is not { } to
        ? "(no prices)"
        : from == to ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}";

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quantity(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
