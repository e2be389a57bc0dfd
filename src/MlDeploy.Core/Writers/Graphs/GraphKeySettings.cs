using System.Collections.Immutable;
using System.Text;
using MlDeploy.Graph;

namespace MlDeploy.Writers.Graphs;

/// <summary>
/// Picks the few settings a graph node shows. One table of property names, the same for every cloud and type: the
/// size, the image and the replica counts are what a reader of the picture looks for, and every target spells them
/// with one of these names somewhere in its properties (a SageMaker variant's <c>instanceType</c>, a Kubernetes
/// Deployment's <c>replicas</c>, a Cloud Run container's <c>image</c>), so no per-type table has to follow the planners.
/// </summary>
internal static class GraphKeySettings
{
    /// <summary>How many settings a node shows at most (a picture, not the plan).</summary>
    public const int Max = 3;

    private const int MaxValueLength = 40;

    /// <summary>The property names shown, most telling first.</summary>
    private static readonly ImmutableArray<string> Names =
    [
        "instanceType", "instanceTypes", "machineType", "vmSize", "acceleratorType",
        "image", "imageUri",
        "replicas", "desiredCount", "initialInstanceCount", "desiredSize",
        "minReplicas", "maxReplicas", "minReplicaCount", "maxReplicaCount", "minInstanceCount", "maxInstanceCount",
        "minCapacity", "maxCapacity", "minSize", "maxSize",
    ];

    /// <summary>The settings of one node, as <c>key: value</c> lines, by the table's order.</summary>
    /// <param name="properties">Its properties or arguments.</param>
    /// <returns>At most <see cref="Max"/> lines; the first occurrence of each name wins.</returns>
    public static ImmutableArray<string> Of(MapValue properties)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(properties, found);
        return [.. Names.Where(found.ContainsKey).Take(Max).Select(n => $"{n}: {found[n]}")];
    }

    private static void Walk(Value value, Dictionary<string, string> found)
    {
        switch (value)
        {
            case MapValue m:
                // Likewise an ECS task's non-essential container (the model loader that runs before the server).
                if (m.Get("essential") is BoolValue { Value: false })
                {
                    return;
                }

                foreach (var (key, item) in m.Entries)
                {
                    // A Kubernetes pod's init steps (the model loader) are not what it serves: their image would hide the server's.
                    if (key == "initContainers")
                    {
                        continue;
                    }

                    if (Names.Contains(key) && !found.ContainsKey(key) && Describe(item) is { } text)
                    {
                        found[key] = text;
                    }

                    Walk(item, found);
                }

                break;
            case ListValue l:
                foreach (var item in l.Items)
                {
                    Walk(item, found);
                }

                break;
            case FunctionCall f:
                // ECS container definitions are fn::toJSON of a list: their image is still the image.
                Walk(f.Argument, found);
                break;
        }
    }

    private static string? Describe(Value value)
    {
        var text = value switch
        {
            ListValue l when l.Items.All(i => Scalar(i) is not null) && !l.Items.IsEmpty => string.Join(",", l.Items.Select(i => Scalar(i))),
            _ => Scalar(value),
        };
        return text is null ? null : text.Length > MaxValueLength ? text[..(MaxValueLength - 3)] + "..." : text;
    }

    private static string? Scalar(Value value) => value switch
    {
        StringValue s => s.Value,
        NumberValue n => n.ToInvariantString(),
        BoolValue b => b.Value ? "true" : "false",
        OutputReference o => Reference(o),
        ConfigReference c => $"<config {c.Parameter.Key}>",
        SecretValue => "<secret>",
        Interpolation i => Interpolated(i),
        _ => null,
    };

    private static string Reference(OutputReference o) => o.Path.Length == 0 ? $"<{o.Target.Name}>" : $"<{o.Target.Name}.{o.Path}>";

    private static string Interpolated(Interpolation i)
    {
        var sb = new StringBuilder();
        foreach (var part in i.Parts)
        {
            sb.Append(Scalar(part) ?? "<...>");
        }

        return sb.ToString();
    }
}
