using System.Text;
using MlDeploy.Graph;
using MlDeploy.Writers.Graphs;

namespace MlDeploy.Writers;

/// <summary>
/// Writes a <see cref="ResourceGraph"/> as one self-contained HTML page (decision 41): the
/// <see cref="MermaidGraphWriter"/> flowchart, rendered in the browser by the Mermaid library whose source the caller
/// passes in and the page inlines. The SDK ships no third-party code; the page loads nothing from the network, so it
/// opens offline and from a CI artifact. Deterministic for the same graph, title and library.
/// </summary>
public static class GraphHtmlWriter
{
    /// <summary>Writes the page.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="title">The page's title, e.g. <c>ml-platform prod</c>.</param>
    /// <param name="mermaidScript">The source of Mermaid's browser bundle (<c>mermaid/dist/mermaid.min.js</c>).</param>
    /// <returns>The HTML text (LF line ends).</returns>
    public static string Write(ResourceGraph graph, string title, string mermaidScript)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(mermaidScript);
        var source = MermaidGraphWriter.Write(graph);
        var heading = HtmlText.Encode(title);
        var sb = new StringBuilder(mermaidScript.Length + (source.Length * 2) + 4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<title>").Append(heading).Append("</title>\n")
          .Append("<style>\n")
          .Append("body { font-family: sans-serif; margin: 1rem; }\n")
          .Append("#graph svg { max-width: none !important; height: auto; }\n")
          .Append("#error { color: #b00020; white-space: pre-wrap; }\n")
          .Append("</style>\n</head>\n")
          // data-status says when rendering is over ("rendered" or "error"), for a reader and for tests that drive a browser.
          .Append("<body data-status=\"loading\">\n")
          .Append("<h1>").Append(heading).Append("</h1>\n")
          .Append("<p>One box per deployment and per shared component; arrows point from a resource to those that use it: ")
          .Append("solid, reads its outputs; dashed, <code>dependsOn</code>; thick, <code>provider</code>. Rounded nodes are invokes.</p>\n")
          .Append("<div id=\"graph\"></div>\n<pre id=\"error\" hidden></pre>\n")
          .Append("<script>\n").Append(HtmlText.InlineScript(mermaidScript)).Append("\n</script>\n")
          .Append("<script>\n")
          .Append("(function () {\n")
          .Append("  const source = ").Append(HtmlText.JavaScriptString(source)).Append(";\n")
          .Append("  const fail = function (e) {\n")
          .Append("    const error = document.getElementById('error');\n")
          .Append("    error.textContent = 'Mermaid could not render the graph: ' + (e && e.message ? e.message : String(e));\n")
          .Append("    error.hidden = false;\n")
          .Append("    document.body.dataset.status = 'error';\n")
          .Append("  };\n")
          .Append("  if (typeof mermaid === 'undefined') { fail(new Error('the inlined script did not define mermaid')); return; }\n")
          // Large platforms exceed Mermaid's default text and edge limits, which exist to protect pages that render
          // untrusted diagrams; this one renders what the SDK wrote, with HTML in labels still sanitized (strict).
          .Append("  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 100000000, maxEdges: 1000000, flowchart: { useMaxWidth: false } });\n")
          .Append("  mermaid.render('mldeploy-graph', source).then(function (result) {\n")
          .Append("    document.getElementById('graph').innerHTML = result.svg;\n")
          .Append("    document.body.dataset.status = 'rendered';\n")
          .Append("  }, fail);\n")
          .Append("})();\n")
          .Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
