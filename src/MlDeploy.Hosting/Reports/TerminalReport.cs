using MlDeploy.Writers.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlDeploy.Hosting.Reports;

/// <summary>
/// Renders a <see cref="Report"/> for a person at a terminal with Spectre.Console: headings in bold, tables with
/// borders that wrap long cells to the terminal's width, fidelity in colour (green native, yellow approximated, red
/// impossible) unless <c>NO_COLOR</c> is set (https://no-color.org).
/// </summary>
internal static class TerminalReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write (the terminal).</param>
    /// <param name="width">The terminal's width in columns.</param>
    /// <param name="color">Whether to colour it.</param>
    public static void Write(Report report, TextWriter output, int width, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        console.Profile.Height = 24;
        foreach (var block in report.Blocks)
        {
            console.Write(Render(block));
        }
    }

    private static IRenderable Render(ReportBlock block) => block switch
    {
        // Bold text after a blank line rather than a Rule: a Rule cuts a title longer than the terminal, text wraps.
        ReportHeading h => new Text("\n" + h.Text + "\n", new Style(decoration: Decoration.Bold)),
        ReportLine { Indented: true } l => new Padder(new Text(l.Text + "\n"), new Padding(2, 0, 0, 0)),
        ReportLine l => new Text(l.Text + "\n"),
        ReportTable t => Table(t),
        _ => throw new ArgumentException($"unknown report block {block.GetType().Name}", nameof(block)),
    };

    private static Table Table(ReportTable source)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var column in source.Columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        if (!source.ShowHeaders)
        {
            table.HideHeaders();
        }

        foreach (var row in source.Rows)
        {
            table.AddRow(row.Select(c => (IRenderable)new Text(c.Text, Style(c.Tone))));
        }

        return table;
    }

    private static Style Style(CellTone tone) => tone switch
    {
        CellTone.Good => new Style(Color.Green),
        CellTone.Caution => new Style(Color.Yellow),
        CellTone.Bad => new Style(Color.Red),
        CellTone.Muted => new Style(decoration: Decoration.Dim),
        _ => Spectre.Console.Style.Plain,
    };
}
