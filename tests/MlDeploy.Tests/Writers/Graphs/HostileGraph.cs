using MlDeploy.Graph;

namespace MlDeploy.Tests.Writers.Graphs;

/// <summary>A small graph whose names, tokens and settings hold everything Mermaid and Graphviz give a meaning to.</summary>
internal static class HostileGraph
{
    /// <summary>Names that end quotes, open brackets, look like keywords or arrow heads, or collide once sanitized.</summary>
    public static readonly string[] Names =
    [
        "a\"b", "end", "o-x", "x-o", "a-b", "a_b", "n_a_b", "x#y;<br/>z", "back\\slash\\N", "sub]graph[(x)", "ünï-😀", "$$x$$", "a`b`", "100%", "&amp;", "line\nbreak", "tab\there", "{{hex}}", "-->",
    ];

    private static readonly ResourceType Thing = new("test:index/thing:Thing\"]", PulumiPackages.Aws);
    private static readonly ResourceType Lookup = new("test:index/getThing:getThing", PulumiPackages.Aws);

    /// <summary>Builds it: a chain of references, one <c>dependsOn</c>, one provider, one parent, one invoke and one shared component.</summary>
    /// <returns>The graph.</returns>
    public static ResourceGraph Build()
    {
        var graph = new GraphBuilder();
        var lookup = graph.Add(new Invoke("lookup \"x\"", Lookup, MapValue.Empty));
        Resource? previous = null;
        var owners = new[] { "dep \"1\"", null, "dep <2>" };
        for (var i = 0; i < Names.Length; i++)
        {
            Value reference = previous is null ? lookup.Output("id") : previous.Output("id");
            var properties = Value.Map(("source", reference), ("instanceType", "ml.\"large\"]; n_x --> n_y"), ("replicas", 2));
            var owner = owners[i % owners.Length];
            previous = graph.Add(new Resource(Names[i], Thing, properties, owner: owner) { Scope = owner ?? (i % 2 == 0 ? "shared <c>" : null) });
        }

        var first = graph.OwnedBy("dep \"1\"")[0];
        graph.Add(new Resource("uses-options", Thing, MapValue.Empty, new ResourceOptions { DependsOn = [first], Provider = previous, Parent = first }));
        return graph.Build();
    }

    /// <summary>Every node's logical name.</summary>
    public static IEnumerable<string> AllNames => [.. Names, "lookup \"x\"", "uses-options"];
}
