using System.Globalization;

namespace MlDeploy.Graph;

/// <summary>Reads nested literal values (for guardrails and tests): <c>ValuePath.Get(props, "imageScanningConfiguration.scanOnPush")</c>.</summary>
public static class ValuePath
{
    /// <summary>Follows a dotted path with optional <c>[index]</c> steps.</summary>
    /// <param name="root">The value to start from.</param>
    /// <param name="path">The path.</param>
    /// <returns>The value, or null when any step is missing. <c>fn::toJSON</c> and secrets are looked through.</returns>
    public static Value? Get(Value? root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        // Guardrails query every resource this way: walk the path in place rather than splitting it into strings.
        var current = Unwrap(root);
        var rest = path.AsSpan();
        while (!rest.IsEmpty)
        {
            var dot = rest.IndexOf('.');
            var segment = dot < 0 ? rest : rest[..dot];
            rest = dot < 0 ? [] : rest[(dot + 1)..];
            if (segment.IsEmpty)
            {
                continue;
            }

            var name = segment;
            var index = -1;
            var bracket = segment.IndexOf('[');
            if (bracket >= 0)
            {
                name = segment[..bracket];
                index = int.Parse(segment[(bracket + 1)..^1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            if (name.Length > 0)
            {
                current = Unwrap(current is MapValue m ? Find(m, name) : null);
            }

            if (index >= 0)
            {
                current = Unwrap(current is ListValue l && index < l.Items.Length ? l.Items[index] : null);
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Reads a literal string at a path.</summary>
    /// <param name="root">The root.</param>
    /// <param name="path">The path.</param>
    /// <returns>The string, or null.</returns>
    public static string? GetString(Value? root, string path) => Get(root, path) is StringValue s ? s.Value : null;

    /// <summary>Reads a literal boolean at a path.</summary>
    /// <param name="root">The root.</param>
    /// <param name="path">The path.</param>
    /// <returns>The boolean, or null.</returns>
    public static bool? GetBool(Value? root, string path) => Get(root, path) is BoolValue b ? b.Value : null;

    /// <summary>Reads a literal number at a path.</summary>
    /// <param name="root">The root.</param>
    /// <param name="path">The path.</param>
    /// <returns>The number, or null.</returns>
    public static decimal? GetNumber(Value? root, string path) => Get(root, path) is NumberValue n ? n.Value : null;

    private static Value? Find(MapValue map, ReadOnlySpan<char> key)
    {
        foreach (var entry in map.Entries)
        {
            if (key.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static Value? Unwrap(Value? v) => v switch
    {
        FunctionCall { Function: BuiltinFunction.ToJson } f => Unwrap(f.Argument),
        SecretValue s => Unwrap(s.Inner),
        _ => v,
    };
}
