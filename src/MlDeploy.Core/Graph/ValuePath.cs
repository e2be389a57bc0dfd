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

    /// <summary>Returns a copy of <paramref name="root"/> with the value at a path set, or removed when <paramref name="value"/> is null; missing maps on the way are created.</summary>
    /// <param name="root">The map to start from.</param>
    /// <param name="path">A dotted path with optional <c>[index]</c> steps; <c>fn::toJSON</c> and secrets are looked through.</param>
    /// <param name="value">The new value, or null to remove it.</param>
    /// <returns>The new map.</returns>
    /// <exception cref="ArgumentException">The path is malformed, indexes past a list's end, or crosses a value that is not a map or list.</exception>
    public static MapValue Set(MapValue root, string path, Value? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var steps = new List<(string? Key, int Index)>();
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? segment : segment[..bracket];
            if (key.Length > 0)
            {
                steps.Add((key, -1));
            }

            while (bracket >= 0)
            {
                var close = segment.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(segment.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new ArgumentException($"'{path}' is not a property path (use name.name[0].name)", nameof(path));
                }

                steps.Add((null, index));
                bracket = segment.IndexOf('[', close);
            }

            if (key.Length == 0 && !segment.StartsWith('['))
            {
                throw new ArgumentException($"'{path}' is not a property path (use name.name[0].name)", nameof(path));
            }
        }

        return SetAt(root, steps, 0, value, path) as MapValue ?? MapValue.Empty;
    }

    private static Value? SetAt(Value? node, List<(string? Key, int Index)> steps, int i, Value? value, string path)
    {
        if (i == steps.Count)
        {
            return value;
        }

        switch (node)
        {
            case FunctionCall { Function: BuiltinFunction.ToJson } f:
                return f with { Argument = SetAt(f.Argument, steps, i, value, path) ?? new NullValue() };
            case SecretValue s:
                return s with { Inner = SetAt(s.Inner, steps, i, value, path) ?? new NullValue() };
        }

        var (key, index) = steps[i];
        if (key is not null)
        {
            var map = node switch
            {
                MapValue m => m,
                null or NullValue => MapValue.Empty,
                _ => throw new ArgumentException($"'{path}' crosses a value that is not a map at '{key}'", nameof(path)),
            };
            var updated = SetAt(map.Get(key), steps, i + 1, value, path);
            return updated is null ? map.Without(key) : map.With(key, updated);
        }

        if (node is not ListValue list || index >= list.Items.Length)
        {
            throw new ArgumentException($"'{path}' indexes past the end of a list, or into a value that is not one, at [{index}]", nameof(path));
        }

        var item = SetAt(list.Items[index], steps, i + 1, value, path);
        return item is null ? list with { Items = list.Items.RemoveAt(index) } : list with { Items = list.Items.SetItem(index, item) };
    }

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
