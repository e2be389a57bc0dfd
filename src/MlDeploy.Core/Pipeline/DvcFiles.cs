using System.Globalization;
using System.Text.RegularExpressions;

namespace MlDeploy.Pipeline;

/// <summary>
/// Readers for the two files DVC commits: a <c>.dvc</c> file (YAML) and <c>.dvc/config</c> (configobj INI). Only the
/// block style <c>dvc add</c> writes is read: a top-level <c>outs:</c> sequence of mappings with scalar values
/// (<c>md5</c>, <c>size</c>, <c>hash</c>, <c>path</c>, optional <c>remote</c>, <c>nfiles</c> for a directory). Anything
/// else is reported as unreadable rather than guessed at; nested mappings of an output (<c>cloud:</c>, <c>meta:</c>)
/// are skipped.
/// </summary>
internal static partial class DvcFiles
{
    /// <summary>The scalar fields of each output, in file order, or null with the reason when the text is not such a file.</summary>
    public static (IReadOnlyList<IReadOnlyDictionary<string, string>>? Outs, string? Problem) ReadOuts(string text)
    {
        var outs = new List<Dictionary<string, string>>();
        string? topKey = null;
        int? itemIndent = null;
        var lineNumber = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line[indent..];
            if (indent == 0 && !content.StartsWith('-'))
            {
                if (KeyValue().Match(content) is not { Success: true } top)
                {
                    return (null, $"line {lineNumber} is not a 'key: value' line");
                }

                topKey = top.Groups["key"].Value;
                itemIndent = null;
                if (topKey == "outs" && top.Groups["value"].Value.Length > 0)
                {
                    return (null, $"line {lineNumber}: outs is not a block sequence");
                }

                continue;
            }

            if (topKey != "outs")
            {
                continue;
            }

            if (content.StartsWith("- ", StringComparison.Ordinal) && (itemIndent is null || indent == itemIndent))
            {
                itemIndent = indent;
                outs.Add(new Dictionary<string, string>(StringComparer.Ordinal));
                content = content[2..].TrimStart();
                indent += 2;
            }
            else if (itemIndent is null)
            {
                return (null, $"line {lineNumber}: outs is not a block sequence");
            }

            // Only the output's own keys (two columns right of its dash); deeper lines belong to nested mappings.
            if (indent != itemIndent + 2)
            {
                continue;
            }

            if (KeyValue().Match(content) is not { Success: true } field)
            {
                return (null, $"line {lineNumber} is not a 'key: value' line");
            }

            // A key without a value opens a nested mapping (cloud:, meta:), which no resolution reads.
            if (field.Groups["value"].Value.Length > 0)
            {
                outs[^1][field.Groups["key"].Value] = Unquote(field.Groups["value"].Value);
            }
        }

        return topKey is null && outs.Count == 0 ? (null, "it is empty") : (outs, null);
    }

    /// <summary>The sections of a configobj file (<c>[core]</c>, <c>['remote "name"']</c>) with their options.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ReadConfig(string text)
    {
        var sections = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                // configobj quotes a section name holding double quotes: ['remote "storage"'] (DVC writes it so).
                var name = Unquote(line[1..^1].Trim());
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                sections[name] = current;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
            }
        }

        return sections;
    }

    /// <summary>A size field as a number, or null.</summary>
    public static long? Size(IReadOnlyDictionary<string, string> output) =>
        output.TryGetValue("size", out var size) && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*):(?:\s+(?<value>.*))?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex KeyValue();
}
