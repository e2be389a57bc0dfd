using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>Reads pod templates and containers out of workload resources, and compares values structurally.</summary>
internal static class PodTemplates
{
    /// <summary>Every Deployment with its pod spec.</summary>
    public static IEnumerable<(Resource Deployment, Value? Pod)> Deployments(GuardrailContext context) =>
        context.OfType(KubernetesTypes.Deployment.Token).Select(r => (r, ValuePath.Get(r.Properties, "spec.template.spec")));

    /// <summary>Every container of a pod spec (init containers first), with a label for messages.</summary>
    public static IEnumerable<(string Label, MapValue Container)> Containers(Value? pod) =>
        Items(ValuePath.Get(pod, "initContainers")).Select(c => ($"init container {ValuePath.GetString(c, "name")}", c))
            .Concat(Items(ValuePath.Get(pod, "containers")).Select(c => ($"container {ValuePath.GetString(c, "name")}", c)));

    /// <summary>The maps of a list value.</summary>
    public static IEnumerable<MapValue> Items(Value? list) =>
        list is ListValue l ? l.Items.OfType<MapValue>() : [];

    /// <summary>The literal strings of a list value.</summary>
    public static IEnumerable<string> Strings(Value? list) =>
        list is ListValue l ? l.Items.OfType<StringValue>().Select(s => s.Value) : [];

    /// <summary>Structural equality of two values (maps compare by entries in order, lists by items).</summary>
    public static bool Same(Value? a, Value? b) => (a, b) switch
    {
        (null, null) => true,
        (MapValue x, MapValue y) => x.Entries.Length == y.Entries.Length
            && x.Entries.Zip(y.Entries).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value)),
        (ListValue x, ListValue y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (Interpolation x, Interpolation y) => x.Parts.Length == y.Parts.Length && x.Parts.Zip(y.Parts).All(p => Same(p.First, p.Second)),
        (SecretValue x, SecretValue y) => Same(x.Inner, y.Inner),
        (FunctionCall x, FunctionCall y) => x.Function == y.Function && Same(x.Argument, y.Argument),
        _ => Equals(a, b),
    };

    /// <summary>The number of a literal number or numeric string (quantities such as <c>"1"</c>).</summary>
    public static decimal? Number(Value? v) => v switch
    {
        NumberValue n => n.Value,
        StringValue s when decimal.TryParse(s.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
