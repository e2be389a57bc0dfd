using System.Collections.Immutable;

namespace MlDeploy.Graph;

/// <summary>A frozen, checked Pulumi program: resources, invokes, config parameters and outputs.</summary>
public sealed class ResourceGraph
{
    internal ResourceGraph(
        IEnumerable<Resource> resources,
        IEnumerable<Invoke> invokes,
        IEnumerable<ConfigParameter> config,
        IEnumerable<StackOutput> outputs)
    {
        Resources = [.. resources];
        Invokes = [.. invokes];
        Config = [.. config];
        Outputs = [.. outputs];
        CheckReferences();
        CheckAcyclic();
    }

    /// <summary>Gets the resources in the order planners added them.</summary>
    public ImmutableArray<Resource> Resources { get; }

    /// <summary>Gets the invokes.</summary>
    public ImmutableArray<Invoke> Invokes { get; }

    /// <summary>Gets the config parameters the program reads.</summary>
    public ImmutableArray<ConfigParameter> Config { get; }

    /// <summary>Gets the stack outputs.</summary>
    public ImmutableArray<StackOutput> Outputs { get; }

    /// <summary>Gets the distinct packages the program uses, ordered by name.</summary>
    public ImmutableArray<PackageRef> Packages =>
        [.. Resources.Select(r => r.Type.Package).Concat(Invokes.Select(i => i.Function.Package)).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Combines several programs into one that declares every resource, invoke and config parameter of any of
    /// them (first definition wins). Used when Pulumi asks for the program without a stack, to learn which
    /// provider plugins to install.
    /// </summary>
    /// <param name="graphs">The per-stack graphs.</param>
    /// <returns>The union.</returns>
    public static ResourceGraph Union(IEnumerable<ResourceGraph> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var graphList = graphs.ToList();
        var chosen = new Dictionary<string, IReferenceable>(StringComparer.Ordinal);
        var order = new List<string>();
        var config = new Dictionary<string, ConfigParameter>(StringComparer.Ordinal);
        foreach (var graph in graphList)
        {
            foreach (var node in graph.Resources.Cast<IReferenceable>().Concat(graph.Invokes))
            {
                if (chosen.TryAdd(node.Name, node))
                {
                    order.Add(node.Name);
                }
            }

            foreach (var c in graph.Config)
            {
                config.TryAdd(c.Key, c);
            }
        }

        var outputs = graphList.SelectMany(g => g.Outputs).DistinctBy(o => o.Name, StringComparer.Ordinal);
        return Rebuild([.. order.Select(n => chosen[n])], config.Values, outputs);
    }

    /// <summary>Returns a copy where the resource with the same logical name is replaced; references to it follow the replacement.</summary>
    /// <param name="replacement">The new definition.</param>
    /// <returns>The new graph.</returns>
    /// <exception cref="InvalidOperationException">No resource has that name.</exception>
    public ResourceGraph WithResource(Resource replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (!Resources.Any(r => r.Name == replacement.Name))
        {
            throw new InvalidOperationException($"there is no resource '{replacement.Name}' to replace.");
        }

        return Rebuild([.. Resources.Select(r => r.Name == replacement.Name ? replacement : (IReferenceable)r), .. Invokes], Config, Outputs);
    }

    /// <summary>Returns a copy without one resource (which nothing else may reference).</summary>
    /// <param name="name">The logical name.</param>
    /// <returns>The new graph.</returns>
    public ResourceGraph WithoutResource(string name) =>
        Rebuild([.. Resources.Where(r => r.Name != name), .. Invokes], Config, Outputs);

    /// <summary>
    /// Rebuilds nodes so every reference points at the node of that name in <paramref name="nodes"/>: a definition
    /// kept from one stack (or replaced) may be referenced by nodes that were built against another instance.
    /// </summary>
    private static ResourceGraph Rebuild(IReadOnlyList<IReferenceable> nodes, IEnumerable<ConfigParameter> config, IEnumerable<StackOutput> outputs)
    {
        var chosen = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var rebuilt = new Dictionary<string, IReferenceable>(StringComparer.Ordinal);
        var inProgress = new HashSet<string>(StringComparer.Ordinal);
        IReferenceable Get(string name)
        {
            if (rebuilt.TryGetValue(name, out var done))
            {
                return done;
            }

            if (!chosen.TryGetValue(name, out var original))
            {
                throw new InvalidOperationException($"'{name}' is referenced but not part of the program.");
            }

            if (!inProgress.Add(name))
            {
                throw new InvalidOperationException($"'{name}' depends on itself.");
            }

            IReferenceable result = original switch
            {
                Invoke i => i with { Arguments = (MapValue)Rebind(i.Arguments) },
                Resource r => new Resource(
                    r.Name,
                    r.Type,
                    (MapValue)Rebind(r.Properties),
                    r.Options with
                    {
                        DependsOn = [.. r.Options.DependsOn.Select(d => (Resource)Get(d.Name))],
                        Provider = r.Options.Provider is null ? null : (Resource)Get(r.Options.Provider.Name),
                        Parent = r.Options.Parent is null ? null : (Resource)Get(r.Options.Parent.Name),
                    },
                    r.Owner),
                var other => other,
            };
            rebuilt[name] = result;
            return result;
        }

        Value Rebind(Value value) => value switch
        {
            OutputReference o => o with { Target = Get(o.Target.Name) },
            ListValue l => new ListValue([.. l.Items.Select(Rebind)]),
            MapValue m => new MapValue([.. m.Entries.Select(e => new KeyValuePair<string, Value>(e.Key, Rebind(e.Value)))]),
            Interpolation i => new Interpolation([.. i.Parts.Select(Rebind)]),
            SecretValue s => new SecretValue(Rebind(s.Inner)),
            FunctionCall f => f with { Argument = Rebind(f.Argument) },
            _ => value,
        };

        var result = nodes.Select(n => Get(n.Name)).ToList();
        return new ResourceGraph(
            result.OfType<Resource>(),
            result.OfType<Invoke>(),
            config,
            outputs.Select(o => o with { Value = Rebind(o.Value) }).ToList());
    }

    /// <summary>Enumerates every object a value references.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The referenced resources and invokes.</returns>
    public static IEnumerable<IReferenceable> ReferencesIn(Value value)
    {
        switch (value)
        {
            case OutputReference o:
                yield return o.Target;
                break;
            case ListValue l:
                foreach (var r in l.Items.SelectMany(ReferencesIn))
                {
                    yield return r;
                }

                break;
            case MapValue m:
                foreach (var r in m.Entries.SelectMany(e => ReferencesIn(e.Value)))
                {
                    yield return r;
                }

                break;
            case Interpolation i:
                foreach (var r in i.Parts.SelectMany(ReferencesIn))
                {
                    yield return r;
                }

                break;
            case SecretValue s:
                foreach (var r in ReferencesIn(s.Inner))
                {
                    yield return r;
                }

                break;
            case FunctionCall f:
                foreach (var r in ReferencesIn(f.Argument))
                {
                    yield return r;
                }

                break;
        }
    }

    private static IEnumerable<IReferenceable> DependenciesOf(IReferenceable node) => node switch
    {
        Resource r => ReferencesIn(r.Properties)
            .Concat(r.Options.DependsOn)
            .Concat(r.Options.Provider is null ? [] : [r.Options.Provider])
            .Concat(r.Options.Parent is null ? [] : [r.Options.Parent]),
        Invoke i => ReferencesIn(i.Arguments),
        _ => [],
    };

    private void CheckReferences()
    {
        var members = new HashSet<IReferenceable>(ReferenceEqualityComparer.Instance);
        members.UnionWith(Resources);
        members.UnionWith(Invokes);
        var config = Config.ToHashSet();
        foreach (var node in Resources.Cast<IReferenceable>().Concat(Invokes))
        {
            foreach (var dep in DependenciesOf(node))
            {
                if (!members.Contains(dep))
                {
                    throw new InvalidOperationException($"'{node.Name}' references '{dep.Name}', which is not part of the program.");
                }
            }
        }

        foreach (var output in Outputs)
        {
            foreach (var dep in ReferencesIn(output.Value))
            {
                if (!members.Contains(dep))
                {
                    throw new InvalidOperationException($"stack output '{output.Name}' references '{dep.Name}', which is not part of the program.");
                }
            }
        }

        foreach (var node in Resources.Select(r => (Value)r.Properties).Concat(Invokes.Select(i => i.Arguments)))
        {
            foreach (var c in ConfigIn(node))
            {
                if (!config.Contains(c))
                {
                    throw new InvalidOperationException($"config '{c.Key}' is used but not declared.");
                }
            }
        }
    }

    private static IEnumerable<ConfigParameter> ConfigIn(Value value) => value switch
    {
        ConfigReference c => [c.Parameter],
        ListValue l => l.Items.SelectMany(ConfigIn),
        MapValue m => m.Entries.SelectMany(e => ConfigIn(e.Value)),
        Interpolation i => i.Parts.SelectMany(ConfigIn),
        SecretValue s => ConfigIn(s.Inner),
        FunctionCall f => ConfigIn(f.Argument),
        _ => [],
    };

    private void CheckAcyclic()
    {
        var state = new Dictionary<IReferenceable, int>(ReferenceEqualityComparer.Instance);
        var path = new Stack<IReferenceable>();
        foreach (var node in Resources.Cast<IReferenceable>().Concat(Invokes))
        {
            Visit(node);
        }

        void Visit(IReferenceable node)
        {
            if (state.TryGetValue(node, out var s))
            {
                if (s == 1)
                {
                    var cycle = path.Reverse().SkipWhile(n => !ReferenceEquals(n, node)).Select(n => n.Name).Append(node.Name);
                    throw new InvalidOperationException($"dependency cycle: {string.Join(" -> ", cycle)}");
                }

                return;
            }

            state[node] = 1;
            path.Push(node);
            foreach (var dep in DependenciesOf(node))
            {
                Visit(dep);
            }

            path.Pop();
            state[node] = 2;
        }
    }
}
