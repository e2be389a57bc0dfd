using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// Structured values (a YAML mapping or list of any depth) read into the stack program's own types with
/// System.Text.Json, through metadata the caller's source-generated <c>JsonSerializerContext</c> provides: no
/// reflection, so the stack program stays NativeAOT-compatible.
/// </summary>
public sealed partial class StackConfig
{
    /// <summary>
    /// Reads an optional structured value, e.g. per-deployment settings
    /// (<c>ml-platform:deployments: {fraud-scorer: {image: ..., minReplicas: 2}}</c> read as a
    /// <c>Dictionary&lt;string, DeploymentSettings&gt;</c>).
    /// </summary>
    /// <remarks>
    /// Plain YAML scalars keep their YAML type (<c>2</c> is a number, <c>true</c> a boolean, <c>"2"</c> a string), as
    /// Pulumi passes them in PULUMI_CONFIG. The context's options decide the rest: give it
    /// <c>PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase</c> so <c>minReplicas</c> binds to <c>MinReplicas</c>,
    /// and <c>UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow</c> so a misspelt field is reported
    /// instead of ignored. Give defaults as constructor parameter defaults of a positional record (the source
    /// generator sets every init-only property, so property initializers are lost) and set
    /// <c>RespectRequiredConstructorParameters = true</c> so a parameter without a default must be given.
    /// </remarks>
    /// <typeparam name="T">The type to read: a class, record, dictionary or collection.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="typeInfo">The type's metadata from a source-generated context, e.g. <c>StackJson.Default.DeploymentSettings</c>.</param>
    /// <returns>The value, or default when the key is not set or the value cannot be read (the problem is reported).</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is a single value (a number, string or enum): use the typed getters.</exception>
    public T? GetObject<T>(string key, JsonTypeInfo<T> typeInfo) => ReadObject(key, typeInfo, required: false);

    /// <summary>Reads a required structured value (see <see cref="GetObject{T}"/>).</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="typeInfo">The type's metadata from a source-generated context.</param>
    /// <returns>The value, or default when it is missing or cannot be read (the problem is reported).</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is a single value.</exception>
    public T? RequireObject<T>(string key, JsonTypeInfo<T> typeInfo) => ReadObject(key, typeInfo, required: true);

    private T? ReadObject<T>(string key, JsonTypeInfo<T> typeInfo, bool required)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var (shape, token) = typeInfo.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => (ConfigShape.Map, JsonTokenType.StartObject),
            JsonTypeInfoKind.Enumerable => (ConfigShape.List, JsonTokenType.StartArray),
            _ => throw new ArgumentException($"{typeInfo.Type.Name} is a single value; read it with Get, GetInt32, GetDecimal, GetDuration or GetEnum.", nameof(typeInfo)),
        };

        var text = Read(key, required, shape);
        if (text is null)
        {
            return default;
        }

        // PULUMI_CONFIG passes every value as text: a structured value is JSON, anything else was set as a plain string.
        var first = ConfigJson.FirstToken(text);
        if (first != token)
        {
            _problems.Add(ShapeProblem(key, first switch { JsonTokenType.StartArray => "a list", JsonTokenType.StartObject => "a mapping", _ => "a single value" }, shape));
            return default;
        }

        try
        {
            var value = JsonSerializer.Deserialize(text, typeInfo);
            if (value is null)
            {
                _problems.Add(new Diagnostic(PathOf(key), "is null", shape == ConfigShape.Map ? MapHint : ListHint));
            }

            return value;
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;

            // A type mismatch names the type being built, which for a record read through its constructor is the
            // record, not the field: say what is wrong in the config's terms instead.
            var mismatch = e.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal);
            _problems.Add(mismatch
                ? new Diagnostic(PathOf(key), $"{at}: is not of the type the stack program's {TypeName(typeInfo.Type)} expects there", $"correct {at}; a number or boolean in quotes is text, and text is not a number")
                : new Diagnostic(PathOf(key), $"{at}: {Reason(e)}", $"correct {at} to match the stack program's {TypeName(typeInfo.Type)}"));
            return default;
        }
    }

    /// <summary>A type as C# writes it (<c>Dictionary&lt;String, Settings&gt;</c>, not <c>Dictionary`2</c>).</summary>
    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;

    /// <summary>The serializer's message without its position suffix (the path is reported separately; the line is always 0 in one-line JSON).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        message = message.Trim().TrimEnd('.');
        // "The JSON ..." becomes "the JSON ...", but an initialism stays as it is.
        return message.Length == 0 ? "cannot be read"
            : message.Length > 1 && char.IsUpper(message[1]) ? message
            : char.ToLowerInvariant(message[0]) + message[1..];
    }
}
