namespace MlDeploy.Hosting.Graphs;

/// <summary>The formats the <c>graph</c> verb writes.</summary>
internal enum GraphFormat
{
    /// <summary>A Mermaid flowchart (the default: GitHub renders it in Markdown).</summary>
    Mermaid,

    /// <summary>A Graphviz digraph.</summary>
    Dot,

    /// <summary>One self-contained HTML page that renders the Mermaid flowchart.</summary>
    Html,
}
