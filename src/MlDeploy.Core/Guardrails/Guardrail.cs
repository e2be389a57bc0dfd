using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Guardrails;

/// <summary>A security or reliability rule checked over the resource graph.</summary>
public abstract class Guardrail
{
    /// <summary>Gets the rule id, e.g. <c>MLS-REG-01</c> (see SECURITY.md for the upstream rules it maps to).</summary>
    public abstract string Id { get; }

    /// <summary>Gets what must hold, in one line.</summary>
    public abstract string Title { get; }

    /// <summary>Gets whether the rule is enforced everywhere or only in production.</summary>
    public virtual RuleLevel Level => RuleLevel.Default;

    /// <summary>Checks the graph.</summary>
    /// <param name="context">The graph and the model it came from.</param>
    /// <returns>Every place where the rule does not hold.</returns>
    public abstract IEnumerable<Finding> Check(GuardrailContext context);

    /// <summary>Creates a finding for a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="message">What does not hold.</param>
    /// <returns>The finding.</returns>
    protected Finding Fail(Resource resource, string message)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new Finding(Id, resource.Owner, resource.Name, message);
    }
}

/// <summary>Where a rule applies.</summary>
public enum RuleLevel
{
    /// <summary>Enforced in every environment.</summary>
    Default,

    /// <summary>Enforced in production; advisory elsewhere.</summary>
    Production,
}

/// <summary>What a rule sees.</summary>
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

/// <summary>One place where a rule does not hold.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Deployment">The deployment owning the resource, if any.</param>
/// <param name="Resource">The resource's logical name.</param>
/// <param name="Message">What does not hold.</param>
public sealed record Finding(string RuleId, string? Deployment, string Resource, string Message);
