using MlDeploy.Writers.Reports;

namespace MlDeploy.Hosting.Reports;

/// <summary>
/// Where a verb's report goes and in what form: tables on a terminal, plain aligned text when standard output is
/// redirected, and the verb's own JSON (its schema in docs/schemas) when <c>--json</c> asks for it.
/// </summary>
internal static class ReportOutput
{
    /// <summary>Writes the verb's output.</summary>
    /// <param name="host">The host (its standard output and whether it is a terminal).</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <param name="report">Builds the report people read.</param>
    /// <param name="writeJson">Writes the JSON machines read.</param>
    public static void Write(HostEnvironment host, bool json, Func<Report> report, Func<string> writeJson)
    {
        if (json)
        {
            host.Stdout.Write(writeJson());
        }
        else if (host.TerminalWidth is { } width)
        {
            TerminalReport.Write(report(), host.Stdout, width, color: string.IsNullOrEmpty(host.GetEnvironmentVariable("NO_COLOR")));
        }
        else
        {
            host.Stdout.Write(PlainTextReport.Write(report()));
        }
    }
}
