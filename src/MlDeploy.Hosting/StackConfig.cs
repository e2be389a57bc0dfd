using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// A stack's configuration. Structured values are kept as JSON text (as Pulumi passes them in PULUMI_CONFIG), so
/// the stack file and the compiler environment read the same way. Missing, malformed and out-of-range values are
/// collected and reported together after the stack program ran, each as <c>&lt;file&gt;[:line]: &lt;key&gt;: message (fix)</c>.
/// The typed getters are split by kind: numbers and durations, lists, and structured values read through a
/// source-generated <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/>.
/// </summary>
public sealed partial class StackConfig
{
    private const int QuotedLength = 60;
    private const string ListHint = "write it as a YAML list, one `- item` line per entry";
    private const string MapHint = "write it as a YAML mapping, one `name: value` line per entry";

    private readonly Dictionary<string, ConfigValue> _values;
    private readonly HashSet<string> _secretKeys;
    private readonly List<Diagnostic> _problems = [];
    private readonly string _source;
    private readonly string _file;

    /// <summary>Initializes the config.</summary>
    /// <param name="project">The project name, used as the namespace of unqualified keys.</param>
    /// <param name="stack">The stack name (for messages).</param>
    /// <param name="values">Fully qualified keys to values (null for secrets whose value is not available).</param>
    /// <param name="secretKeys">Fully qualified keys that are secret.</param>
    public StackConfig(string project, string stack, IReadOnlyDictionary<string, string?> values, IEnumerable<string> secretKeys)
        : this(project, stack, $"config of stack {stack}", $"Pulumi.{stack}.yaml", Texts(values), secretKeys)
    {
    }

    /// <summary>Initializes the config with where it came from, so every message names the file (and line) or variable to fix.</summary>
    /// <param name="project">The project name.</param>
    /// <param name="stack">The stack name.</param>
    /// <param name="source">What messages name as the source, e.g. <c>stacks/Pulumi.prod.yaml</c>.</param>
    /// <param name="file">The stack config file that missing keys belong in.</param>
    /// <param name="values">Fully qualified keys to values.</param>
    /// <param name="secretKeys">Fully qualified keys that are secret.</param>
    internal StackConfig(string project, string stack, string source, string file, IReadOnlyDictionary<string, ConfigValue> values, IEnumerable<string> secretKeys)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(secretKeys);
        Project = project;
        Stack = stack;
        _source = source;
        _file = file;
        _values = new Dictionary<string, ConfigValue>(values, StringComparer.Ordinal);
        _secretKeys = new HashSet<string>(secretKeys, StringComparer.Ordinal);
    }

    /// <summary>Gets the project name.</summary>
    public string Project { get; }

    /// <summary>Gets the stack name.</summary>
    public string Stack { get; }

    /// <summary>Gets the problems found while reading (missing required keys, wrong types, secrets read as plain values).</summary>
    public IReadOnlyList<Diagnostic> Problems => _problems;

    /// <summary>Reads an optional string.</summary>
    /// <param name="key">The key; unqualified keys are in the project's namespace.</param>
    /// <returns>The value, or null.</returns>
    public string? Get(string key) => Read(key, required: false, ConfigShape.Scalar);

    /// <summary>Reads a required string.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value (empty when missing; the problem is reported).</returns>
    public string Require(string key) => Read(key, required: true, ConfigShape.Scalar) ?? string.Empty;

    /// <summary>Reads an optional boolean.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set.</param>
    /// <returns>The value.</returns>
    public bool GetBoolean(string key, bool fallback)
    {
        var text = Read(key, required: false, ConfigShape.Scalar);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _problems.Add(new Diagnostic(PathOf(key), $"{Quote(text)} is not true or false", "set true or false"));
        return fallback;
    }

    /// <summary>Reads an optional enum value, case-insensitively.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="fallback">The value when the key is not set.</param>
    /// <returns>The value.</returns>
    public T GetEnum<T>(string key, T fallback)
        where T : struct, Enum
    {
        var text = Read(key, required: false, ConfigShape.Scalar);
        if (text is null)
        {
            return fallback;
        }

        // Digits are refused: Enum.TryParse accepts any number, and a number says nothing a reader can check.
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Any(char.IsAsciiDigit))
        {
            return value;
        }

        _problems.Add(new Diagnostic(PathOf(key), $"{Quote(text)} is not one of {string.Join(", ", Enum.GetNames<T>())}", "use one of the listed values"));
        return fallback;
    }

    /// <summary>Reports a problem with a config value found by the stack program itself.</summary>
    /// <param name="key">The key.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="hint">How to fix it.</param>
    public void Report(string key, string message, string? hint = null) => _problems.Add(new Diagnostic(PathOf(key), message, hint));

    /// <summary>Gets the fully qualified form of a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>project:key</c> unless the key already has a namespace.</returns>
    public string Qualify(string key) => key.Contains(':', StringComparison.Ordinal) ? key : $"{Project}:{key}";

    private static Dictionary<string, ConfigValue> Texts(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.ToDictionary(v => v.Key, v => new ConfigValue(v.Value, ConfigShape.Text, 0), StringComparer.Ordinal);
    }

    // Values can be huge or hold line breaks; a message stays one readable line.
    private static string Quote(string text)
    {
        var shown = text.Length > QuotedLength ? text[..QuotedLength] + "..." : text;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? "?" : c.ToString())) + "'";
    }

    private string PathOf(string key)
    {
        var qualified = Qualify(key);
        return _values.TryGetValue(qualified, out var value) && value.Line > 0
            ? $"{_source}:{value.Line}: {qualified}"
            : $"{_source}: {qualified}";
    }

    private string? Read(string key, bool required, ConfigShape expected)
    {
        var qualified = Qualify(key);
        if (_secretKeys.Contains(qualified))
        {
            _problems.Add(new Diagnostic(PathOf(key), "is a secret and cannot be read into the program", "reference it with SecretSource.Config(\"" + key + "\") so Pulumi reads it at deploy time"));
            return null;
        }

        if (_values.TryGetValue(qualified, out var value) && value.Text is not null)
        {
            // Text from PULUMI_CONFIG has no shape to check; the typed readers below still refuse what does not parse.
            if (value.Shape == ConfigShape.Text || value.Shape == expected)
            {
                return value.Text;
            }

            _problems.Add(ShapeProblem(key, ShapeName(value.Shape), expected));
            return null;
        }

        if (required)
        {
            _problems.Add(new Diagnostic(PathOf(key), "is not set", $"run `pulumi config set {key} <value> --stack {Stack}` or add it to {_file}"));
        }

        return null;
    }

    /// <summary>The problem of a value that is not the list, mapping or single value the getter reads.</summary>
    private Diagnostic ShapeProblem(string key, string found, ConfigShape expected) => expected switch
    {
        ConfigShape.List => new Diagnostic(PathOf(key), $"is {found}, but a list is expected", ListHint),
        ConfigShape.Map => new Diagnostic(PathOf(key), $"is {found}, but a mapping is expected", MapHint),
        _ => new Diagnostic(PathOf(key), $"is {found}, but a single value is expected", $"write one value after the key, e.g. `{Qualify(key)}: value`"),
    };

    private static string ShapeName(ConfigShape shape) => shape switch
    {
        ConfigShape.List => "a list",
        ConfigShape.Map => "a mapping",
        _ => "a single value",
    };
}
