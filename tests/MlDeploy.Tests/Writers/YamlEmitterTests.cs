using FsCheck;
using FsCheck.Fluent;
using System.Text;
using MlDeploy.Graph;
using MlDeploy.Writers;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Tests.Writers;

public class YamlEmitterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("ml.g5.xlarge", "ml.g5.xlarge")]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*")]
    [InlineData("${repo.arn}", "${repo.arn}")]
    [InlineData("", "\"\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("7.48.0", "\"7.48.0\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData("- item", "\"- item\"")]
    [InlineData("*alias", "\"*alias\"")]
    [InlineData("&anchor", "\"&anchor\"")]
    [InlineData("!tag", "\"!tag\"")]
    [InlineData("%directive", "\"%directive\"")]
    [InlineData("@at", "\"@at\"")]
    [InlineData("`tick", "\"`tick\"")]
    [InlineData("{flow}", "\"{flow}\"")]
    [InlineData("[flow]", "\"[flow]\"")]
    [InlineData("key: value", "\"key: value\"")]
    [InlineData("value #comment", "\"value #comment\"")]
    [InlineData("ends with colon:", "\"ends with colon:\"")]
    [InlineData(" leading", "\" leading\"")]
    [InlineData("trailing ", "\"trailing \"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("quote \" and \\", "quote \" and \\")]
    [InlineData("\"starts with quote", "\"\\\"starts with quote\"")]
    [InlineData("bell\u0007", "\"bell\\u0007\"")]
    [InlineData("naïve ünïcode", "naïve ünïcode")]
    public void FormatString_QuotesOnlyWhatAReaderCouldRetype(string input, string expected) =>
        Assert.Equal(expected, YamlEmitter.FormatString(input));

    [Fact]
    public void FormatString_QuotedTextEscapesEachCharacterAsTheCharacterRuleSays_Property()
    {
        // The quoted form is copied in runs between escaped characters; it must equal escaping one character at a
        // time. A leading '"' makes every generated string quoted; the characters favour the ones escaped.
        var special = Gen.Elements('"', '\\', '\n', '\r', '\t', '\0', '\u0007', '\u001F', '\u007F', '\u0085', '\u009F', '\u00A0', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDC00', 'é', ' ', ':', '#', 'a', 'Z');
        var any = Gen.Choose(0, 0xFFFF).Select(i => (char)i);
        Prop.ForAll(
            Gen.Frequency((3, special), (1, any)).ArrayOf().Select(cs => "\"" + new string(cs)).ToArbitrary(),
            text => YamlEmitter.FormatString(text) == QuotedOneCharacterAtATime(text))
        .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void NeedsQuotes_SkippingPlainRunsDecidesAsExaminingEveryCharacter_Property()
    {
        // NeedsQuotes jumps from one character outside plain printable ASCII to the next; it must decide as a scan of
        // every character does. The characters favour the ones that matter (colon, hash, spaces, controls).
        var special = Gen.Elements(':', '#', ' ', '\t', '\n', 'a', '-', '.', '/', '\u0085', '\u00A0', '\u2028', '\uD800', 'é', '$', '{');
        var any = Gen.Choose(0, 0xFFFF).Select(i => (char)i);
        Prop.ForAll(
            Gen.Frequency((4, special), (1, any)).ArrayOf().Select(cs => "k" + new string(cs) + "k").ToArbitrary(),
            text => YamlEmitter.NeedsQuotes(text) == NeedsQuotesExaminingEveryCharacter(text))
        .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EdgesNeedQuotes_DecidesAsTheReservedWordsAndIndicatorsSay_Property()
    {
        // EdgesNeedQuotes looks reserved words up only for strings that may be one; it must decide as the full rule:
        // empty, a reserved word (any case), an indicator or number start first, a space or colon last.
        string[] reserved = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", ".nan", ".inf", "-.inf", "+.inf", "<<", "="];
        var words = Gen.Elements(reserved).SelectMany(w => Gen.Elements(false, true).ArrayOf(w.Length).Select(upper => new string(w.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c).ToArray())));
        var chars = Gen.Elements('t', 'R', 'u', 'E', 'n', 'o', 'f', 'y', '~', '<', '=', '.', '-', '+', '1', ' ', ':', '#', 'a', 'ı', 'ſ', 'é', '\u212A', '\t');
        Prop.ForAll(
            Gen.Frequency((1, words), (3, chars.ArrayOf().Select(cs => new string(cs)))).ToArbitrary(),
            text => YamlEmitter.EdgesNeedQuotes(text) == EdgesNeedQuotesByTheFullRule(text, reserved))
        .QuickCheckThrowOnFailure();
    }

    private static bool EdgesNeedQuotesByTheFullRule(string text, string[] reserved) =>
        text.Length == 0
        || reserved.Contains(text, StringComparer.OrdinalIgnoreCase)
        || "-?:,[]{}#&*!|>'\"%@` .+".Contains(text[0], StringComparison.Ordinal) || char.IsAsciiDigit(text[0])
        || char.IsWhiteSpace(text[^1]) || text[^1] == ':';

    private static bool NeedsQuotesExaminingEveryCharacter(string text)
    {
        if (YamlEmitter.EdgesNeedQuotes(text))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < ' ' or >= '\u007F' && (c == '\t' || char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c)))
            {
                return true;
            }

            if ((c == ':' && i + 1 < text.Length && text[i + 1] == ' ') || (c == '#' && i > 0 && char.IsWhiteSpace(text[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static string QuotedOneCharacterAtATime(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("7.48.0")]
    [InlineData("key: value")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("\"quoted\" \\ back")]
    [InlineData("# not a comment")]
    [InlineData("- not a list")]
    [InlineData("unicode ✓ \u2028 separator")]
    [InlineData("")]
    public void Write_StringsReadBackUnchangedByAYamlParser(string value)
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("r", new ResourceType("aws:s3/bucket:Bucket", PulumiPackages.Aws), Value.Map(("key", value), ("list", Value.List(value)))));
        var yaml = PulumiYamlWriter.Write(graph.Build(), "p", "d");

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var properties = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("resources")]).Children[new YamlScalarNode("r")]).Children[new YamlScalarNode("properties")];
        Assert.Equal(value, ((YamlScalarNode)properties.Children[new YamlScalarNode("key")]).Value);
        Assert.Equal(value, ((YamlScalarNode)((YamlSequenceNode)properties.Children[new YamlScalarNode("list")]).Children[0]).Value);
    }

    [Fact]
    public void Write_NestedCollections_UseBlockStyleWithTwoSpaceIndent()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("r", new ResourceType("aws:s3/bucket:Bucket", PulumiPackages.Aws), Value.Map(
            ("a", Value.Map(("b", 1))),
            ("list", Value.List(Value.Map(("x", "w"), ("z", Value.List(true))), Value.List("inner"))),
            ("empty", MapValue.Empty),
            ("none", Value.List()))));

        var yaml = PulumiYamlWriter.Write(graph.Build(), "p", "d");

        Assert.Contains(
            "    properties:\n      a:\n        b: 1\n      list:\n        - x: w\n          z:\n            - true\n        - - inner\n      empty: {}\n      none: []\n",
            yaml,
            StringComparison.Ordinal);
    }
}
