using System.Text;
using System.Text.Json;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads the two JSON shapes config arrives in (an object of strings, an array of strings) with
/// <see cref="Utf8JsonReader"/>: no serializer, so nothing to set up at start-up. The compiler runs before every
/// Pulumi preview, so its start-up time matters.
/// </summary>
internal static class ConfigJson
{
    /// <summary>Reads a JSON object whose values are strings (or null).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The entries (later duplicates win), or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not an object of strings.</exception>
    public static Dictionary<string, string?>? ReadObject(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "an object");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndObject; Next(ref reader))
        {
            var key = reader.GetString()!;
            Next(ref reader);
            values[key] = StringOrNull(ref reader);
        }

        End(ref reader);
        return values;
    }

    /// <summary>Reads a JSON array whose items are strings (a null item is kept as null, as the serializer did).</summary>
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

        Expect(ref reader, JsonTokenType.StartArray, "an array");
        var items = new List<string>();
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
        {
            items.Add(StringOrNull(ref reader)!);
        }

        End(ref reader);
        return items;
    }

    private static string? StringOrNull(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected a string at byte {reader.TokenStartIndex}, found {reader.TokenType}"),
    };

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the JSON text ends early");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what}, found {reader.TokenType}");
        }
    }

    /// <summary>Checks that nothing but whitespace follows the value (the reader throws on any other token).</summary>
    private static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"unexpected {reader.TokenType} after the JSON value");
        }
    }
}
