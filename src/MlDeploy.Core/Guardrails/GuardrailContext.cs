using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Guardrails;

/// <summary>What fact extractors and policies see.</summary>
/// <param name="Graph">The resource graph.</param>
/// <param name="Platform">The model the graph was planned from.</param>
/// <remarks>
/// Extractors run once per resource, and many look across the graph (the policies attached to a bucket, the
/// autoscaler of a Deployment). Scanning the graph from every resource made the guardrails quadratic (3 s of a 3.3 s
/// run at 1 000 deployments), so the context keeps the indexes those lookups need, built once on first use. Like the
/// engine, a context is used by one thread at a time.
/// </remarks>
public sealed record GuardrailContext(ResourceGraph Graph, Platform Platform)
{
    // Reference-typed, so a `with` copy must not share it: the copy constructor below starts a new one.
    private readonly Indexes _indexes = new();

    /// <summary>Initializes a copy (a <c>with</c> expression) whose indexes are rebuilt for its own graph and platform.</summary>
    /// <param name="original">The context copied.</param>
    private GuardrailContext(GuardrailContext original)
    {
        Graph = original.Graph;
        Platform = original.Platform;
        _indexes = new();
    }

    /// <summary>Enumerates resources of one type token.</summary>
    /// <param name="token">The type token.</param>
    /// <returns>The resources, in graph order.</returns>
    public IEnumerable<Resource> OfType(string token) => ResourcesOf(token);

    /// <summary>Gets the resources of one type token, in graph order.</summary>
    /// <param name="token">The type token.</param>
    /// <returns>The resources (empty when the graph has none).</returns>
    public IReadOnlyList<Resource> ResourcesOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var byType = _indexes.ByType;
        if (byType is null)
        {
            byType = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
            foreach (var resource in Graph.Resources)
            {
                if (!byType.TryGetValue(resource.Type.Token, out var list))
                {
                    byType.Add(resource.Type.Token, list = []);
                }

                list.Add(resource);
            }

            _indexes.ByType = byType;
        }

        return byType.TryGetValue(token, out var found) ? found : [];
    }

    /// <summary>Gets the deployment of the platform with this name (the first, should names repeat).</summary>
    /// <param name="name">The deployment name, e.g. a resource's <see cref="Resource.Owner"/>.</param>
    /// <returns>The deployment, or null.</returns>
    public ModelDeployment? Deployment(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var byName = _indexes.Deployments;
        if (byName is null)
        {
            byName = new Dictionary<string, ModelDeployment>(StringComparer.Ordinal);
            foreach (var deployment in Platform.Deployments)
            {
                if (deployment.Name is not null)
                {
                    byName.TryAdd(deployment.Name, deployment);
                }
            }

            _indexes.Deployments = byName;
        }

        return byName.GetValueOrDefault(name);
    }

    /// <summary>
    /// Gets a value derived from the whole graph (typically an index of companion resources by what they point at),
    /// built by <paramref name="build"/> on first use and kept for the life of this context.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">Identifies the value (compared with <see cref="object.Equals(object)"/>); use a key private to the caller.</param>
    /// <param name="build">Builds the value from this context.</param>
    /// <returns>The value.</returns>
    public T Index<T>(object key, Func<GuardrailContext, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        var shared = _indexes.Shared ??= [];
        if (shared.TryGetValue(key, out var existing))
        {
            return (T)existing;
        }

        var value = build(this);
        shared.Add(key, value);
        return value;
    }

    /// <inheritdoc/>
    public bool Equals(GuardrailContext? other) =>
        other is not null && Equals(Graph, other.Graph) && Equals(Platform, other.Platform);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Graph, Platform);

    /// <summary>The lazily built indexes (kept out of the record's equality and printing).</summary>
    private sealed class Indexes
    {
        public Dictionary<string, List<Resource>>? ByType { get; set; }

        public Dictionary<string, ModelDeployment>? Deployments { get; set; }

        public Dictionary<object, object>? Shared { get; set; }
    }
}
