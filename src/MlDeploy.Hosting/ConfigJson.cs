using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads the two JSON shapes config arrives in: PULUMI_CONFIG (an object of strings) and list values or
/// PULUMI_CONFIG_SECRET_KEYS (arrays of strings).
/// </summary>
internal static class ConfigJson
{
    /// <summary>Reads a JSON object whose values are strings (or null).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The entries (later duplicates win), or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not an object of strings.</exception>
    public static Dictionary<string, string?>? ReadObject(string json) =>
        JsonSerializer.Deserialize(json, ConfigJsonContext.Default.DictionaryStringString);

    /// <summary>Reads a JSON array whose items are strings (a null item is kept as null).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The items, or null for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not an array of strings.</exception>
    public static List<string>? ReadArray(string json) =>
        JsonSerializer.Deserialize(json, ConfigJsonContext.Default.ListString);
}

/// <summary>
/// Serialization code generated at build time: the compiler is published NativeAOT, where the reflection-based
/// serializer is not available.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
