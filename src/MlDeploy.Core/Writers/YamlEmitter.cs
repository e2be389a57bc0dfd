using System.Globalization;
using System.Text;

namespace MlDeploy.Writers;

/// <summary>
/// Prints a <see cref="YamlNode"/> tree as block-style YAML: LF line ends, two-space indentation, and strings
/// double-quoted whenever a YAML 1.1 or 1.2 reader could read them as anything but the same string.
/// </summary>
public static class YamlEmitter
{
    /// <summary>Prints a document.</summary>
    /// <param name="root">The root mapping.</param>
    /// <returns>The YAML text, ending with a newline.</returns>
    public static string Emit(YamlMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var sb = new StringBuilder(4096);
        WriteMappingEntries(sb, root, 0, firstLineInline: false);
        return sb.ToString();
    }

    /// <summary>Prints a string scalar the way it would appear in the document (quoted only when needed).</summary>
    /// <param name="text">The string.</param>
    /// <returns>The scalar text.</returns>
    public static string FormatString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsQuotes(text) ? new StringBuilder(text.Length + 2).AppendDoubleQuoted(text).ToString() : text;
    }

    /// <summary>Appends a string scalar as <see cref="FormatString"/> prints it, without an intermediate string.</summary>
    /// <param name="sb">The output.</param>
    /// <param name="text">The string.</param>
    /// <returns>The output.</returns>
    internal static StringBuilder AppendString(this StringBuilder sb, string text) =>
        NeedsQuotes(text) ? sb.AppendDoubleQuoted(text) : sb.Append(text);

    private static void WriteMappingEntries(StringBuilder sb, YamlMapping mapping, int indent, bool firstLineInline)
    {
        var first = true;
        foreach (var (key, value) in mapping.Entries)
        {
            if (!(first && firstLineInline))
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.AppendString(key).Append(':');
            WriteValueAfterKey(sb, value, indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar s:
                sb.Append(' ').AppendScalar(s).Append('\n');
                break;
            case YamlMapping { Entries.Length: 0 }:
                sb.Append(" {}\n");
                break;
            case YamlSequence { Items.Length: 0 }:
                sb.Append(" []\n");
                break;
            case YamlMapping m:
                sb.Append('\n');
                WriteMappingEntries(sb, m, indent + 2, firstLineInline: false);
                break;
            case YamlSequence q:
                sb.Append('\n');
                WriteSequenceItems(sb, q, indent + 2, firstLineInline: false);
                break;
            default:
                throw new InvalidOperationException($"unknown YAML node {value.GetType().Name}");
        }
    }

    private static void WriteSequenceItems(StringBuilder sb, YamlSequence sequence, int indent, bool firstLineInline)
    {
        var first = true;
        foreach (var item in sequence.Items)
        {
            if (!(first && firstLineInline))
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append("- ");
            switch (item)
            {
                case YamlScalar s:
                    sb.AppendScalar(s).Append('\n');
                    break;
                case YamlMapping { Entries.Length: 0 }:
                    sb.Append("{}\n");
                    break;
                case YamlSequence { Items.Length: 0 }:
                    sb.Append("[]\n");
                    break;
                case YamlMapping m:
                    WriteMappingEntries(sb, m, indent + 2, firstLineInline: true);
                    break;
                case YamlSequence q:
                    WriteSequenceItems(sb, q, indent + 2, firstLineInline: true);
                    break;
                default:
                    throw new InvalidOperationException($"unknown YAML node {item.GetType().Name}");
            }
        }
    }

    private static StringBuilder AppendScalar(this StringBuilder sb, YamlScalar scalar) => scalar.IsString ? sb.AppendString(scalar.Text) : sb.Append(scalar.Text);

    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", ".nan", ".inf", "-.inf", "+.inf", "<<", "=",
    };

    /// <summary>Decides whether a string must be double-quoted to read back as the same string.</summary>
    /// <param name="text">The string.</param>
    /// <returns>True when quoting is needed.</returns>
    internal static bool NeedsQuotes(string text)
    {
        // Every reserved word is at most 5 characters long: skip the case-insensitive lookup for longer strings.
        if (text.Length == 0 || (text.Length <= 5 && s_reserved.Contains(text)))
        {
            return true;
        }

        var first = text[0];

        // Indicators, and anything that may start a number, date or time in YAML 1.1 or 1.2.
        if ("-?:,[]{}#&*!|>'\"%@` .+".Contains(first, StringComparison.Ordinal) || char.IsAsciiDigit(first))
        {
            return true;
        }

        if (char.IsWhiteSpace(text[^1]) || text[^1] == ':')
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // Printable ASCII (most of every program) can only need quotes for ": " or " #".
            var printableAscii = c is >= ' ' and < '\u007F';
            if (!printableAscii && (c == '\t' || char.IsControl(c) || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c)))
            {
                return true;
            }

            if (c == ':' && i + 1 < text.Length && text[i + 1] == ' ')
            {
                return true;
            }

            if (c == '#' && i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static StringBuilder AppendDoubleQuoted(this StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c == '\t' || char.IsControl(c) || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"');
    }
}
