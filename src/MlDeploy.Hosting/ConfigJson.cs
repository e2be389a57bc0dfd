using System.Text;
using System.Text.Json;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads the flat JSON shapes config arrives in: PULUMI_CONFIG (an object of strings), PULUMI_CONFIG_SECRET_KEYS (an
/// array of strings) and list values (arrays of single values). Structured values are read by the caller's
/// source-generated serializer metadata instead (<see cref="StackConfig.GetObject{T}"/>).
/// </summary>
/// <remarks>
/// Read with <see cref="Utf8JsonReader"/> rather than the serializer: even source-generated, the serializer builds
/// its type metadata at run time (with attribute reflection), about 6 % of a NativeAOT compile run, for two flat
/// shapes that take a few lines to read. The rules are the serializer's defaults: strict JSON (no comments or
/// trailing commas), one value, later duplicate keys win.
/// </remarks>
internal static class ConfigJson
{
    /// <summary>Reads a JSON object whose values are strings (or null).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The entries (later duplicates win), or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not an object of strings.</exception>
    public static Dictionary<string, string?>? ReadObject(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!Opens(ref reader, JsonTokenType.StartObject, "object"))
        {
            return null;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndObject; Next(ref reader))
        {
            var key = reader.GetString()!;
            Next(ref reader);
            values[key] = StringOrNull(ref reader, key);
        }

        End(ref reader);
        return values;
    }

    /// <summary>Reads a JSON array whose items are strings (a null item is kept as null).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The items, or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not an array of strings.</exception>
    public static List<string>? ReadArray(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Shape(ref reader, $"expected a JSON array, found {reader.TokenType}.");
        }

        var items = new List<string>();
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
        {
            items.Add(StringOrNull(ref reader, $"[{items.Count}]")!);
        }

        End(ref reader);
        return items;
    }

    /// <summary>
    /// Reads a list value: a JSON array of single values. Numbers and booleans are kept as their JSON text (Pulumi
    /// passes a YAML <c>- 2</c> as the number 2), null items as null.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The items, or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON, not an array, or holds a list or mapping.</exception>
    public static List<string?>? ReadScalars(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        if (!Opens(ref reader, JsonTokenType.StartArray, "array"))
        {
            return null;
        }

        var items = new List<string?>();
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
        {
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => throw Shape(ref reader, $"[{items.Count}]: expected a single value, found {reader.TokenType}."),
            });
        }

        End(ref reader);
        return items;
    }

    /// <summary>Gets the kind of a JSON text's value without reading it all, or null when the text does not start like JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The first token's type, or null.</returns>
    public static JsonTokenType? FirstToken(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            return reader.Read() ? reader.TokenType : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The first token: false for the JSON literal null (and nothing after it), true for the expected container.
    private static bool Opens(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return false;
        }

        return reader.TokenType == expected ? true : throw Shape(ref reader, $"expected a JSON {what}, found {reader.TokenType}.");
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        // The whole text is one final block: an incomplete value throws from Read itself.
        if (!reader.Read())
        {
            throw new JsonException("the JSON text is empty.");
        }
    }

    private static void End(ref Utf8JsonReader reader)
    {
        // Anything but white space after the value makes Read throw (one value per text).
        if (reader.Read())
        {
            throw new JsonException("unexpected content after the JSON value.");
        }
    }

    private static string? StringOrNull(ref Utf8JsonReader reader, string at) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Shape(ref reader, $"{at}: expected a string, found {reader.TokenType}."),
    };

    /// <summary>A shape error at the reader's position (one line: Pulumi passes the JSON on one line), as the serializer reports it.</summary>
    private static JsonException Shape(ref Utf8JsonReader reader, string message) =>
        new(message, path: null, lineNumber: 0, bytePositionInLine: reader.BytesConsumed);
}
