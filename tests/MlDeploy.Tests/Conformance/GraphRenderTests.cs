using System.Diagnostics;
using System.Text.Json;
using MlDeploy.Tests.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Conformance;

/// <summary>
/// Renders <c>graph --format html</c> pages in headless Chromium (tests/conformance/render-graph.mjs, playwright-core):
/// Mermaid must draw them without an error and show every resource and invoke. The prod screenshot is the README's
/// picture; <c>UPDATE_GOLDEN=1</c> copies it to docs/images/graph-prod.png.
/// </summary>
public class GraphRenderTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Conformance = Repo.PathOf("tests", "conformance");
    private static readonly string MermaidJs = Path.Combine(Conformance, "node_modules", "mermaid", "dist", "mermaid.min.js");

    [Theory]
    [InlineData("prod")]
    [InlineData("eks")]
    public void Html_ExampleStack_RendersInChromium_WithEveryNodeAndNoError(string stack)
    {
        using var dir = new TempDirectory();
        var page = Path.Combine(dir.Path, $"{stack}.html");
        var run = TestHost.Run(["graph", "--stack", stack, "--format", "html", "--mermaid-js", MermaidJs, "--out", page]);
        Assert.True(run.ExitCode == 0, run.Stderr);

        var screenshot = Path.Combine(dir.Path, $"graph-{stack}.png");
        var result = Render(page, screenshot, GraphCommandTests.NodeNames(stack), dir.Path);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
        if (stack == "prod")
        {
            // The README's picture. Not compared: Chromium's font rendering differs between machines, the page does not.
            var picture = Repo.PathOf("docs", "images", "graph-prod.png");
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                File.Copy(screenshot, picture, overwrite: true);
            }

            Assert.True(File.Exists(picture), "docs/images/graph-prod.png is missing: run this test with UPDATE_GOLDEN=1");
        }

        Assert.True(result.GetProperty("nodes").GetInt32() >= GraphCommandTests.NodeNames(stack).Count, result.ToString());
    }

    [Fact]
    public void Html_HostileNames_RenderInChromium_EachNameShownAsWritten()
    {
        using var dir = new TempDirectory();
        var page = Path.Combine(dir.Path, "hostile.html");
        File.WriteAllText(page, MlDeploy.Writers.GraphHtmlWriter.Write(Writers.Graphs.HostileGraph.Build(), "hostile", File.ReadAllText(MermaidJs)));

        // Names with a line break or tab are drawn over two lines or with the tab collapsed: the others must read exactly.
        Render(page, Path.Combine(dir.Path, "hostile.png"), [.. Writers.Graphs.HostileGraph.AllNames.Where(n => !n.Contains('\n', StringComparison.Ordinal) && !n.Contains('\t', StringComparison.Ordinal))], dir.Path);
    }

    private static JsonElement Render(string page, string screenshot, IReadOnlyList<string> names, string workDirectory)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the rendered-graph tests need Chromium (apt-get install -y chromium; .ci/run installs it)");
        Assert.True(File.Exists(MermaidJs), $"{MermaidJs} is missing: install the conformance packages (cd tests/conformance && npm ci --ignore-scripts)");
        var namesFile = Path.Combine(workDirectory, "names.json");
        File.WriteAllText(namesFile, JsonSerializer.Serialize(names));

        var info = new ProcessStartInfo("node") { WorkingDirectory = Conformance, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "render-graph.mjs", page, screenshot, namesFile })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("render-graph.mjs did not finish within 4 minutes");
        }

        var output = stdout.Result.Trim();
        Assert.True(process.ExitCode == 0, $"render-graph.mjs exit {process.ExitCode}:\n{output}\n{stderr.Result}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }
}
