using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Graph;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers;

public class PulumiYamlWriterTests
{
    private static readonly ResourceType s_bucket = new("aws:s3/bucket:Bucket", PulumiPackages.Aws);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${not.a.reference}", "$${not.a.reference}")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("$$", "$$$")]
    [InlineData("a$${b}", "a$$$${b}")]
    [InlineData("trailing $", "trailing $")]
    public void EscapeLiteral_MakesPulumiReadTheSameText(string literal, string escaped)
    {
        Assert.Equal(escaped, PulumiYamlWriter.EscapeLiteral(literal));
        Assert.Equal(literal, PulumiInterpolation.LiteralText(escaped));
    }

    [Fact]
    public void EscapeLiteral_RoundTripsAnyText_Property() =>
        Prop.ForAll(
            Gen.Elements('$', '{', '}', 'a', '.', ' ').ArrayOf().Select(cs => new string(cs)).ToArbitrary(),
            text => PulumiInterpolation.LiteralText(PulumiYamlWriter.EscapeLiteral(text)) == text)
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Write_StringScalarIsItsEscapedLiteralQuotedAsNeeded_Property() =>
        // The writer escapes in place (its scratch buffer); it must print what EscapeLiteral, then YAML's quoting, make.
        Prop.ForAll(
            Gen.Elements('$', '{', '}', 'a', ':', ' ', '#', '"', '\n').ArrayOf().Select(cs => "v" + new string(cs)).ToArbitrary(),
            text =>
            {
                var graph = new GraphBuilder();
                graph.Add(new Resource("r", s_bucket, Value.Map(("size", text))));
                return PulumiYamlWriter.Write(graph.Build(), "p", "d").Contains($"      size: {YamlEmitter.FormatString(PulumiYamlWriter.EscapeLiteral(text))}\n", StringComparison.Ordinal);
            })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Write_UserStringWithDollarBrace_StaysLiteral()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("b", s_bucket, Value.Map(("tags", Value.Map(("note", "use ${HOME} here"))))));

        var yaml = PulumiYamlWriter.Write(graph.Build(), "p", "d");

        Assert.Contains("note: use $${HOME} here\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UserKeyWithDollarBrace_StaysLiteral()
    {
        // Pulumi YAML interpolates mapping keys too: an unescaped key would read the registry password into a tag.
        var graph = new GraphBuilder();
        graph.Add(new Resource("b", s_bucket, Value.Map(("tags", Value.Map(("k-${fraud-registry-auth.password}", "v"))))));

        var yaml = PulumiYamlWriter.Write(graph.Build(), "p", "d");

        Assert.Contains("k-$${fraud-registry-auth.password}: v\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("k-${fraud", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TypedReferencesAndInterpolation_BecomePulumiExpressions()
    {
        var graph = new GraphBuilder();
        var bucket = graph.Add(new Resource("data", s_bucket, MapValue.Empty));
        var secret = graph.Config(new ConfigParameter("apiToken", ConfigType.String, Secret: true));
        graph.Add(new Resource("copy", s_bucket, Value.Map(
            ("arn", bucket.Output("arn")),
            ("path", Value.Format($"arn:aws:s3:::{bucket.Output("bucket")}/models/*")),
            ("token", secret),
            ("stack", Value.Format($"{Fn.Project}-{Fn.Stack}")),
            ("policy", Fn.ToJson(Value.Map(("Resource", bucket.Output("arn"))))),
            ("password", Fn.Secret(bucket.Output("id"))),
            ("source", Fn.FileAsset("model/model.json"))),
            new ResourceOptions { DependsOn = [bucket], RetainOnDelete = true, IgnoreChanges = ["tags"] }));
        graph.Output(new StackOutput("bucketName", bucket.Output("bucket")));

        var yaml = PulumiYamlWriter.Write(graph.Build(), "ml-platform", "test program");

        Assert.Equal(
            """
            name: ml-platform
            runtime: yaml
            description: test program
            config:
              apiToken:
                type: String
                secret: true
            resources:
              copy:
                type: aws:s3/bucket:Bucket
                properties:
                  arn: ${data.arn}
                  path: arn:aws:s3:::${data.bucket}/models/*
                  token: ${apiToken}
                  stack: ${pulumi.project}-${pulumi.stack}
                  policy:
                    fn::toJSON:
                      Resource: ${data.arn}
                  password:
                    fn::secret: ${data.id}
                  source:
                    fn::fileAsset: model/model.json
                options:
                  dependsOn:
                    - ${data}
                  ignoreChanges:
                    - tags
                  retainOnDelete: true
                  version: "7.48.0"
              data:
                type: aws:s3/bucket:Bucket
                options:
                  version: "7.48.0"
            outputs:
              bucketName: ${data.bucket}

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Write_ResourcesInAnyInsertionOrder_GiveTheSameBytes()
    {
        string Build(bool reversed)
        {
            var names = new[] { "zeta", "alpha", "mid" };
            var graph = new GraphBuilder();
            foreach (var name in reversed ? names.Reverse() : names)
            {
                graph.Add(new Resource(name, s_bucket, Value.Map(("size", 1.5m))));
            }

            return PulumiYamlWriter.Write(graph.Build(), "p", "d");
        }

        Assert.Equal(Build(reversed: false), Build(reversed: true));
        Assert.Contains("size: 1.5\n", Build(reversed: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NumbersPrintInvariantWithoutTrailingZeros()
    {
        Assert.Equal("100", new NumberValue(100.00m).ToInvariantString());
        Assert.Equal("0.25", new NumberValue(0.250m).ToInvariantString());
        Assert.Equal("-3", new NumberValue(-3m).ToInvariantString());
    }

    [Fact]
    public void Write_EveryDecimalPrintsAsItsInvariantString_Property()
    {
        // The writer skips the normalizing division for integers of scale 0; any decimal (any scale, sign, magnitude,
        // negative zero) must still print exactly as NumberValue.ToInvariantString says.
        var decimals = Gen.Choose(int.MinValue, int.MaxValue).Three().SelectMany(
            parts => Gen.Elements(false, true).SelectMany(negative => Gen.Choose(0, 28).Select(scale => new decimal(parts.Item1, parts.Item2, parts.Item3, negative, (byte)scale))));
        var edges = Gen.Elements(0m, -0m, new decimal(0, 0, 0, true, 0), 1m, -1m, 100m, 100.00m, decimal.MaxValue, decimal.MinValue, long.MaxValue, long.MinValue, 0.0000000000000000000000000001m);
        Prop.ForAll(
            Gen.Frequency((4, decimals), (1, edges), (2, Gen.Choose(-100_000, 100_000).Select(i => (decimal)i))).ToArbitrary(),
            d =>
            {
                var graph = new GraphBuilder();
                graph.Add(new Resource("r", s_bucket, Value.Map(("size", d))));
                return PulumiYamlWriter.Write(graph.Build(), "p", "d").Contains($"      size: {new NumberValue(d).ToInvariantString()}\n", StringComparison.Ordinal);
            })
        .QuickCheckThrowOnFailure();
    }
}

/// <summary>Pulumi YAML's reading of literal text in a string (the escape rules of its interpolation parser), for round-trip checks.</summary>
internal static class PulumiInterpolation
{
    public static string LiteralText(string value)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                sb.Append('$');
                i++;
            }
            else if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                throw new InvalidOperationException($"'{value}' contains an interpolation at {i}");
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }
}
