using MlDeploy.Graph;

namespace MlDeploy.Aws.Guardrails;

/// <summary>Reads IAM policy documents back out of the graph for the IAM rules.</summary>
internal static class PolicyStatements
{
    public static IEnumerable<MapValue> In(Value? document) =>
        ValuePath.Get(document, "Statement") is ListValue l ? l.Items.OfType<MapValue>() : [];

    public static IEnumerable<string> Strings(Value? value) => value switch
    {
        StringValue s => [s.Value],
        ListValue l => l.Items.OfType<StringValue>().Select(s => s.Value),
        _ => [],
    };

    public static IEnumerable<Value> Items(Value? value) => value switch
    {
        null => [],
        ListValue l => l.Items,
        _ => [value],
    };

    public static bool IsAllow(MapValue statement) => ValuePath.GetString(statement, "Effect") == "Allow";
}
