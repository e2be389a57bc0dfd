namespace MlDeploy.Graph;

/// <summary>One Pulumi resource in the graph. Immutable once created.</summary>
public sealed class Resource : IReferenceable
{
    /// <summary>Initializes a new resource.</summary>
    /// <param name="name">The logical name (<c>&lt;deployment&gt;-&lt;part&gt;</c>).</param>
    /// <param name="type">The type token.</param>
    /// <param name="properties">The input properties.</param>
    /// <param name="options">The resource options.</param>
    /// <param name="owner">The deployment that owns the resource (used by guardrails, waivers and plans).</param>
    public Resource(string name, ResourceType type, MapValue properties, ResourceOptions? options = null, string? owner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(properties);
        Name = name;
        Type = type;
        Properties = properties;
        Options = options ?? ResourceOptions.None;
        Owner = owner;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the type token.</summary>
    public ResourceType Type { get; }

    /// <summary>Gets the input properties.</summary>
    public MapValue Properties { get; private set; }

    /// <summary>Gets the resource options.</summary>
    public ResourceOptions Options { get; }

    /// <summary>Gets the owning deployment's name, if any.</summary>
    public string? Owner { get; }

    /// <summary>
    /// Gets the logical-name prefix of the scope that added it (a deployment's name, or a shared component's prefix such
    /// as <c>eks-ml</c>), or null for a resource added outside a scope. Shared components own no deployment, so this is
    /// what tells their resources apart (the <c>graph</c> verb groups by it).
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>Replaces the properties while the graph is still being built (deployment customizations).</summary>
    /// <param name="properties">The new properties.</param>
    internal void ReplaceProperties(MapValue properties) => Properties = properties ?? throw new ArgumentNullException(nameof(properties));

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Type.Token})";
}
