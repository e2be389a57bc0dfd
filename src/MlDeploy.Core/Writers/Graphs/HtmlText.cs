using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace MlDeploy.Writers.Graphs;

/// <summary>The escaping an HTML page with inline scripts needs, in one place.</summary>
internal static partial class HtmlText
{
    /// <summary>Escapes text for an element's content or a quoted attribute.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>
    /// A JavaScript string literal, quotes included, safe inside a <c>&lt;script&gt;</c> element: the default
    /// encoder writes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes as <c>\uXXXX</c>, so no text can end the element.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The literal.</returns>
    public static string JavaScriptString(string text) => new StringBuilder(text.Length + 2).Append('"').Append(JavaScriptEncoder.Default.Encode(text)).Append('"').ToString();

    /// <summary>
    /// Makes a script's source safe to inline: an HTML parser ends a script element at <c>&lt;/script</c> and changes
    /// state at <c>&lt;!--</c> and <c>&lt;script</c>, wherever they stand. In a valid script they can only stand inside a
    /// string, template, regular expression or comment, where <c>\x3C</c> means the same <c>&lt;</c> (or, in a
    /// comment, nothing at all), so the script runs unchanged.
    /// </summary>
    /// <param name="script">The script's source.</param>
    /// <returns>The source to put between the tags.</returns>
    public static string InlineScript(string script) => HtmlStateChange().Replace(script, "\\x3C");

    [GeneratedRegex("<(?=!--|/?script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlStateChange();
}
