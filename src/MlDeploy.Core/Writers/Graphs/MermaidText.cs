using System.Globalization;
using System.Text;

namespace MlDeploy.Writers.Graphs;

/// <summary>
/// Mermaid's lexical rules, in one place. Node ids may hold only letters, digits and <c>_</c> (and must not be words
/// such as <c>end</c>, or start an edge's target with <c>o</c>/<c>x</c>, which Mermaid reads as arrow heads): every id is
/// <c>n_</c> plus the name with other characters replaced, made unique. Label text is quoted, and every character
/// that could end the quote or mean something to Mermaid (entity codes <c>#</c>, markdown backticks, <c>$$</c> maths,
/// HTML) is written as Mermaid's decimal entity <c>#&lt;code&gt;;</c>, which it turns back into the character; two
/// dollars in a row are kept apart by an empty element, since Mermaid would draw <c>$$x$$</c> as maths.
/// </summary>
internal static class MermaidText
{
    /// <summary>An element that shows nothing, written between two dollars (see <see cref="Label"/>).</summary>
    public const string EmptyElement = "<b></b>";

    /// <summary>Gives each name an id, deterministically: names in ordinal order, the first taker of an id keeps it.</summary>
    /// <param name="names">The logical names.</param>
    /// <returns>The id of each name.</returns>
    public static Dictionary<string, string> Ids(IEnumerable<string> names)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var sb = new StringBuilder("n_", name.Length + 2);
            foreach (var c in name)
            {
                sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }

            var id = sb.ToString();
            for (var suffix = 2; !taken.Add(id); suffix++)
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{sb}_{suffix}");
            }

            ids[name] = id;
        }

        return ids;
    }

    /// <summary>Escapes text for inside a quoted Mermaid label.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string Label(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ',' or ':' or '/' or '=' or '@' or '+' or '(' or ')' or '[' or ']' or '{' or '}' or '!' or '?' or '\'' or '*')
            {
                sb.Append(c);
            }
            else if (c >= 0x80 && !char.IsControl(c) && !char.IsSurrogate(c))
            {
                sb.Append(c);
            }
            else
            {
                // A surrogate pair is one code point: Mermaid's entity takes the code point, not the halves.
                var code = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[++i]) : c;
                sb.Append('#').Append(code.ToString(CultureInfo.InvariantCulture)).Append(';');
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
                {
                    // Mermaid draws text between "$$" pairs as KaTeX maths, after turning entities back into characters:
                    // an empty element between two dollars keeps them apart without showing anything.
                    sb.Append(EmptyElement);
                }
            }
        }

        return sb.ToString();
    }
}
