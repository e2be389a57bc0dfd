using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// A named part of the graph under construction: every resource it adds is called <c>&lt;prefix&gt;-&lt;part&gt;</c>
/// and carries its tags. <see cref="DeploymentScope"/> is one deployment's; <see cref="ComponentScope"/> a shared
/// platform component's (a cluster, a namespace) that several deployments use.
/// </summary>
public abstract class GraphScope
{
    /// <summary>Initializes the scope.</summary>
    /// <param name="context">The plan under construction.</param>
    /// <param name="prefix">The logical-name prefix.</param>
    /// <param name="owner">The deployment that owns the resources, or null for a shared component.</param>
    /// <param name="tags">The tags every taggable resource gets.</param>
    protected GraphScope(PlanContext context, string prefix, string? owner, MapValue tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Prefix = prefix;
        Owner = owner;
        Tags = tags;
    }

    /// <summary>Gets the plan under construction.</summary>
    public PlanContext Context { get; }

    /// <summary>Gets the logical-name prefix.</summary>
    public string Prefix { get; }

    /// <summary>Gets the deployment that owns the resources, or null for a shared component.</summary>
    public string? Owner { get; }

    /// <summary>Gets the tags (or labels) every taggable resource gets, already shaped by the cloud's label policy.</summary>
    public MapValue Tags { get; }

    /// <summary>Adds a resource named <c>&lt;prefix&gt;-&lt;part&gt;</c>.</summary>
    /// <param name="part">What the resource is within the scope, e.g. <c>role</c>.</param>
    /// <param name="type">Its type token.</param>
    /// <param name="properties">Its properties.</param>
    /// <param name="options">Its options.</param>
    /// <returns>The resource.</returns>
    public Resource Add(string part, ResourceType type, MapValue properties, ResourceOptions? options = null) =>
        Context.Graph.Add(new Resource(LogicalName(part), type, properties, options, Owner) { Scope = Prefix });

    /// <summary>Adds an invoke named <c>&lt;prefix&gt;-&lt;part&gt;</c>.</summary>
    /// <param name="part">What the call is for.</param>
    /// <param name="function">The function token.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The invoke.</returns>
    public Invoke Invoke(string part, ResourceType function, MapValue arguments) =>
        Context.Graph.Add(new Invoke(LogicalName(part), function, arguments, Owner) { Scope = Prefix });

    /// <summary>Exports a stack output named <c>&lt;prefix&gt;-&lt;part&gt;</c>.</summary>
    /// <param name="part">What the value is.</param>
    /// <param name="value">The value.</param>
    public void Output(string part, Value value) =>
        Context.Graph.Output(new StackOutput(LogicalName(part), value, Owner) { Scope = Prefix });

    /// <summary>Records how a concept was mapped (the portability view).</summary>
    /// <param name="concept">The concept, e.g. "scaling".</param>
    /// <param name="fidelity">Native or approximated.</param>
    /// <param name="text">How it was mapped.</param>
    public void Note(string concept, Fidelity fidelity, string text) => Context.Note(Owner ?? string.Empty, concept, fidelity, text);

    /// <summary>The program value of an identifier: the literal, or a reference to another stack's output.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The value.</returns>
    public Value Resolve(Identifier identifier) =>
        identifier.Reference is { } reference ? Context.StackOutput(reference) : new StringValue(identifier.Literal ?? string.Empty);

    /// <summary>The program values of identifiers, as a list.</summary>
    /// <param name="identifiers">The identifiers.</param>
    /// <returns>The list.</returns>
    public ListValue Resolve(IEnumerable<Identifier> identifiers) =>
        Value.List((identifiers ?? throw new ArgumentNullException(nameof(identifiers))).Select(i => (Value?)Resolve(i)));

    /// <summary>Gets the logical name of a part.</summary>
    /// <param name="part">The part.</param>
    /// <returns><c>&lt;prefix&gt;-&lt;part&gt;</c>.</returns>
    public string LogicalName(string part) => $"{Prefix}-{part}";
}
