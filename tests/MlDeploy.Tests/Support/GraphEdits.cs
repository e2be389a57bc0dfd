using MlDeploy.Graph;

namespace MlDeploy.Tests.Support;

/// <summary>Single-property mutations of a synthesized graph (the golden-object + one-mutation pattern for rule tests).</summary>
internal static class GraphEdits
{
    public static ResourceGraph Set(this ResourceGraph graph, string resource, string path, Value? value)
    {
        var r = graph.Resources.Single(x => x.Name == resource);
        return graph.WithResource(new Resource(r.Name, r.Type, (MapValue)SetPath(r.Properties, path.Split('.'), value), r.Options, r.Owner));
    }

    public static ResourceGraph Add(this ResourceGraph graph, Resource extra)
    {
        var builder = new GraphBuilder();
        builder.Add(extra);
        return ResourceGraph.Union([graph, builder.Build()]);
    }

    private static Value SetPath(Value node, string[] segments, Value? value)
    {
        var (name, index) = Parse(segments[0]);
        if (node is FunctionCall { Function: BuiltinFunction.ToJson } json)
        {
            return json with { Argument = SetPath(json.Argument, segments, value) };
        }

        var map = (MapValue)node;
        if (segments.Length == 1 && index < 0)
        {
            return value is null ? map.Without(name) : map.With(name, value);
        }

        var child = map.Get(name) ?? throw new InvalidOperationException($"no '{name}'");
        if (index >= 0)
        {
            var list = (ListValue)child;
            var item = segments.Length == 1 ? value! : SetPath(list.Items[index], segments[1..], value);
            return map.With(name, new ListValue(list.Items.SetItem(index, item)));
        }

        return map.With(name, SetPath(child, segments[1..], value));
    }

    private static (string Name, int Index) Parse(string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? (segment, -1) : (segment[..bracket], int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
