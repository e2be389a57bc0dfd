using System.Collections.Immutable;

namespace MlDeploy.Writers.Graphs;

/// <summary>The nodes drawn in one box: a deployment's, a shared component's, or the platform's (everything else).</summary>
/// <param name="Title">What the box is called, e.g. <c>deployment fraud-scorer</c>.</param>
/// <param name="Nodes">Its nodes, ordered by logical name.</param>
internal sealed record GraphGroup(string Title, ImmutableArray<GraphNode> Nodes);
