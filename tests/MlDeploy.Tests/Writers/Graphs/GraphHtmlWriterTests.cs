using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers.Graphs;

public class GraphHtmlWriterTests
{
    private const string Library = "var x = '</script><!-- <script>'; globalThis[\"mermaid\"] = {};";

    [Fact]
    public void Write_InlinesTheLibrary_NothingInItOrInTheGraphCanEndTheScriptElement()
    {
        var html = GraphHtmlWriter.Write(HostileGraph.Build(), "<b>title</b>", Library);

        Assert.Contains("var x = '\\x3C/script>\\x3C!-- \\x3Cscript>'; globalThis[\"mermaid\"] = {};", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;b&gt;title&lt;/b&gt;</title>", html, StringComparison.Ordinal);
        // Exactly the page's own two script elements; the graph source is one JavaScript string with < and > escaped.
        Assert.Equal(2, html.Split("<script>").Length - 1);
        Assert.Equal(2, html.Split("</script>").Length - 1);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("const source = \"flowchart LR\\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsDeterministic() =>
        Assert.Equal(GraphHtmlWriter.Write(HostileGraph.Build(), "t", Library), GraphHtmlWriter.Write(HostileGraph.Build(), "t", Library));
}
