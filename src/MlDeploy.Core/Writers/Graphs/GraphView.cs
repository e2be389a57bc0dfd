using System.Collections.Immutable;
using MlDeploy.Graph;

namespace MlDeploy.Writers.Graphs;

/// <summary>
/// What every graph format draws, computed once so the formats cannot disagree: the boxes (one per deployment, one per
/// shared component, one "platform" box for the rest), their nodes, and the arrows. Everything is ordered by name,
/// so the same graph always draws the same text.
/// </summary>
/// <param name="Groups">The boxes: deployments, then shared components, then the platform, each ordered by name.</param>
/// <param name="Edges">The arrows, ordered by source, target and kind; one per pair and kind.</param>
internal sealed record GraphView(ImmutableArray<GraphGroup> Groups, ImmutableArray<GraphEdge> Edges)
{
    /// <summary>The title of the box for nodes that neither a deployment nor a shared component added.</summary>
    public const string PlatformTitle = "platform";

    /// <summary>Computes the view of a graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The view.</returns>
    public static GraphView Of(ResourceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = new List<(int Rank, string Group, GraphNode Node)>();
        var edges = new HashSet<GraphEdge>();
        foreach (var r in graph.Resources)
        {
            nodes.Add((Rank(r.Owner, r.Scope), Title(r.Owner, r.Scope), new GraphNode(r.Name, r.Type.Token, IsInvoke: false, GraphKeySettings.Of(r.Properties))));
            AddReferences(r.Name, r.Properties, edges);
            foreach (var d in r.Options.DependsOn)
            {
                edges.Add(new GraphEdge(d.Name, r.Name, GraphEdgeKind.DependsOn));
            }

            if (r.Options.Provider is { } provider)
            {
                edges.Add(new GraphEdge(provider.Name, r.Name, GraphEdgeKind.Provider));
            }

            if (r.Options.Parent is { } parent)
            {
                edges.Add(new GraphEdge(parent.Name, r.Name, GraphEdgeKind.Parent));
            }
        }

        foreach (var i in graph.Invokes)
        {
            nodes.Add((Rank(i.Owner, i.Scope), Title(i.Owner, i.Scope), new GraphNode(i.Name, i.Function.Token, IsInvoke: true, GraphKeySettings.Of(i.Arguments))));
            AddReferences(i.Name, i.Arguments, edges);
        }

        var groups = nodes
            .GroupBy(n => (n.Rank, n.Group))
            .OrderBy(g => g.Key.Rank).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g => new GraphGroup(g.Key.Group, [.. g.Select(n => n.Node).OrderBy(n => n.Name, StringComparer.Ordinal)]));
        var ordered = edges
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.Kind);
        return new GraphView([.. groups], [.. ordered]);
    }

    // A deployment's resources carry its name as owner; a shared component's carry none, but the prefix of the scope
    // that added them (Resource.Scope); what neither added (an account lookup several deployments share) is the platform's.
    private static int Rank(string? owner, string? scope) => owner is not null ? 0 : scope is not null ? 1 : 2;

    private static string Title(string? owner, string? scope) =>
        owner is not null ? $"deployment {owner}" : scope is not null ? $"component {scope}" : PlatformTitle;

    private static void AddReferences(string name, Value value, HashSet<GraphEdge> edges)
    {
        foreach (var target in ResourceGraph.ReferencesIn(value))
        {
            // A node that reads its own output cannot pass the graph's cycle check; skipped all the same, a loop says nothing.
            if (target.Name != name)
            {
                edges.Add(new GraphEdge(target.Name, name, GraphEdgeKind.Reference));
            }
        }
    }
}
