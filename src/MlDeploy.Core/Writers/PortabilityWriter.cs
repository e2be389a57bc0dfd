using System.Globalization;
using System.Text;
using MlDeploy.Portability;

namespace MlDeploy.Writers;

/// <summary>
/// Writes the portability matrix as plain text: per deployment, a grid of concepts by target (aligned, one status word
/// per cell), then per target what is not native and why. Reads only the <see cref="PortabilityReport"/>, so another
/// writer (a table library, JSON) can render the same record.
/// </summary>
public static class PortabilityWriter
{
    /// <summary>Writes the matrix.</summary>
    /// <param name="report">The computed matrix.</param>
    /// <returns>The text, LF line ends.</returns>
    public static string Write(PortabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var targets = report.Deployments.FirstOrDefault()?.Columns.Length ?? 0;
        sb.Append(CultureInfo.InvariantCulture, $"Portability of stack {report.Stack} of {report.Project}: each deployment validated and planned on every registered target ({targets})\n");
        foreach (var d in report.Deployments)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{d.Deployment} (declared for {d.DeclaredTarget})\n");
            WriteGrid(sb, d);
            WriteDetails(sb, d);
        }

        sb.Append("\nnative: the platform does it; approx: something close (the text says what); IMPOSSIBLE: validate refuses it there; n/a: the deployment does not use it; unevaluated: not planned because validation failed on another concept; *: the declared target\n");
        return sb.ToString();
    }

    /// <summary>The status word of a cell in the grid.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The word.</returns>
    public static string Word(CellStatus status) => status switch
    {
        CellStatus.Native => "native",
        CellStatus.Approximated => "approx",
        CellStatus.Impossible => "IMPOSSIBLE",
        CellStatus.NotApplicable => "n/a",
        CellStatus.NotEvaluated => "unevaluated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static void WriteGrid(StringBuilder sb, DeploymentPortability d)
    {
        var headers = d.Columns.Select(c => c.Declared ? c.Target + "*" : c.Target).ToList();
        var rows = PortabilityConcepts.All.Select(concept => (Title: PortabilityConcepts.Title(concept), Cells: d.Columns.Select(c => Word(c.Cells.Single(x => x.Concept == concept).Status)).ToList())).ToList();
        var first = Math.Max("CONCEPT".Length, rows.Max(r => r.Title.Length));
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r.Cells[i].Length))).ToList();
        void Line(string title, IReadOnlyList<string> cells)
        {
            var line = new StringBuilder("  ").Append(title.PadRight(first));
            for (var i = 0; i < cells.Count; i++)
            {
                line.Append("  ").Append(cells[i].PadRight(widths[i]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        Line("CONCEPT", headers);
        foreach (var (title, cells) in rows)
        {
            Line(title, cells);
        }
    }

    private static void WriteDetails(StringBuilder sb, DeploymentPortability d)
    {
        var width = PortabilityConcepts.All.Max(c => PortabilityConcepts.Title(c).Length);
        var words = Enum.GetValues<CellStatus>().Max(s => Word(s).Length);
        foreach (var column in d.Columns)
        {
            var shown = column.Cells.Where(c => c.Status is CellStatus.Approximated or CellStatus.Impossible).ToList();
            var unevaluated = column.Cells.Where(c => c.Status == CellStatus.NotEvaluated).Select(c => PortabilityConcepts.Title(c.Concept)).ToList();
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"  {column.Target}{(column.Declared ? "*" : string.Empty)}: {column.DisplayName} ({column.Cloud.ToString().ToLowerInvariant()}), ")
              .Append(column.Valid ? "validates and plans" : string.Create(CultureInfo.InvariantCulture, $"refused by validation ({column.Problems.Length} problem(s))"))
              .Append(shown.Count == 0 ? "; every concept it uses is native\n" : "\n");

            foreach (var cell in shown)
            {
                var lines = cell.Status == CellStatus.Impossible ? cell.Diagnostics.Select(x => x.ToString()) : [cell.Text];
                foreach (var text in lines)
                {
                    sb.Append("    ").Append(PortabilityConcepts.Title(cell.Concept).PadRight(width)).Append("  ").Append(Word(cell.Status).PadRight(words)).Append("  ").Append(text).Append('\n');
                }
            }

            if (unevaluated.Count > 0)
            {
                sb.Append("    not planned, so unevaluated: ").Append(string.Join(", ", unevaluated)).Append('\n');
            }
        }
    }
}
