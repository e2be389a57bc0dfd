using System.Text;
using MlDeploy.Graph;
using MlDeploy.Writers.Graphs;

namespace MlDeploy.Writers;

/// <summary>
/// Writes a <see cref="ResourceGraph"/> as a Graphviz <c>digraph</c> (the <c>graph</c> verb, decision 41): the same
/// boxes, nodes and arrows as <see cref="MermaidGraphWriter"/>, as <c>cluster_</c> subgraphs; invokes are ellipses,
/// <c>dependsOn</c> arrows dashed, <c>provider</c> arrows bold, <c>parent</c> arrows dotted. Deterministic.
/// </summary>
public static class DotGraphWriter
{
    /// <summary>Writes the digraph.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="title">The drawing's title, e.g. <c>ml-platform prod</c>.</param>
    /// <returns>The DOT text (LF line ends).</returns>
    public static string Write(ResourceGraph graph, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var view = GraphView.Of(graph);
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(DotText.Quote(title)).Append(" {\n")
          .Append("  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=").Append(DotText.Quote(title)).Append("];\n")
          .Append("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n")
          .Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (var g = 0; g < view.Groups.Length; g++)
        {
            var group = view.Groups[g];
            // Graphviz draws a subgraph as a box only when its name starts with "cluster"; numbered, so no title can break it.
            sb.Append("  subgraph cluster_").Append(g).Append(" {\n")
              .Append("    label=").Append(DotText.Quote(group.Title)).Append(";\n");
            foreach (var node in group.Nodes)
            {
                var label = string.Join("\n", new[] { node.Name, node.Token }.Concat(node.Settings));
                sb.Append("    ").Append(DotText.Quote(node.Name)).Append(" [label=").Append(DotText.Quote(label))
                  .Append(node.IsInvoke ? ", shape=ellipse" : string.Empty).Append("];\n");
            }

            sb.Append("  }\n");
        }

        foreach (var edge in view.Edges)
        {
            var style = edge.Kind switch
            {
                GraphEdgeKind.Reference => string.Empty,
                GraphEdgeKind.DependsOn => " [style=dashed, label=\"dependsOn\"]",
                GraphEdgeKind.Provider => " [style=bold, label=\"provider\"]",
                _ => " [style=dotted, label=\"parent\"]",
            };
            sb.Append("  ").Append(DotText.Quote(edge.From)).Append(" -> ").Append(DotText.Quote(edge.To)).Append(style).Append(";\n");
        }

        return sb.Append("}\n").ToString();
    }
}
