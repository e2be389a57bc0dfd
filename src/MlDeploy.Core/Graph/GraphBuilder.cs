using MlDeploy.Validation;

namespace MlDeploy.Graph;

/// <summary>
/// Collects resources, invokes, config parameters and outputs while planners run (mutable by design),
/// then freezes them into a checked <see cref="ResourceGraph"/>.
/// </summary>
public sealed class GraphBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<Invoke> _invokes = [];
    private readonly List<StackOutput> _outputs = [];
    private readonly HashSet<string> _outputNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigParameter> _config = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _names = new(StringComparer.Ordinal);

    // Per deployment, so a deployment's own resources are found without scanning every other deployment's (planners
    // ask while they run: a walk over the whole list made a 1 000-deployment stack quadratic).
    private readonly Dictionary<string, List<Resource>> _byOwner = new(StringComparer.Ordinal);

    /// <summary>Adds a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The same resource, for chaining references.</returns>
    /// <exception cref="InvalidOperationException">The logical name is already taken.</exception>
    public Resource Add(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Claim(resource.Name, resource);
        _resources.Add(resource);
        if (resource.Owner is { } owner)
        {
            if (!_byOwner.TryGetValue(owner, out var owned))
            {
                owned = [];
                _byOwner.Add(owner, owned);
            }

            owned.Add(resource);
        }

        return resource;
    }

    /// <summary>Gets the resources added so far that a deployment owns, in the order they were added.</summary>
    /// <param name="owner">The deployment.</param>
    /// <returns>The resources.</returns>
    public IReadOnlyList<Resource> OwnedBy(string owner) => _byOwner.TryGetValue(owner, out var owned) ? [.. owned] : [];

    /// <summary>Replaces a resource's properties before the graph is built (references to it stay valid).</summary>
    /// <param name="resource">A resource of this builder.</param>
    /// <param name="properties">The new properties.</param>
    public void Replace(Resource resource, MapValue properties)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_names.TryGetValue(resource.Name, out var added) || !ReferenceEquals(added, resource))
        {
            throw new InvalidOperationException($"{resource.Name} is not part of this graph.");
        }

        resource.ReplaceProperties(properties);
    }

    /// <summary>Adds an invoke.</summary>
    /// <param name="invoke">The invoke.</param>
    /// <returns>The same invoke.</returns>
    public Invoke Add(Invoke invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        Claim(invoke.Name, invoke);
        _invokes.Add(invoke);
        return invoke;
    }

    /// <summary>Returns the invoke with this name, adding it when absent (invokes such as the caller identity are shared).</summary>
    /// <param name="invoke">The invoke to add when absent.</param>
    /// <returns>The invoke in the graph.</returns>
    public Invoke GetOrAdd(Invoke invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        if (_names.TryGetValue(invoke.Name, out var existing))
        {
            return existing as Invoke == invoke
                ? (Invoke)existing
                : throw new InvalidOperationException($"'{invoke.Name}' is already declared with a different definition.");
        }

        return Add(invoke);
    }

    /// <summary>Declares a config parameter (idempotent for identical declarations).</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>A reference to its value.</returns>
    public ConfigReference Config(ConfigParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_config.TryGetValue(parameter.Key, out var existing))
        {
            if (existing != parameter)
            {
                throw new InvalidOperationException($"config '{parameter.Key}' is declared twice with different types.");
            }
        }
        else
        {
            Claim(parameter.Key, parameter);
            _config.Add(parameter.Key, parameter);
        }

        return new ConfigReference(parameter);
    }

    /// <summary>Adds a stack output.</summary>
    /// <param name="output">The output.</param>
    public void Output(StackOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_outputNames.Add(output.Name))
        {
            throw new InvalidOperationException($"stack output '{output.Name}' is declared twice.");
        }

        _outputs.Add(output);
    }

    /// <summary>Gets the stack outputs added so far, in the order they were added.</summary>
    public IReadOnlyList<StackOutput> Outputs => _outputs;

    /// <summary>Freezes the graph, checking that every reference points into it and that there is no cycle.</summary>
    /// <returns>The graph.</returns>
    public ResourceGraph Build() => new(_resources, _invokes, [.. _config.Values], _outputs);

    private void Claim(string name, object owner)
    {
        if (!_names.TryAdd(name, owner))
        {
            // Two deployments (or a deployment and a shared component) whose names plus parts spell the same logical
            // name: that is the stack program's naming, reported with both sources, not an SDK failure.
            var (first, second) = (OwnerOf(_names[name]), OwnerOf(owner));
            if (first != second)
            {
                throw new InvalidInputException(new Diagnostic(
                    second is null ? "program" : $"deployments[{second}]",
                    $"its resource '{name}' has the same logical name as a resource of {(first is null ? "the shared platform components" : $"deployment '{first}'")}",
                    "rename one of the two deployments: logical names are <deployment>-<part>, so a deployment named like another one plus '-' and a part collides with it"));
            }

            throw new InvalidOperationException(
                $"the logical name '{name}' is used twice ({Describe(_names[name])} and {Describe(owner)}); logical names must be unique in a program.");
        }
    }

    private static string? OwnerOf(object o) => o switch
    {
        Resource r => r.Owner,
        Invoke i => i.Owner,
        _ => null,
    };

    private static string Describe(object o) => o switch
    {
        Resource r => $"resource {r.Type.Token}",
        Invoke i => $"invoke {i.Function.Token}",
        ConfigParameter => "config parameter",
        _ => o.GetType().Name,
    };
}
