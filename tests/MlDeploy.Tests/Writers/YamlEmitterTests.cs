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
    public void Emit_StringsReadBackUnchangedByAYamlParser(string value)
    {
        var yaml = YamlEmitter.Emit(new YamlMapping([new("key", YamlScalar.OfString(value)), new("list", new YamlSequence([YamlScalar.OfString(value)]))]));

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal(value, ((YamlScalarNode)root.Children[new YamlScalarNode("key")]).Value);
        Assert.Equal(value, ((YamlScalarNode)((YamlSequenceNode)root.Children[new YamlScalarNode("list")]).Children[0]).Value);
    }

    [Fact]
    public void Emit_NestedCollections_UsesBlockStyleWithTwoSpaceIndent()
    {
        var doc = new YamlMapping([
            new("a", new YamlMapping([new("b", YamlScalar.Raw("1"))])),
            new("list", new YamlSequence([
                new YamlMapping([new("x", YamlScalar.OfString("w")), new("z", new YamlSequence([YamlScalar.Raw("true")]))]),
                new YamlSequence([YamlScalar.OfString("inner")]),
            ])),
            new("empty", new YamlMapping([])),
            new("none", new YamlSequence([])),
        ]);

        Assert.Equal(
            "a:\n  b: 1\nlist:\n  - x: w\n    z:\n      - true\n  - - inner\nempty: {}\nnone: []\n",
            YamlEmitter.Emit(doc));
    }
}
