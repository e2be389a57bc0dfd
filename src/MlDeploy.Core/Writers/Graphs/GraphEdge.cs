namespace MlDeploy.Writers.Graphs;

/// <summary>An arrow from the node that is used to the node that uses it (the way values flow).</summary>
/// <param name="From">The used node's logical name.</param>
/// <param name="To">The using node's logical name.</param>
/// <param name="Kind">Why.</param>
internal sealed record GraphEdge(string From, string To, GraphEdgeKind Kind);
