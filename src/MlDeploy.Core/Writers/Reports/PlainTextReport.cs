using System.Text;

namespace MlDeploy.Writers.Reports;

/// <summary>
/// Writes a <see cref="Report"/> as plain text for files, pipes and CI logs: headings at the margin, everything in a
/// section indented two spaces, table columns aligned with two spaces between them, no trailing spaces.
/// </summary>
public static class PlainTextReport
{
    private const string Indent = "  ";

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text, every line ending in a newline.</returns>
    public static string Write(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        foreach (var block in report.Blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    sb.Append('\n').Append(h.Text).Append('\n');
                    break;
                case ReportLine l:
                    sb.Append(l.Indented ? Indent : string.Empty).Append(l.Text).Append('\n');
                    break;
                case ReportTable t:
                    WriteTable(sb, t);
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}", nameof(report));
            }
        }

        return sb.ToString();
    }

    private static void WriteTable(StringBuilder sb, ReportTable table)
    {
        if (table.Rows.IsEmpty)
        {
            return;
        }

        var widths = new int[table.Columns.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = table.ShowHeaders ? table.Columns[c].Length : 0;
            foreach (var row in table.Rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Text.Length);
            }
        }

        if (table.ShowHeaders)
        {
            // A blank line sets a headed table apart from the lines above it.
            sb.Append('\n');
            WriteRow(sb, [.. table.Columns], widths);
        }

        foreach (var row in table.Rows)
        {
            WriteRow(sb, row.Select(c => c.Text).ToList(), widths);
        }
    }

    private static void WriteRow(StringBuilder sb, List<string> cells, int[] widths)
    {
        sb.Append(Indent);
        for (var c = 0; c < cells.Count; c++)
        {
            sb.Append(c == cells.Count - 1 ? cells[c] : cells[c].PadRight(widths[c])).Append(c == cells.Count - 1 ? string.Empty : Indent);
        }

        while (sb[^1] == ' ')
        {
            sb.Length--;
        }

        sb.Append('\n');
    }
}
