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
        Check();
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
        [.. Resources.Select(r => r.Type.Package).Concat(Invokes.Select(i => i.Function.Package)).Where(p => !p.IsBuiltin).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Combines several programs into one that declares every resource, invoke and config parameter of any of
    /// them. Used when Pulumi asks for the program without a stack, to learn which provider plugins to install.
    /// A name the stacks declare with the same type is declared once (first definition wins); a name two stacks
    /// declare with different types (an SNS topic in one, an Azure action group in another) is kept for the first
    /// and renamed in the later ones (<c>&lt;name&gt;-2</c>, shared by every later stack declaring that type), with
    /// each stack's references following it, so stacks of one project may target different clouds.
    /// </summary>
    /// <param name="graphs">The per-stack graphs.</param>
    /// <returns>The union.</returns>
    public static ResourceGraph Union(IEnumerable<ResourceGraph> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var graphList = graphs.ToList();
        var taken = graphList.SelectMany(g => g.Nodes).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var chosen = new Dictionary<string, IReferenceable>(StringComparer.Ordinal);
        var order = new List<string>();
        var config = new Dictionary<string, ConfigParameter>(StringComparer.Ordinal);
        var outputs = new List<StackOutput>();
        foreach (var original in graphList)
        {
            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in original.Nodes)
            {
                if (chosen.TryGetValue(node.Name, out var existing) && !SameKind(existing, node))
                {
                    renames[node.Name] = FreeName(node);
                }
            }

            var graph = renames.Count == 0
                ? original
                : Rebuild(original.Nodes, original.Config, original.Outputs, name => renames.GetValueOrDefault(name, name));
            foreach (var node in graph.Nodes)
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

            outputs.AddRange(graph.Outputs);
        }

        return Rebuild([.. order.Select(n => chosen[n])], config.Values, outputs.DistinctBy(o => o.Name, StringComparer.Ordinal));

        // The first "<name>-<n>" that an earlier stack already declared with this node's type (a third stack on the
        // second cloud shares the second's node), or that no stack uses.
        string FreeName(IReferenceable node)
        {
            for (var suffix = 2; ; suffix++)
            {
                var candidate = $"{node.Name}-{suffix}";
                if (chosen.TryGetValue(candidate, out var existing) ? SameKind(existing, node) : taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    private IReadOnlyList<IReferenceable> Nodes => [.. Resources, .. Invokes];

    private static bool SameKind(IReferenceable a, IReferenceable b) => (a, b) switch
    {
        (Resource x, Resource y) => x.Type == y.Type,
        (Invoke x, Invoke y) => x.Function == y.Function,
        _ => false,
    };

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
    /// <param name="nodes">The nodes, by their names before <paramref name="rename"/>.</param>
    /// <param name="config">The config parameters.</param>
    /// <param name="outputs">The stack outputs.</param>
    /// <param name="rename">Maps a node's name to its name in the result (identity when omitted).</param>
    private static ResourceGraph Rebuild(IReadOnlyList<IReferenceable> nodes, IEnumerable<ConfigParameter> config, IEnumerable<StackOutput> outputs, Func<string, string>? rename = null)
    {
        rename ??= static name => name;
        var chosen = nodes.ToDictionary(n => rename(n.Name), StringComparer.Ordinal);
        var rebuilt = new Dictionary<string, IReferenceable>(StringComparer.Ordinal);
        var inProgress = new HashSet<string>(StringComparer.Ordinal);
        IReferenceable Get(string originalName)
        {
            var name = rename(originalName);
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
                Invoke i => i with { Name = name, Arguments = (MapValue)Rebind(i.Arguments) },
                Resource r => new Resource(
                    name,
                    r.Type,
                    (MapValue)Rebind(r.Properties),
                    r.Options with
                    {
                        DependsOn = [.. r.Options.DependsOn.Select(d => (Resource)Get(d.Name))],
                        Provider = r.Options.Provider is null ? null : (Resource)Get(r.Options.Provider.Name),
                        Parent = r.Options.Parent is null ? null : (Resource)Get(r.Options.Parent.Name),
                    },
                    r.Owner) { Scope = r.Scope },
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
    /// <returns>The referenced resources and invokes, depth first in the order they appear.</returns>
    public static IEnumerable<IReferenceable> ReferencesIn(Value value)
    {
        var references = new List<IReferenceable>();
        Collect(value, references, config: null);
        return references;
    }

    /// <summary>
    /// Walks a value once, depth first, adding the objects it references and (when <paramref name="config"/> is
    /// given) the config parameters it reads. One recursive walk with no iterators: the graph checks run over
    /// every value of every resource, so this is linear in the size of the program. The same walk refuses what no
    /// program can say (an interpolation of anything but text and references, a built-in out of range, a kind of
    /// value Pulumi YAML has no form for), so a frozen graph always prints and its writers need no walk of their own.
    /// </summary>
    private static void Collect(Value value, List<IReferenceable> references, List<ConfigParameter>? config)
    {
        switch (value)
        {
            case OutputReference o:
                references.Add(o.Target);
                break;
            case ConfigReference c:
                config?.Add(c.Parameter);
                break;
            case BuiltinReference b when !Enum.IsDefined(b.Variable):
                throw new InvalidOperationException($"built-in variable {b.Variable} is not one Pulumi YAML has.");
            case NullValue or BoolValue or NumberValue or StringValue or BuiltinReference:
                break;
            case ListValue l:
                foreach (var item in l.Items)
                {
                    Collect(item, references, config);
                }

                break;
            case MapValue m:
                foreach (var entry in m.Entries)
                {
                    Collect(entry.Value, references, config);
                }

                break;
            case Interpolation i:
                foreach (var part in i.Parts)
                {
                    if (part is not (StringValue or OutputReference or ConfigReference or BuiltinReference))
                    {
                        throw new InvalidOperationException(
                            $"{part.GetType().Name} cannot appear inside an interpolated string; build it as a separate value.");
                    }

                    Collect(part, references, config);
                }

                break;
            case SecretValue s:
                Collect(s.Inner, references, config);
                break;
            case FunctionCall f when !Enum.IsDefined(f.Function):
                throw new InvalidOperationException($"built-in function {f.Function} is not one Pulumi YAML has.");
            case FunctionCall f:
                Collect(f.Argument, references, config);
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }

    /// <summary>
    /// Checks that every reference points into the graph, that every config parameter used is declared, and that
    /// there is no cycle. Each node's dependencies are collected once (as indexes into one shared list) and serve
    /// both checks. The first problem found is reported, in this order: a node's missing reference, an output's
    /// missing reference, an undeclared config parameter, a cycle.
    /// </summary>
    private void Check()
    {
        var nodes = new IReferenceable[Resources.Length + Invokes.Length];
        var n = 0;
        foreach (var r in Resources)
        {
            nodes[n++] = r;
        }

        foreach (var i in Invokes)
        {
            nodes[n++] = i;
        }

        var indexOf = new Dictionary<IReferenceable, int>(nodes.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Length; i++)
        {
            indexOf.TryAdd(nodes[i], i);
        }

        var declared = Config.ToHashSet();
        ConfigParameter? undeclared = null;
        var found = new List<IReferenceable>();
        var usedConfig = new List<ConfigParameter>();
        var edges = new List<int>(nodes.Length * 2);
        var firstEdge = new int[nodes.Length + 1];
        for (var i = 0; i < nodes.Length; i++)
        {
            found.Clear();
            usedConfig.Clear();
            switch (nodes[i])
            {
                case Resource r:
                    Collect(r.Properties, found, usedConfig);
                    found.AddRange(r.Options.DependsOn);
                    if (r.Options.Provider is { } provider)
                    {
                        found.Add(provider);
                    }

                    if (r.Options.Parent is { } parent)
                    {
                        found.Add(parent);
                    }

                    break;
                case Invoke invoke:
                    Collect(invoke.Arguments, found, usedConfig);
                    break;
            }

            foreach (var dep in found)
            {
                if (!indexOf.TryGetValue(dep, out var target))
                {
                    throw new InvalidOperationException($"'{nodes[i].Name}' references '{dep.Name}', which is not part of the program.");
                }

                edges.Add(target);
            }

            firstEdge[i + 1] = edges.Count;
            if (undeclared is null)
            {
                foreach (var c in usedConfig)
                {
                    if (!declared.Contains(c))
                    {
                        undeclared = c;
                        break;
                    }
                }
            }
        }

        foreach (var output in Outputs)
        {
            found.Clear();
            Collect(output.Value, found, config: null);
            foreach (var dep in found)
            {
                if (!indexOf.ContainsKey(dep))
                {
                    throw new InvalidOperationException($"stack output '{output.Name}' references '{dep.Name}', which is not part of the program.");
                }
            }
        }

        if (undeclared is not null)
        {
            throw new InvalidOperationException($"config '{undeclared.Key}' is used but not declared.");
        }

        CheckAcyclic(nodes, indexOf, edges, firstEdge);
    }

    private static void CheckAcyclic(IReferenceable[] nodes, Dictionary<IReferenceable, int> indexOf, List<int> edges, int[] firstEdge)
    {
        // 0 unvisited, 1 on the current path, 2 done. A node listed twice shares the state of its first index.
        var state = new byte[nodes.Length];
        var path = new List<int>();
        foreach (var node in nodes)
        {
            Visit(indexOf[node]);
        }

        void Visit(int node)
        {
            if (state[node] == 1)
            {
                var cycle = path.Skip(path.IndexOf(node)).Select(i => nodes[i].Name).Append(nodes[node].Name);
                throw new InvalidOperationException($"dependency cycle: {string.Join(" -> ", cycle)}");
            }

            if (state[node] == 2)
            {
                return;
            }

            state[node] = 1;
            path.Add(node);
            for (var e = firstEdge[node]; e < firstEdge[node + 1]; e++)
            {
                Visit(edges[e]);
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
    }
}
