using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Portability;
using MlDeploy.Writers.Reports;

namespace MlDeploy.Writers;

/// <summary>
/// The portability matrix as people read it: per deployment, a grid of concepts by target (one status word per cell),
/// then per target what is not native and why. Built from the <see cref="PortabilityReport"/> only; printed as plain
/// text by <see cref="Write"/> and as tables on a terminal by the host.
/// </summary>
public static class PortabilityWriter
{
    /// <summary>Builds the report.</summary>
    /// <param name="report">The computed matrix.</param>
    /// <returns>The report.</returns>
    public static Report Build(PortabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blocks = ImmutableArray.CreateBuilder<ReportBlock>();
        var targets = report.Deployments.FirstOrDefault()?.Columns.Length ?? 0;
        blocks.Add(new ReportLine(string.Create(CultureInfo.InvariantCulture, $"Portability of stack {report.Stack} of {report.Project}: each deployment validated and planned on every registered target ({targets})")));
        foreach (var d in report.Deployments)
        {
            blocks.Add(new ReportHeading($"{d.Deployment} (declared for {d.DeclaredTarget})"));
            blocks.Add(Grid(d));
            AddDetails(blocks, d);
        }

        blocks.Add(new ReportLine(string.Empty));
        blocks.Add(new ReportLine("native: the platform does it; approx: something close (the text says what); IMPOSSIBLE: validate refuses it there; n/a: the deployment does not use it; unevaluated: not planned because validation failed on another concept; *: the declared target"));
        return new Report(blocks.ToImmutable());
    }

    /// <summary>Writes the matrix as plain text.</summary>
    /// <param name="report">The computed matrix.</param>
    /// <returns>The text, LF line ends.</returns>
    public static string Write(PortabilityReport report) => PlainTextReport.Write(Build(report));

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

    private static ReportCell Cell(CellStatus status) => new(Word(status), status switch
    {
        CellStatus.Native => CellTone.Good,
        CellStatus.Approximated => CellTone.Caution,
        CellStatus.Impossible => CellTone.Bad,
        _ => CellTone.Muted,
    });

    private static ReportTable Grid(DeploymentPortability d) => new(
        ["CONCEPT", .. d.Columns.Select(c => c.Declared ? c.Target + "*" : c.Target)],
        [.. PortabilityConcepts.All.Select(concept => ImmutableArray.Create<ReportCell>(
            [PortabilityConcepts.Title(concept), .. d.Columns.Select(c => Cell(c.Cells.Single(x => x.Concept == concept).Status))]))]);

    private static void AddDetails(ImmutableArray<ReportBlock>.Builder blocks, DeploymentPortability d)
    {
        foreach (var column in d.Columns)
        {
            var shown = column.Cells.Where(c => c.Status is CellStatus.Approximated or CellStatus.Impossible).ToList();
            var unevaluated = column.Cells.Where(c => c.Status == CellStatus.NotEvaluated).Select(c => PortabilityConcepts.Title(c.Concept)).ToList();
            var verdict = column.Valid ? "validates and plans" : string.Create(CultureInfo.InvariantCulture, $"refused by validation ({column.Problems.Length} problem(s))");
            // A heading per target: its details read as a section of their own after the grid.
            blocks.Add(new ReportHeading($"{d.Deployment} on {column.Target}{(column.Declared ? "*" : string.Empty)}: {column.DisplayName} ({column.Cloud.ToString().ToLowerInvariant()}), {verdict}{(shown.Count == 0 ? "; every concept it uses is native" : string.Empty)}"));
            var rows = shown.SelectMany(cell => (cell.Status == CellStatus.Impossible ? cell.Diagnostics.Select(x => x.ToString()) : [cell.Text])
                .Select(text => ImmutableArray.Create<ReportCell>(PortabilityConcepts.Title(cell.Concept), Cell(cell.Status), text))).ToImmutableArray();
            blocks.Add(new ReportTable(["concept", "status", "why"], rows, ShowHeaders: false));
            if (unevaluated.Count > 0)
            {
                blocks.Add(new ReportLine($"not planned, so unevaluated: {string.Join(", ", unevaluated)}", Indented: true));
            }
        }
    }
}
