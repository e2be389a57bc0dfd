namespace MlDeploy.Writers.Graphs;

/// <summary>Why one node of a drawn graph needs another; each kind is drawn in its own style.</summary>
internal enum GraphEdgeKind
{
    /// <summary>A property or argument reads an output of the other node.</summary>
    Reference,

    /// <summary>The resource's <c>dependsOn</c> option names the other.</summary>
    DependsOn,

    /// <summary>The resource's <c>provider</c> option is the other.</summary>
    Provider,

    /// <summary>The resource's <c>parent</c> option is the other.</summary>
    Parent,
}
