using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Guardrails;

/// <summary>What fact extractors and policies see.</summary>
/// <param name="Graph">The resource graph.</param>
/// <param name="Platform">The model the graph was planned from.</param>
public sealed record GuardrailContext(ResourceGraph Graph, Platform Platform)
{
    /// <summary>Enumerates resources of one type token.</summary>
    /// <param name="token">The type token.</param>
    /// <returns>The resources.</returns>
    public IEnumerable<Resource> OfType(string token) =>
        Graph.Resources.Where(r => string.Equals(r.Type.Token, token, StringComparison.Ordinal));
}
