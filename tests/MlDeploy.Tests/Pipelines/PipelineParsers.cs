using System.Diagnostics;
using System.Text.Json;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipelines;

/// <summary>
/// Runs tests/conformance/pipelines.mjs (GitHub's workflow parser, CircleCI's config parser). Never installs anything:
/// the packages come with the conformance folder's `npm ci` (ConformanceFixture), so a missing parser fails the test.
/// </summary>
internal static class PipelineParsers
{
    public static (int ExitCode, IReadOnlyList<(string File, IReadOnlyList<string> Errors)> Results, string Output) Check(params string[] files)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = Repo.PathOf("tests", "conformance"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["pipelines.mjs", "--json", .. files])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "pipelines.mjs timed out");
        var start = stdout.Result.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"pipelines.mjs printed no JSON (exit {process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        using var json = JsonDocument.Parse(stdout.Result[start..]);
        var results = json.RootElement.GetProperty("pipelines").EnumerateArray()
            .Select(p => (p.GetProperty("file").GetString()!, (IReadOnlyList<string>)[.. p.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)]))
            .ToList();
        return (process.ExitCode, results, stdout.Result + stderr.Result);
    }
}
