using System.Diagnostics;
using System.Text;
using MlDeploy.Graph;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers.Graphs;

public class DotGraphWriterTests
{
    [Fact]
    public void Write_HostileNames_EveryStringIsQuotedAndUnquotesToTheText()
    {
        var text = DotGraphWriter.Write(HostileGraph.Build(), "title \"q\" \\");
        var strings = Strings(text);

        Assert.Contains("title \"q\" \\", strings);
        Assert.All(HostileGraph.AllNames.Where(n => !n.Contains('\t', StringComparison.Ordinal)), name => Assert.Contains(name, strings));
        // A control character cannot stand in a DOT string: the tab is dropped, the name otherwise kept.
        Assert.Contains("tabhere", strings);
        Assert.Contains(strings, s => s.StartsWith("lookup \"x\"\ntest:index/getThing:getThing", StringComparison.Ordinal));
        Assert.All(text.Split('\n').Where(l => l.Length > 0), line => Assert.Matches(@"^(digraph "".*"" \{|  (graph|node|edge) \[.*\];|  subgraph cluster_\d+ \{|    label="".*"";|    "".*"" \[label="".*""(, shape=ellipse)?\];|  \}|  "".*"" -> "".*""( \[style=\w+, label=""\w+""\])?;|\})$", line));
    }

    [Fact]
    public void Write_EdgeKindsAndClusters()
    {
        var graph = new GraphBuilder();
        var type = new ResourceType("test:index/thing:Thing", PulumiPackages.Aws);
        var a = graph.Add(new Resource("a", type, MapValue.Empty, owner: "d") { Scope = "d" });
        var p = graph.Add(new Resource("p", type, MapValue.Empty) { Scope = "cluster" });
        graph.Add(new Resource("b", type, Value.Map(("x", a.Output("id"))), new ResourceOptions { DependsOn = [a], Provider = p, Parent = p }));

        var text = DotGraphWriter.Write(graph.Build(), "t");

        Assert.Contains("  subgraph cluster_0 {\n    label=\"deployment d\";\n    \"a\"", text, StringComparison.Ordinal);
        Assert.Contains("  subgraph cluster_1 {\n    label=\"component cluster\";\n    \"p\"", text, StringComparison.Ordinal);
        Assert.Contains("  subgraph cluster_2 {\n    label=\"platform\";\n    \"b\"", text, StringComparison.Ordinal);
        Assert.Contains("  \"a\" -> \"b\";\n  \"a\" -> \"b\" [style=dashed, label=\"dependsOn\"];\n  \"p\" -> \"b\" [style=bold, label=\"provider\"];\n  \"p\" -> \"b\" [style=dotted, label=\"parent\"];\n", text, StringComparison.Ordinal);
    }

    [GraphvizFact]
    public void Write_HostileNames_GraphvizAcceptsIt()
    {
        var info = new ProcessStartInfo("dot", "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(DotGraphWriter.Write(HostileGraph.Build(), "hostile \"title\""));
        process.StandardInput.Close();
        var svg = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && errors.Length == 0, $"dot exit {process.ExitCode}: {errors}");
        Assert.Contains("<svg", svg.Result, StringComparison.Ordinal);
    }

    /// <summary>Every double-quoted DOT string in the text, unescaped.</summary>
    private static HashSet<string> Strings(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                continue;
            }

            var sb = new StringBuilder();
            for (i++; text[i] != '"'; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                    sb.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    Assert.NotEqual('\n', text[i]);
                    sb.Append(text[i]);
                }
            }

            found.Add(sb.ToString());
        }

        return found;
    }
}
