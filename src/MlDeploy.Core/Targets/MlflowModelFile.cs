using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace MlDeploy.Targets;

/// <summary>
/// What an MLflow model's <c>MLmodel</c> file says that deploying it needs: its flavors (the scoring server of
/// <c>mlflow models serve</c> and <c>build-docker</c> loads <see cref="ServedFlavor"/>), whether it has a signature, and
/// the identifiers the plan shows. Format: https://mlflow.org/docs/latest/ml/model/ ("MLmodel file").
/// </summary>
/// <param name="Flavors">The flavor names, in file order.</param>
/// <param name="HasInputSchema">Whether <c>signature.inputs</c> is given (the schema the scoring server checks requests against).</param>
/// <param name="HasOutputSchema">Whether <c>signature.outputs</c> is given.</param>
/// <param name="MlflowVersion">The MLflow version that saved the model, or null.</param>
/// <param name="ModelUuid">The model's <c>model_uuid</c>, or null.</param>
/// <param name="RunId">The run that logged it, or null.</param>
internal sealed partial record MlflowModelFile(ImmutableArray<string> Flavors, bool HasInputSchema, bool HasOutputSchema, string? MlflowVersion, string? ModelUuid, string? RunId)
{
    /// <summary>The file at the top of every MLflow model directory.</summary>
    public const string FileName = "MLmodel";

    /// <summary>
    /// The flavor the pyfunc scoring server loads: build-docker "serves an MLflow model at port 8080, using the
    /// python_function flavor" (mlflow/models/python_api.py, build_docker's docstring).
    /// </summary>
    public const string ServedFlavor = "python_function";

    // MLmodel files are a few hundred bytes; anything this large is not one.
    private const int MaxBytes = 1 << 20;

    /// <summary>Gets a value indicating whether MLflow's scoring server can load the model.</summary>
    public bool IsServable => Flavors.Contains(ServedFlavor, StringComparer.Ordinal);

    /// <summary>
    /// Reads the <c>MLmodel</c> file of a model directory. Returns the file, or the problem in words; both null when
    /// the directory does not exist (the artifact path check reports that).
    /// </summary>
    public static (MlflowModelFile? Model, string? Problem) Read(string rootDirectory, string modelDirectory)
    {
        var directory = Path.Combine(rootDirectory, modelDirectory);
        if (File.Exists(directory))
        {
            return (null, "is a file; an MLflow model is the directory holding the MLmodel file");
        }

        var path = Path.Combine(directory, FileName);
        if (!Directory.Exists(directory))
        {
            return (null, null);
        }

        if (!File.Exists(path))
        {
            return (null, $"holds no {FileName} file, so it is not an MLflow model directory");
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            return (null, $"has an {FileName} file larger than 1 MiB, which MLflow does not write");
        }

        var (model, problem) = Parse(File.ReadAllText(path));
        return (model, problem is null ? null : $"has an {FileName} file this SDK cannot read: {problem}");
    }

    /// <summary>
    /// Parses the block-style YAML MLflow writes (PyYAML's <c>safe_dump</c>, two levels read: top-level keys, and the
    /// keys of <c>flavors</c> and <c>signature</c>). Deeper lines, list items and the continuation lines of long quoted
    /// values belong to the key above them and are skipped; what this subset cannot place is refused, never guessed.
    /// </summary>
    public static (MlflowModelFile? Model, string? Problem) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var top = new Dictionary<string, string?>(StringComparer.Ordinal);
        var children = new Dictionary<string, List<(string Key, string? Value)>>(StringComparer.Ordinal);
        string? current = null;
        int? childIndent = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            var number = i + 1;
            if (content[0] == '\t')
            {
                return (null, $"line {number} is indented with a tab");
            }

            var indent = line.Length - content.Length;
            if (indent == 0)
            {
                if (content.StartsWith("- ", StringComparison.Ordinal) && current is not null)
                {
                    continue; // an item of the list above (PyYAML writes block lists unindented)
                }

                if (KeyLine().Match(content) is not { Success: true } match)
                {
                    return (null, $"line {number} is not a 'key: value' line");
                }

                current = match.Groups["key"].Value;
                if (!top.TryAdd(current, Scalar(match.Groups["value"].Value)))
                {
                    return (null, $"line {number} repeats the key '{current}'");
                }

                childIndent = null;
                continue;
            }

            if (current is null)
            {
                return (null, $"line {number} is indented before any key");
            }

            if (current is not ("flavors" or "signature"))
            {
                continue;
            }

            childIndent ??= indent;
            if (indent > childIndent || (indent == childIndent && content.StartsWith("- ", StringComparison.Ordinal)))
            {
                continue; // a flavor's own settings, a list item, or a long value's next line
            }

            if (indent < childIndent || KeyLine().Match(content) is not { Success: true } child)
            {
                return (null, $"line {number} is not a key of '{current}' at its indentation");
            }

            if (top[current] is not null)
            {
                return (null, $"'{current}' has both a value on its line and keys below it");
            }

            var list = children.TryGetValue(current, out var found) ? found : children[current] = [];
            list.Add((child.Groups["key"].Value, Scalar(child.Groups["value"].Value)));
        }

        foreach (var key in (ReadOnlySpan<string>)["flavors", "signature"])
        {
            // `{}` is an empty mapping; any other value on the line is flow style, which MLflow does not write.
            if (top.TryGetValue(key, out var inline) && inline is not null && inline != "{}")
            {
                return (null, $"'{key}' is written in flow style ('{key}: {inline}'); give the block style MLflow writes");
            }
        }

        var signature = children.GetValueOrDefault("signature") ?? [];
        bool Given(string key) => signature.Any(s => s.Key == key && s.Value is not null and not "''" and not "\"\"" and not "[]");
        return (new MlflowModelFile(
            [.. (children.GetValueOrDefault("flavors") ?? []).Select(f => f.Key)],
            Given("inputs"),
            Given("outputs"),
            top.GetValueOrDefault("mlflow_version"),
            top.GetValueOrDefault("model_uuid"),
            top.GetValueOrDefault("run_id")), null);
    }

    // A single-line scalar: null for YAML's nulls and for nothing (a mapping or list follows), quotes removed.
    private static string? Scalar(string value)
    {
        var text = value.Trim();
        if (text is "" or "null" or "~" or "Null" or "NULL")
        {
            return null;
        }

        return text.Length >= 2 && ((text[0] == '\'' && text[^1] == '\'') || (text[0] == '"' && text[^1] == '"')) && text.Length > 2
            ? text[1..^1]
            : text;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_.\-]*):(?:[ ](?<value>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLine();
}
