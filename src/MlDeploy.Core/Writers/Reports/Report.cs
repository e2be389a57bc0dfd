using System.Collections.Immutable;

namespace MlDeploy.Writers.Reports;

/// <summary>
/// What a verb shows people (<c>plan</c>, <c>portability</c>, <c>cost</c>), as a document of headings, lines and tables,
/// so one view serves the terminal (rendered as tables), redirected output (plain aligned text) and tests alike. The
/// JSON a verb prints for machines is written from its own records, not from this view.
/// </summary>
/// <param name="Blocks">The blocks in reading order.</param>
public sealed record Report(ImmutableArray<ReportBlock> Blocks);

/// <summary>One block of a <see cref="Report"/>.</summary>
public abstract record ReportBlock;

/// <summary>A heading that starts a section (a deployment, the shared platform).</summary>
/// <param name="Text">The heading.</param>
public sealed record ReportHeading(string Text) : ReportBlock;

/// <summary>A line of text.</summary>
/// <param name="Text">The text.</param>
/// <param name="Indented">Whether it belongs to the section above (indented in plain text).</param>
public sealed record ReportLine(string Text, bool Indented = false) : ReportBlock;

/// <summary>A table.</summary>
/// <param name="Columns">The column headers.</param>
/// <param name="Rows">The rows, each with one cell per column.</param>
/// <param name="ShowHeaders">Whether the headers are shown (a list of settings reads better without).</param>
public sealed record ReportTable(ImmutableArray<string> Columns, ImmutableArray<ImmutableArray<ReportCell>> Rows, bool ShowHeaders = true) : ReportBlock;

/// <summary>One cell of a <see cref="ReportTable"/>.</summary>
/// <param name="Text">The text.</param>
/// <param name="Tone">How a terminal colours it.</param>
public sealed record ReportCell(string Text, CellTone Tone = CellTone.Plain)
{
    /// <summary>Converts text to a plain cell.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ReportCell(string text) => new(text);

    /// <summary>Converts text to a plain cell.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cell.</returns>
    public static ReportCell FromString(string text) => new(text);
}

/// <summary>How a terminal colours a cell; plain text ignores it, so it never carries meaning the text does not.</summary>
public enum CellTone
{
    /// <summary>No colour.</summary>
    Plain,

    /// <summary>The platform does exactly this (green).</summary>
    Good,

    /// <summary>The platform does something close (yellow).</summary>
    Caution,

    /// <summary>The platform cannot do it (red).</summary>
    Bad,

    /// <summary>Secondary detail (dim).</summary>
    Muted,
}
