namespace MlDeploy.Model;

/// <summary>Turns off one guardrail for one deployment, or for one of its resources, with a reason that appears in the plan.</summary>
/// <param name="RuleId">The rule id, e.g. <c>MLS-REL-01</c>.</param>
/// <param name="Reason">Why the rule does not apply.</param>
public sealed record Waiver(string RuleId, string Reason)
{
    /// <summary>
    /// Gets the one resource of the deployment the waiver covers: its part (<c>load-balancer</c>) or its logical name
    /// (<c>fraud-scorer-load-balancer</c>), as the plan lists them. Findings of the rule on the deployment's other
    /// resources still count.
    /// </summary>
    /// <value>The default value is null: the waiver covers every resource of the deployment.</value>
    public string? Resource { get; init; }

    /// <summary>Gets whether the waiver covers a finding on a resource of its deployment.</summary>
    /// <param name="deployment">The deployment's name.</param>
    /// <param name="resource">The logical name of the resource the finding is on.</param>
    /// <returns>True when the waiver is deployment-wide or names that resource.</returns>
    internal bool Covers(string deployment, string resource)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(resource);
        return Resource is null || Names(deployment, resource);
    }

    /// <summary>Gets whether <see cref="Resource"/> names a resource, by part or by logical name.</summary>
    /// <param name="deployment">The deployment's name.</param>
    /// <param name="resource">The resource's logical name.</param>
    /// <returns>True when the scope names it.</returns>
    internal bool Names(string deployment, string resource)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(resource);
        return Resource is { } scope
            && (string.Equals(scope, resource, StringComparison.Ordinal)
                || (resource.Length == deployment.Length + 1 + scope.Length
                    && resource.StartsWith(deployment, StringComparison.Ordinal)
                    && resource[deployment.Length] == '-'
                    && resource.EndsWith(scope, StringComparison.Ordinal)));
    }
}
