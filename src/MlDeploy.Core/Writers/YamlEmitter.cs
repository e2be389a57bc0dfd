using System.Buffers;
using System.Globalization;
using System.Text;

namespace MlDeploy.Writers;

/// <summary>
/// Formats YAML string scalars: plain when every YAML 1.1 and 1.2 reader reads them back as the same string,
/// double-quoted (with escapes) otherwise. <see cref="PulumiYamlWriter"/> prints the document around them.
/// </summary>
public static class YamlEmitter
{
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

    /// <summary>Appends a string scalar given as characters (an interpolation or reference composed in place).</summary>
    /// <param name="sb">The output.</param>
    /// <param name="text">The string.</param>
    /// <returns>The output.</returns>
    internal static StringBuilder AppendString(this StringBuilder sb, ReadOnlySpan<char> text) =>
        NeedsQuotes(text) ? sb.AppendDoubleQuoted(text) : sb.Append(text);

    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", ".nan", ".inf", "-.inf", "+.inf", "<<", "=",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_reservedSpans = s_reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    // Printable ASCII but ':' and '#', the only characters that need a closer look once the first and last are checked.
    private static readonly SearchValues<char> s_plain = SearchValues.Create(
        string.Create(0x7F - 0x20 - 2, 0, static (chars, _) =>
        {
            var n = 0;
            for (var c = ' '; c < '\u007F'; c++)
            {
                if (c is not (':' or '#'))
                {
                    chars[n++] = c;
                }
            }
        }));

    /// <summary>Decides whether a string must be double-quoted to read back as the same string.</summary>
    /// <param name="text">The string.</param>
    /// <returns>True when quoting is needed.</returns>
    internal static bool NeedsQuotes(string text) => NeedsQuotes(text.AsSpan());

    /// <summary>Decides whether a string must be double-quoted to read back as the same string.</summary>
    /// <param name="text">The string.</param>
    /// <returns>True when quoting is needed.</returns>
    internal static bool NeedsQuotes(ReadOnlySpan<char> text)
    {
        if (EdgesNeedQuotes(text))
        {
            return true;
        }

        // Most scalars are plain ASCII without ':' or '#': a vectorized search skips to each character to examine (an
        // ARN or URL has a few colons; checking every character after the first one was 3 % of a large program).
        for (var i = text.IndexOfAnyExcept(s_plain); i >= 0; i = NextToExamine(text, i))
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

    /// <summary>The next character after <paramref name="i"/> that is not plain printable ASCII, or -1.</summary>
    private static int NextToExamine(ReadOnlySpan<char> text, int i)
    {
        var next = text[(i + 1)..].IndexOfAnyExcept(s_plain);
        return next < 0 ? -1 : i + 1 + next;
    }

    /// <summary>
    /// Whether the string as a whole or its first or last character needs quotes (empty, a reserved word, an indicator
    /// or what may start a number, trailing space or colon); what else can need them is a character inside, which only
    /// characters outside printable ASCII, ':' and '#' can be.
    /// </summary>
    /// <param name="text">The string.</param>
    /// <returns>True when quoting is needed.</returns>
    internal static bool EdgesNeedQuotes(ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        // Indicators, and anything that may start a number, date or time in YAML 1.1 or 1.2; then the last character.
        var first = text[0];
        if (s_quotedStarts.Contains(first) || char.IsWhiteSpace(text[^1]) || text[^1] == ':')
        {
            return true;
        }

        // Every reserved word is at most 5 characters long and starts with one of few letters (those starting with '.',
        // '-' or '+' are caught above): the case-insensitive lookup is left for the strings that could be one. A first
        // character outside ASCII still looks, in case a case mapping folds it onto one of those letters.
        return text.Length <= 5 && (s_reservedStarts.Contains(first) || !char.IsAscii(first)) && s_reservedSpans.Contains(text);
    }

    // What a plain scalar may not start with: YAML's indicators, and what may start a number, date or time in YAML 1.1
    // or 1.2 (a digit, '.', '+', '-').
    private static readonly SearchValues<char> s_quotedStarts = SearchValues.Create("-?:,[]{}#&*!|>'\"%@` .+0123456789");

    // The first characters of the reserved words that the check above does not already quote.
    private static readonly SearchValues<char> s_reservedStarts = SearchValues.Create("tTfFyYnNoO~<=");

    // What a double-quoted scalar escapes: '"', '\\', the C0 and C1 controls (char.IsControl), and the line and
    // paragraph separators and byte order mark, which YAML readers may take as breaks or strip.
    private static readonly SearchValues<char> s_escaped = SearchValues.Create(
        string.Create(0x20 + 0x21 + 5, 0, static (chars, _) =>
        {
            var n = 0;
            for (var c = '\0'; c < ' '; c++)
            {
                chars[n++] = c;
            }

            for (var c = '\u007F'; c <= '\u009F'; c++)
            {
                chars[n++] = c;
            }

            chars[n++] = '"';
            chars[n++] = '\\';
            chars[n++] = '\u2028';
            chars[n++] = '\u2029';
            chars[n++] = '\uFEFF';
        }));

    private static StringBuilder AppendDoubleQuoted(this StringBuilder sb, ReadOnlySpan<char> text)
    {
        sb.Append('"');

        // Copied in runs between the characters that need an escape (most quoted scalars have few or none).
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(s_escaped);
            if (next < 0)
            {
                sb.Append(text);
                break;
            }

            sb.Append(text[..next]);
            var c = text[next];
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\0' => sb.Append("\\0"),
                _ => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
            text = text[(next + 1)..];
        }

        return sb.Append('"');
    }
}
