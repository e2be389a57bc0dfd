namespace MlDeploy.Graph;

/// <summary>A stack output.</summary>
/// <param name="Name">The output name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Owner">The deployment it describes, if any.</param>
public sealed record StackOutput(string Name, Value Value, string? Owner = null)
{
    /// <summary>
    /// Gets the logical-name prefix of the scope that exported it (a deployment's name, or a shared component's prefix
    /// such as <c>image-scorer</c>), or null for an output added outside a scope; its part is the name after <c>&lt;scope&gt;-</c>.
    /// </summary>
    public string? Scope { get; init; }
}
