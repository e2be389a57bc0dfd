using System.Text;
using System.Text.RegularExpressions;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>
/// Block YAML written line by line for the pipeline writers: LF only, two-space indentation, and scalars left plain
/// only when no YAML reader could take them for anything but that string (GitHub's and CircleCI's parsers differ in
/// YAML 1.1/1.2 details, so <c>on</c>, <c>yes</c> or <c>1.0</c> are quoted).
/// </summary>
internal sealed partial class YamlText
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~" };

    private readonly StringBuilder _text = new();

    /// <summary>Appends one line at an indentation level (two spaces each).</summary>
    /// <param name="level">The indentation level.</param>
    /// <param name="line">The line's content.</param>
    /// <returns>This writer.</returns>
    public YamlText Line(int level, string line)
    {
        _text.Append(' ', level * 2).Append(line).Append('\n');
        return this;
    }

    /// <summary>Appends an empty line (between jobs, for people reading the file).</summary>
    /// <returns>This writer.</returns>
    public YamlText Blank()
    {
        _text.Append('\n');
        return this;
    }

    /// <summary>Appends <c>key: value</c> with the value quoted when needed.</summary>
    /// <param name="level">The indentation level.</param>
    /// <param name="key">The key (always a plain identifier here).</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public YamlText Pair(int level, string key, string value) => Line(level, $"{key}: {Scalar(value)}");

    /// <summary>Appends a shell script as a literal block (<c>key: |</c>), or a scalar when it is one line.</summary>
    /// <param name="level">The indentation level of the key.</param>
    /// <param name="key">The key (<c>run</c>, <c>command</c>).</param>
    /// <param name="lines">The script's lines.</param>
    /// <returns>This writer.</returns>
    public YamlText Script(int level, string key, IReadOnlyList<string> lines)
    {
        if (lines.Count == 1)
        {
            return Pair(level, key, lines[0]);
        }

        Line(level, $"{key}: |");
        foreach (var line in lines)
        {
            Line(level + 1, line);
        }

        return this;
    }

    /// <summary>A scalar as YAML: plain when unambiguous, otherwise single-quoted (no escapes but doubled quotes).</summary>
    /// <param name="value">The string.</param>
    /// <returns>Its YAML form.</returns>
    public static string Scalar(string value) =>
        Plain().IsMatch(value) && !s_reserved.Contains(value) && !Numeric().IsMatch(value)
            ? value
            : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    // Starts with a letter, digit, '/', '.', '_' or '$' (not an indicator); no ': ', ' #', quotes, braces or brackets.
    [GeneratedRegex(@"\A[A-Za-z0-9_./$][A-Za-z0-9_./$@=+,()-]*( [A-Za-z0-9_./$@=+,()<>-]+)*\z")]
    private static partial Regex Plain();

    [GeneratedRegex(@"\A[-+]?(\.?[0-9][0-9_.:eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)\z", RegexOptions.IgnoreCase)]
    private static partial Regex Numeric();
}
