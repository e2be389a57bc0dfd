using MlDeploy.Graph;

namespace MlDeploy.Targets;

/// <summary>
/// A shared platform component's view of the graph (a cluster several deployments run on): resources named
/// <c>&lt;prefix&gt;-&lt;part&gt;</c>, owned by no deployment, tagged with the component, project and stack.
/// </summary>
public sealed class ComponentScope : GraphScope
{
    /// <summary>Initializes a scope for untagged resources (e.g. Kubernetes objects, which carry labels of their own).</summary>
    /// <param name="context">The plan under construction.</param>
    /// <param name="prefix">The component's logical-name prefix.</param>
    public ComponentScope(PlanContext context, string prefix)
        : base(context, prefix, null, MapValue.Empty)
    {
    }

    /// <summary>Initializes the scope.</summary>
    /// <param name="context">The plan under construction.</param>
    /// <param name="prefix">The component's logical-name prefix, e.g. <c>eks-ml</c>.</param>
    /// <param name="labels">The cloud's rules for tags or labels.</param>
    /// <param name="kind">The component's kind, e.g. <c>cluster</c> (the tag key's last part).</param>
    /// <param name="name">The component's name.</param>
    public ComponentScope(PlanContext context, string prefix, LabelPolicy labels, string kind, string name)
        : base(context, prefix, null, (labels ?? throw new ArgumentNullException(nameof(labels))).Apply(new Dictionary<string, string>(), (kind, name), ("project", context.Project), ("stack", context.Stack)))
    {
    }
}
