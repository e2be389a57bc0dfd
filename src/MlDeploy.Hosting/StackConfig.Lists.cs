using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>Lists of single values: a YAML sequence in the stack file, a JSON array in PULUMI_CONFIG.</summary>
public sealed partial class StackConfig
{
    /// <summary>Reads an optional list of strings (numbers and booleans in the list are read as their text).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The list, empty when not set or malformed.</returns>
    public ImmutableArray<string> GetStringList(string key) => ReadList(key, (_, text) => (true, text));

    /// <summary>Reads an optional list of whole numbers (<c>[8080, 8081]</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The list, empty when not set or when any item is malformed (each bad item is reported).</returns>
    public ImmutableArray<int> GetInt32List(string key) => ReadList(key, (at, text) => Parsed(ParseInt32(key, at, text, bounds: null)));

    /// <summary>Reads an optional list of whole numbers, each within bounds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <returns>The list, empty when not set or when any item is malformed or out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public ImmutableArray<int> GetInt32List(string key, int min, int max)
    {
        var bounds = Bounds.Of(min, max, nameof(min));
        return ReadList(key, (at, text) => Parsed(ParseInt32(key, at, text, bounds)));
    }

    /// <summary>Reads an optional list of decimal numbers written with <c>.</c> as the decimal point.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The list, empty when not set or when any item is malformed.</returns>
    public ImmutableArray<decimal> GetDecimalList(string key) => ReadList(key, (at, text) => Parsed(ParseDecimal(key, at, text, bounds: null)));

    /// <summary>Reads an optional list of decimal numbers, each within bounds.</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <returns>The list, empty when not set or when any item is malformed or out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public ImmutableArray<decimal> GetDecimalList(string key, decimal min, decimal max)
    {
        var bounds = Bounds.Of(min, max, nameof(min));
        return ReadList(key, (at, text) => Parsed(ParseDecimal(key, at, text, bounds)));
    }

    /// <summary>Reads a list and parses each item; any bad item (reported with its JSON path, e.g. <c>$[2]</c>) makes the list empty.</summary>
    private ImmutableArray<T> ReadList<T>(string key, Func<string, string, (bool Ok, T Value)> parse)
    {
        var text = Read(key, required: false, ConfigShape.List);
        if (text is null)
        {
            return [];
        }

        List<string?>? items;
        try
        {
            items = ConfigJson.ReadScalars(text);
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null)
        {
            _problems.Add(new Diagnostic(PathOf(key), "is not a list of single values", ListHint));
            return [];
        }

        var values = ImmutableArray.CreateBuilder<T>(items.Count);
        var bad = false;
        for (var i = 0; i < items.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"$[{i}]");
            if (items[i] is not { } item)
            {
                _problems.Add(new Diagnostic(PathOf(key), $"{at}: is empty", "give the item a value or remove it"));
                bad = true;
            }
            else if (parse(at, item) is (true, var value))
            {
                values.Add(value);
            }
            else
            {
                bad = true;
            }
        }

        return bad ? [] : values.MoveToImmutable();
    }

    private static (bool Ok, T Value) Parsed<T>(T? value)
        where T : struct => (value.HasValue, value.GetValueOrDefault());
}
