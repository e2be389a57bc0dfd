using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Costs;
using MlDeploy.Writers.Reports;

namespace MlDeploy.Writers;

/// <summary>
/// The <c>cost</c> verb's report: per deployment one row per billable part — its amounts at the minimum and maximum
/// replica count and how they were reached (quantity, unit price, when and where the price was read), or why it is
/// unknown or not this deployment's — then the totals, which add only what is known and name what is not.
/// </summary>
public static class CostReport
{
    /// <summary>Builds the report.</summary>
    /// <param name="cost">The estimate.</param>
    /// <param name="stack">The stack's name.</param>
    /// <returns>The report.</returns>
    public static Report Build(StackCost cost, string stack)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var blocks = ImmutableArray.CreateBuilder<ReportBlock>();
        blocks.Add(new ReportLine($"Cost estimate for stack {stack} ({cost.Currency} per month of 730 hours, on-demand list prices read {Dates(cost)}; an estimate, not a quote)"));
        foreach (var d in cost.Deployments)
        {
            blocks.Add(new ReportHeading(string.Create(CultureInfo.InvariantCulture, $"{d.Deployment} -> {d.Target} in {d.Region}, {d.MinReplicas}-{d.MaxReplicas} replicas")));
            var rows = d.Lines.Select(line => Row(line)).ToImmutableArray();
            blocks.Add(new ReportTable(["PART", $"AT {Replicas(d.MinReplicas).ToUpperInvariant()}", $"AT {Replicas(d.MaxReplicas).ToUpperInvariant()}", "HOW"], rows));
            blocks.Add(new ReportLine($"total: {Summary(d)}", Indented: true));
        }

        return new Report(blocks.ToImmutable());
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

    /// <summary>The known subtotals and the unknown parts of one deployment.</summary>
    /// <param name="d">The deployment's estimate.</param>
    /// <returns>E.g. <c>39.28 at 1 replica - 117.85 at 3, + unknown: logs</c>.</returns>
    public static string Summary(DeploymentCost d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var known = d.Lines.Any(l => l.Price is not null)
            ? string.Create(CultureInfo.InvariantCulture, $"{Amount(d.KnownAtMin)} at {Replicas(d.MinReplicas)} - {Amount(d.KnownAtMax)} at {d.MaxReplicas}")
            : "no known part";
        var unknown = d.UnknownLines.Select(l => l.Item.What).ToList();
        return unknown.Count == 0 ? known : $"{known}, + unknown: {string.Join("; ", unknown)}";
    }

    /// <summary>The days the prices were read, as one date or a range.</summary>
    /// <param name="cost">The estimate.</param>
    /// <returns>The text.</returns>
    public static string Dates(StackCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return cost.PricesReadFrom is not { } from || cost.PricesReadTo is not { } to
            ? "(no prices)"
            : from == to ? Day(from) : $"{Day(from)} to {Day(to)}";
    }

    /// <summary>A money amount as the reports print it (two decimals, invariant).</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The text.</returns>
    public static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static ImmutableArray<ReportCell> Row(CostLine line)
    {
        if (!line.Item.Attributed)
        {
            return [line.Item.What, new ReportCell("-", CellTone.Muted), new ReportCell("-", CellTone.Muted), new ReportCell($"not attributed: {line.Item.Reason}", CellTone.Muted)];
        }

        if (line.Price is not { } row)
        {
            return [line.Item.What, new ReportCell("unknown", CellTone.Caution), new ReportCell("unknown", CellTone.Caution), new ReportCell(line.Unknown ?? string.Empty, CellTone.Caution)];
        }

        return
        [
            line.Item.What,
            Amount(line.AtMin!.Value),
            Amount(line.AtMax!.Value),
            string.Create(CultureInfo.InvariantCulture, $"{Quantity(line.Item.AtMin)}-{Quantity(line.Item.AtMax)} {row.Unit} x {row.Price} (read {Day(row.Read)} from {row.Source})"),
        ];
    }

    private static string Replicas(int count) => count == 1 ? "1 replica" : string.Create(CultureInfo.InvariantCulture, $"{count} replicas");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quantity(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
