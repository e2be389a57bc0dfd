using System.Text;
using MlDeploy.Graph;
using MlDeploy.Writers.Graphs;

namespace MlDeploy.Writers;

/// <summary>
/// Writes a <see cref="ResourceGraph"/> as a Mermaid flowchart (the <c>graph</c> verb, decision 41): a subgraph per
/// deployment and per shared component plus one for the platform, a node per resource and invoke labelled with its
/// logical name, type token and key settings, and an arrow from each node to the nodes that use it — solid for a
/// reference to its outputs, dashed and labelled for <c>dependsOn</c> and <c>parent</c>, thick for <c>provider</c>.
/// Deterministic: the same graph always gives the same text.
/// </summary>
public static class MermaidGraphWriter
{
    /// <summary>Writes the flowchart.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The Mermaid text (LF line ends).</returns>
    public static string Write(ResourceGraph graph)
    {
        var view = GraphView.Of(graph);
        var ids = MermaidText.Ids(view.Groups.SelectMany(g => g.Nodes).Select(n => n.Name));
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        for (var g = 0; g < view.Groups.Length; g++)
        {
            var group = view.Groups[g];
            // Group ids are numbered: they never collide with node ids, which all start with "n_".
            sb.Append("  subgraph g").Append(g).Append("[\"").Append(MermaidText.Label(group.Title)).Append("\"]\n");
            foreach (var node in group.Nodes)
            {
                var label = string.Join("<br/>", new[] { node.Name, node.Token }.Concat(node.Settings).Select(MermaidText.Label));
                // Invokes are stadiums: they read the cloud, they create nothing.
                var (open, close) = node.IsInvoke ? ("([\"", "\"])") : ("[\"", "\"]");
                sb.Append("    ").Append(ids[node.Name]).Append(open).Append(label).Append(close).Append('\n');
            }

            sb.Append("  end\n");
        }

        foreach (var edge in view.Edges)
        {
            var arrow = edge.Kind switch
            {
                GraphEdgeKind.Reference => " --> ",
                GraphEdgeKind.DependsOn => " -. dependsOn .-> ",
                GraphEdgeKind.Provider => " == provider ==> ",
                _ => " -. parent .-> ",
            };
            sb.Append("  ").Append(ids[edge.From]).Append(arrow).Append(ids[edge.To]).Append('\n');
        }

        return sb.ToString();
    }
}
