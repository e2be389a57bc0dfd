using MlDeploy.Graph;

namespace MlDeploy.Aws.Guardrails;

/// <summary>Reads IAM policy documents back out of the graph for the IAM rules.</summary>
/// <remarks>
/// Plain iterators rather than chained LINQ operators: in the NativeAOT compiler each chained operator is a generic
/// virtual method resolved by the type loader on first call, a measurable part of a run that lasts milliseconds.
/// </remarks>
internal static class PolicyStatements
{
    public static IEnumerable<MapValue> In(Value? document) =>
        ValuePath.Get(document, "Statement") is ListValue l ? MapsIn(l) : [];

    public static IEnumerable<string> Strings(Value? value) => value switch
    {
        StringValue s => [s.Value],
        ListValue l => StringsIn(l),
        _ => [],
    };

    public static IEnumerable<Value> Items(Value? value) => value switch
    {
        null => [],
        ListValue l => l.Items,
        _ => [value],
    };

    public static bool IsAllow(MapValue statement) => ValuePath.GetString(statement, "Effect") == "Allow";

    private static IEnumerable<MapValue> MapsIn(ListValue list)
    {
        foreach (var item in list.Items)
        {
            if (item is MapValue map)
            {
                yield return map;
            }
        }
    }

    private static IEnumerable<string> StringsIn(ListValue list)
    {
        foreach (var item in list.Items)
        {
            if (item is StringValue s)
            {
                yield return s.Value;
            }
        }
    }
}
