using System.Collections.Immutable;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// Which requests of a <see cref="FargateServiceGroup"/>'s load balancer reach this deployment: a listener rule that
/// matches when the host header is one of <see cref="HostHeaders"/> (if any) and the path one of
/// <see cref="PathPatterns"/> (if any). Rules are tried in <see cref="Priority"/> order, lowest first; a request no
/// route matches gets 404.
/// </summary>
/// <remarks>
/// ALB rules (Elastic Load Balancing User Guide, "Listener rules" and "Condition types for listener rules"): a path
/// pattern is case-sensitive, at most 128 characters, with <c>*</c> (0 or more characters) and <c>?</c> (exactly one)
/// as wildcards, compared with the path only (not the query string), and the path reaches the server unchanged; a host
/// name is case-insensitive, at most 128 characters, with at least one '.'; a condition compares at most 3 values and
/// a rule at most 5 in all.
/// </remarks>
public sealed record FargateRoute
{
    /// <summary>Gets the rule's priority (1-50000), unique in the group; lower numbers are tried first.</summary>
    public required int Priority { get; init; }

    /// <summary>Gets the path patterns (e.g. <c>/ranker/*</c>); empty matches every path (a default array reads as empty).</summary>
    public ImmutableArray<string> PathPatterns { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Gets the host names (e.g. <c>ranker.ml.example.com</c>); empty matches every host.</summary>
    public ImmutableArray<string> HostHeaders { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Whether two routes match the same requests at the same priority (lists compared element by element).</summary>
    /// <param name="other">The other route.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(FargateRoute? other) =>
        other is not null && Priority == other.Priority
        && PathPatterns.SequenceEqual(other.PathPatterns, StringComparer.Ordinal) && HostHeaders.SequenceEqual(other.HostHeaders, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Priority, PathPatterns.Length, HostHeaders.Length);
}
