using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MlDeploy.Graph;

/// <summary>
/// A value in a Pulumi program: a literal, a collection, or an expression that Pulumi resolves at deploy time.
/// </summary>
/// <remarks>
/// References to other resources are typed objects (<see cref="OutputReference"/>), never hand-built
/// <c>${...}</c> strings, so the writer is the only place that knows the Pulumi YAML syntax.
/// </remarks>
public abstract record Value
{
    /// <summary>Gets the YAML/JSON null value.</summary>
    public static Value Null { get; } = new NullValue();

    /// <summary>Creates a map whose keys keep the given order; entries with a null value are left out.</summary>
    /// <param name="entries">The key/value pairs.</param>
    /// <returns>The map.</returns>
    public static MapValue Map(params (string Key, Value? Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Map(new ReadOnlySpan<(string Key, Value? Value)>(entries));
    }

    /// <summary>Creates a map whose keys keep the given order; entries with a null value are left out.</summary>
    /// <param name="entries">The key/value pairs.</param>
    /// <returns>The map.</returns>
    /// <remarks>Planners build hundreds of maps per deployment: this overload takes the pairs without a params array and allocates only the map's own entries.</remarks>
    public static MapValue Map(params ReadOnlySpan<(string Key, Value? Value)> entries)
    {
        var count = 0;
        foreach (var entry in entries)
        {
            if (entry.Value is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return new MapValue(ImmutableArray<KeyValuePair<string, Value>>.Empty);
        }

        var array = new KeyValuePair<string, Value>[count];
        var i = 0;
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                array[i++] = new KeyValuePair<string, Value>(key, value);
            }
        }

        return new MapValue(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>Creates a map from user-supplied pairs, ordered by key (ordinal) so the output is deterministic.</summary>
    /// <param name="entries">The pairs.</param>
    /// <returns>The map.</returns>
    public static MapValue SortedMap(IEnumerable<KeyValuePair<string, Value>> entries) =>
        new(entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToImmutableArray());

    /// <summary>Creates a map of strings ordered by key.</summary>
    /// <param name="entries">The pairs.</param>
    /// <returns>The map.</returns>
    public static MapValue SortedMap(IEnumerable<KeyValuePair<string, string>> entries) =>
        SortedMap(entries.Select(e => new KeyValuePair<string, Value>(e.Key, e.Value)));

    /// <summary>Creates a list; null items are left out.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The list.</returns>
    public static ListValue List(params Value?[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return List(new ReadOnlySpan<Value?>(items));
    }

    /// <summary>Creates a list; null items are left out.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The list.</returns>
    public static ListValue List(params ReadOnlySpan<Value?> items)
    {
        var count = 0;
        foreach (var item in items)
        {
            if (item is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return new ListValue(ImmutableArray<Value>.Empty);
        }

        var array = new Value[count];
        var i = 0;
        foreach (var item in items)
        {
            if (item is not null)
            {
                array[i++] = item;
            }
        }

        return new ListValue(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>Creates a list from a sequence; null items are left out.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The list.</returns>
    public static ListValue List(IEnumerable<Value?> items) => new(items.OfType<Value>().ToImmutableArray());

    /// <summary>Builds a string from literal text and typed references, e.g. <c>Value.Format($"arn:aws:s3:::{bucket.Output("bucket")}/*")</c>.</summary>
    /// <param name="handler">The interpolated string.</param>
    /// <returns>A literal string when there are no references, otherwise an <see cref="Interpolation"/>.</returns>
    public static Value Format(ref InterpolationHandler handler) => handler.Build();

    /// <summary>Converts text to a literal string value.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator Value(string value) => SharedValues.Process.String(value);

    /// <summary>Converts a boolean to a literal value.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator Value(bool value) => value ? BoolValue.True : BoolValue.False;

    /// <summary>Converts an integer to a literal number.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator Value(int value) => SharedValues.Process.Integer(value);

    /// <summary>Converts an integer to a literal number.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator Value(long value) => SharedValues.Process.Integer(value);

    /// <summary>Converts a decimal to a literal number.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator Value(decimal value) => new NumberValue(value);

    /// <summary>Creates a literal string value (named alternative to the implicit conversion).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static Value FromString(string value) => value;

    /// <summary>Creates a literal boolean (named alternative to the implicit conversion).</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static Value FromBoolean(bool value) => value;

    /// <summary>Creates a literal number (named alternative to the implicit conversion).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static Value FromDecimal(decimal value) => new NumberValue(value);

    /// <summary>Creates a literal number (named alternative to the implicit conversion).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static Value FromInt64(long value) => value;

    /// <summary>
    /// Compares two values structurally: maps by entries in order, lists and interpolations by items, references by
    /// target and path. Record equality cannot, because the collections are immutable arrays (compared by reference).
    /// </summary>
    /// <param name="a">One value.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are the same value.</returns>
    public static bool StructurallyEqual(Value? a, Value? b) => (a, b) switch
    {
        (null, null) => true,
        (MapValue x, MapValue y) => EntriesEqual(x.Entries, y.Entries),
        (ListValue x, ListValue y) => ItemsEqual(x.Items, y.Items),
        (Interpolation x, Interpolation y) => ItemsEqual(x.Parts, y.Parts),
        (SecretValue x, SecretValue y) => StructurallyEqual(x.Inner, y.Inner),
        (FunctionCall x, FunctionCall y) => x.Function == y.Function && StructurallyEqual(x.Argument, y.Argument),
        _ => Equals(a, b),
    };

    /// <summary>
    /// A hash code consistent with <see cref="StructurallyEqual"/> (structurally equal values hash alike), for indexing
    /// values such as label selectors.
    /// </summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The hash code.</returns>
    public static int StructuralHashCode(Value? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case MapValue m:
                var map = default(HashCode);
                foreach (var entry in m.Entries)
                {
                    map.Add(entry.Key, StringComparer.Ordinal);
                    map.Add(StructuralHashCode(entry.Value));
                }

                return map.ToHashCode();
            case ListValue l:
                var list = default(HashCode);
                foreach (var item in l.Items)
                {
                    list.Add(StructuralHashCode(item));
                }

                return list.ToHashCode();
            case StringValue or NumberValue or BoolValue:
                // Record equality, as StructurallyEqual uses for these.
                return value.GetHashCode();
            default:
                // Rare in what is indexed (references, interpolations, secrets): StructurallyEqual decides.
                return 1;
        }
    }

    // Loops rather than Zip/All: guardrails compare selectors of every Deployment with those of its companions.
    private static bool EntriesEqual(ImmutableArray<KeyValuePair<string, Value>> x, ImmutableArray<KeyValuePair<string, Value>> y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i].Key != y[i].Key || !StructurallyEqual(x[i].Value, y[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ItemsEqual(ImmutableArray<Value> x, ImmutableArray<Value> y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!StructurallyEqual(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The null literal.</summary>
public sealed record NullValue : Value;

/// <summary>A boolean literal.</summary>
/// <param name="Value">The boolean.</param>
public sealed record BoolValue(bool Value) : Value
{
    /// <summary>Gets the true literal.</summary>
    public static BoolValue True { get; } = new(true);

    /// <summary>Gets the false literal.</summary>
    public static BoolValue False { get; } = new(false);
}

/// <summary>A number literal, kept as a decimal so it prints exactly.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberValue(decimal Value) : Value
{
    /// <summary>Formats the number the way the writers print it: invariant, no trailing zeros.</summary>
    /// <returns>The text.</returns>
    public string ToInvariantString() => Normalized.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets the value without trailing zeros (<c>100.00</c> becomes <c>100</c>). An integer of scale 0 (ports, counts,
    /// thresholds) already is; for it the normalizing division, a 96-bit divide, is skipped (it was 2 % of the
    /// instructions of a 1 000-deployment program, callgrind).
    /// </summary>
    internal decimal Normalized => Value.Scale == 0 ? Value : Value / 1.0000000000000000000000000000m;
}

/// <summary>A literal string. Any <c>${</c> in it is literal text, never an interpolation.</summary>
/// <param name="Value">The text.</param>
public sealed record StringValue(string Value) : Value;

/// <summary>A list of values.</summary>
/// <param name="Items">The items, in order.</param>
public sealed record ListValue(ImmutableArray<Value> Items) : Value;

/// <summary>A map whose entries keep the order they were given in.</summary>
/// <param name="Entries">The entries.</param>
public sealed record MapValue(ImmutableArray<KeyValuePair<string, Value>> Entries) : Value
{
    /// <summary>Gets an empty map.</summary>
    public static MapValue Empty { get; } = new(ImmutableArray<KeyValuePair<string, Value>>.Empty);

    /// <summary>Looks up an entry by key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent.</returns>
    public Value? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>Returns a copy with one entry replaced or added at the end.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The new map.</returns>
    public MapValue With(string key, Value value)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
            {
                return new MapValue(Entries.SetItem(i, new KeyValuePair<string, Value>(key, value)));
            }
        }

        return new MapValue(Entries.Add(new KeyValuePair<string, Value>(key, value)));
    }

    /// <summary>Returns a copy without the given key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The new map.</returns>
    public MapValue Without(string key) =>
        new(Entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.Ordinal)));
}

/// <summary>A reference to an output of a resource or invoke, or to the whole resource when <see cref="Path"/> is empty.</summary>
/// <param name="Target">The referenced resource or invoke.</param>
/// <param name="Path">The property path, e.g. <c>arn</c> or <c>identities[0].oidcs[0].issuer</c>.</param>
public sealed record OutputReference(IReferenceable Target, string Path) : Value;

/// <summary>A string built from literal parts and references.</summary>
/// <param name="Parts">Literal <see cref="StringValue"/>s and reference values, in order.</param>
public sealed record Interpolation(ImmutableArray<Value> Parts) : Value;

/// <summary>A value Pulumi must treat as secret (encrypted in state, masked in output).</summary>
/// <param name="Inner">The wrapped value.</param>
public sealed record SecretValue(Value Inner) : Value;

/// <summary>A reference to a stack configuration value declared in the program.</summary>
/// <param name="Parameter">The declared parameter.</param>
public sealed record ConfigReference(ConfigParameter Parameter) : Value;

/// <summary>A reference to a Pulumi built-in variable.</summary>
/// <param name="Variable">Which variable.</param>
public sealed record BuiltinReference(PulumiBuiltin Variable) : Value;

/// <summary>The Pulumi built-in variables.</summary>
public enum PulumiBuiltin
{
    /// <summary><c>${pulumi.stack}</c>.</summary>
    Stack,

    /// <summary><c>${pulumi.project}</c>.</summary>
    Project,

    /// <summary><c>${pulumi.organization}</c>.</summary>
    Organization,
}

/// <summary>A call to a Pulumi YAML built-in function such as <c>fn::toJSON</c>.</summary>
/// <param name="Function">The function.</param>
/// <param name="Argument">Its argument.</param>
public sealed record FunctionCall(BuiltinFunction Function, Value Argument) : Value;

/// <summary>The Pulumi YAML built-in functions the SDK emits.</summary>
public enum BuiltinFunction
{
    /// <summary><c>fn::toJSON</c>: serializes its argument to a JSON string.</summary>
    ToJson,

    /// <summary><c>fn::fileAsset</c>: a file uploaded as an asset.</summary>
    FileAsset,

    /// <summary><c>fn::fileArchive</c>: a directory or archive file.</summary>
    FileArchive,

    /// <summary><c>fn::join</c>: joins a list of strings with a separator.</summary>
    Join,

    /// <summary><c>fn::select</c>: picks an item from a list.</summary>
    Select,

    /// <summary><c>fn::toBase64</c>.</summary>
    ToBase64,

    /// <summary><c>fn::fromBase64</c>.</summary>
    FromBase64,

    /// <summary><c>fn::split</c>: splits a string at each occurrence of a delimiter.</summary>
    Split,
}
