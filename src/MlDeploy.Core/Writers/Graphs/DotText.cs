using System.Text;

namespace MlDeploy.Writers.Graphs;

/// <summary>
/// Graphviz's quoting, in one place: every id and label is a double-quoted string, inside which <c>"</c> must be
/// <c>\"</c> and a backslash <c>\\</c> (else <c>\N</c>, <c>\l</c>... would be read as Graphviz's label escapes);
/// a line break is written as <c>\n</c> and other control characters are dropped, since a quoted string may not span them.
/// </summary>
internal static class DotText
{
    /// <summary>Quotes text as a DOT string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted string, quotes included.</returns>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
