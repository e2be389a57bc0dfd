namespace MlDeploy.Graph;

/// <summary>A provider function call (<c>fn::invoke</c>) bound to a program variable so its result can be referenced.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Function">The function token with its package, e.g. <c>aws:ecr/getAuthorizationToken:getAuthorizationToken</c>.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Owner">The deployment that needs it, if any.</param>
public sealed record Invoke(string Name, ResourceType Function, MapValue Arguments, string? Owner = null) : IReferenceable
{
    /// <summary>Gets the logical-name prefix of the scope that added it (see <see cref="Resource.Scope"/>), or null.</summary>
    public string? Scope { get; init; }
}
