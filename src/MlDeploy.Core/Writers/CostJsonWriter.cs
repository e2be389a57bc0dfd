using System.Globalization;
using System.Text.Json;
using MlDeploy.Costs;

namespace MlDeploy.Writers;

/// <summary>
/// Writes cost estimates for machines (<c>cost --json</c>, and each deployment's summary in <c>plan --json</c>) in the
/// shape docs/schemas/cost.schema.json documents. Amounts are JSON numbers in the table's currency, rounded to cents as
/// the text shows them; an unknown amount is absent (never 0) and its line says why.
/// </summary>
public static class CostJsonWriter
{
    /// <summary>The schema version; a change that removes or renames a field increases it.</summary>
    public const int Version = 1;

    /// <summary>Writes the stack's estimate.</summary>
    /// <param name="cost">The estimate.</param>
    /// <param name="stack">The stack's name.</param>
    /// <returns>The JSON text, ending with a newline.</returns>
    public static string Write(StackCost cost, string stack)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "cost");
            w.WriteNumber("version", Version);
            w.WriteString("stack", stack);
            w.WriteBoolean("estimate", true);
            w.WriteString("currency", cost.Currency);
            w.WriteNumber("hoursPerMonth", UsageItem.HoursPerMonth);
            if (cost.PricesReadFrom is { } from && cost.PricesReadTo is { } to)
            {
                w.WriteStartObject("pricesRead");
                w.WriteString("from", Day(from));
                w.WriteString("to", Day(to));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("pricesRead");
            }

            w.WriteStartArray("deployments");
            foreach (var d in cost.Deployments)
            {
                w.WriteStartObject();
                w.WriteString("deployment", d.Deployment);
                w.WriteString("target", d.Target);
                w.WriteString("region", d.Region);
                WriteTotals(w, d);
                w.WriteStartArray("lines");
                foreach (var line in d.Lines)
                {
                    WriteLine(w, line);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes a deployment's replica range, known subtotals and unknown parts (the plan's cost summary).</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="d">The deployment's estimate.</param>
    public static void WriteTotals(Utf8JsonWriter w, DeploymentCost d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteNumber("minReplicas", d.MinReplicas);
        w.WriteNumber("maxReplicas", d.MaxReplicas);
        if (d.Lines.Any(l => l.Price is not null))
        {
            w.WriteNumber("knownAtMin", d.KnownAtMin);
            w.WriteNumber("knownAtMax", d.KnownAtMax);
        }
        else
        {
            w.WriteNull("knownAtMin");
            w.WriteNull("knownAtMax");
        }

        w.WriteStartArray("unknown");
        foreach (var line in d.UnknownLines)
        {
            w.WriteStringValue(line.Item.What);
        }

        w.WriteEndArray();
    }

    private static void WriteLine(Utf8JsonWriter w, CostLine line)
    {
        w.WriteStartObject();
        w.WriteString("what", line.Item.What);
        if (!line.Item.Attributed)
        {
            w.WriteString("status", "notAttributed");
            w.WriteString("reason", line.Item.Reason);
        }
        else if (line.Price is { } row)
        {
            w.WriteString("status", "priced");
            w.WriteNumber("atMin", line.AtMin!.Value);
            w.WriteNumber("atMax", line.AtMax!.Value);
            w.WriteNumber("quantityAtMin", line.Item.AtMin);
            w.WriteNumber("quantityAtMax", line.Item.AtMax);
            w.WriteString("unit", row.Unit);
            w.WriteNumber("unitPrice", row.Price);
            w.WriteStartObject("price");
            w.WriteString("cloud", row.Key.Cloud);
            w.WriteString("service", row.Key.Service);
            w.WriteString("sku", row.Key.Sku);
            w.WriteString("region", row.Key.Region);
            w.WriteString("read", Day(row.Read));
            w.WriteString("source", row.Source);
            w.WriteString("note", row.Note);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("status", "unknown");
            w.WriteString("reason", line.Unknown);
        }

        w.WriteEndObject();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
