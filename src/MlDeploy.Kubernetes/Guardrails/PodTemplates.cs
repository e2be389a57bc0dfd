using System.Globalization;
using MlDeploy.Graph;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>Reads pod templates, containers and lists out of Kubernetes objects.</summary>
internal static class PodTemplates
{
    /// <summary>Every container of a pod spec (init containers first), with a label for messages.</summary>
    public static IEnumerable<(string Label, MapValue Container, bool Init)> Containers(Value? pod) =>
        Items(ValuePath.Get(pod, "initContainers")).Select(c => ($"init container {ValuePath.GetString(c, "name")}", c, true))
            .Concat(Items(ValuePath.Get(pod, "containers")).Select(c => ($"container {ValuePath.GetString(c, "name")}", c, false)));

    /// <summary>The maps of a list value.</summary>
    public static IEnumerable<MapValue> Items(Value? list) =>
        list is ListValue l ? l.Items.OfType<MapValue>() : [];

    /// <summary>The literal strings of a list value.</summary>
    public static IEnumerable<string> Strings(Value? list) =>
        list is ListValue l ? l.Items.OfType<StringValue>().Select(s => s.Value) : [];

    /// <summary>The number of a literal number or numeric string (quantities such as <c>"1"</c>).</summary>
    public static decimal? Number(Value? v) => v switch
    {
        NumberValue n => n.Value,
        StringValue s when decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>Whether an object is in the cluster's default namespace (unset means default).</summary>
    public static bool InDefaultNamespace(Resource resource) =>
        ValuePath.Get(resource.Properties, "metadata.namespace") is null or StringValue { Value: "default" };
}
