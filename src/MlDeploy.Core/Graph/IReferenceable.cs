namespace MlDeploy.Graph;

/// <summary>Something whose outputs other values can reference: a resource or an invoke.</summary>
public interface IReferenceable
{
    /// <summary>Gets the logical name the program uses for it.</summary>
    string Name { get; }
}

/// <summary>Reference helpers shared by resources and invokes.</summary>
public static class ReferenceableExtensions
{
    /// <summary>References an output property, e.g. <c>role.Output("arn")</c>.</summary>
    /// <param name="target">The resource or invoke.</param>
    /// <param name="path">The property path.</param>
    /// <returns>The reference.</returns>
    public static OutputReference Output(this IReferenceable target, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new OutputReference(target, path);
    }

    /// <summary>References the resource itself (for <c>dependsOn</c>, <c>provider</c>, <c>parent</c>).</summary>
    /// <param name="target">The resource.</param>
    /// <returns>The reference.</returns>
    public static OutputReference Self(this IReferenceable target) => new(target, string.Empty);
}
