using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Performance;

/// <summary>
/// What the performance work relies on to keep the output unchanged: indexes that answer like the scans they
/// replaced, a streamed program equal to the buffered one, and the JSON reader keeping the serializer's rules.
/// </summary>
public class IndexAndStreamingTests
{
    private static readonly ResourceType s_bucket = new("aws:s3/bucket:Bucket", PulumiPackages.Aws);
    private static readonly ResourceType s_key = new("aws:kms/key:Key", PulumiPackages.Aws);

    [Fact]
    public void StructuralHashCode_EqualValues_HashAlike()
    {
        var a = Value.Map(("app", "m0001"), ("tier", Value.List("a", 1, true)), ("n", 1.0m));
        var b = Value.Map(("app", "m0001"), ("tier", Value.List("a", 1, true)), ("n", 1m));

        Assert.True(Value.StructurallyEqual(a, b));
        Assert.Equal(Value.StructuralHashCode(a), Value.StructuralHashCode(b));
        Assert.False(Value.StructurallyEqual(a, Value.Map(("app", "m0002"))));
    }

    [Fact]
    public void GuardrailContext_ResourcesOf_KeepsGraphOrder_AndCopiesIndexTheirOwnGraph()
    {
        var first = new GraphBuilder();
        first.Add(new Resource("b1", s_bucket, MapValue.Empty));
        first.Add(new Resource("k1", s_key, MapValue.Empty));
        first.Add(new Resource("b2", s_bucket, MapValue.Empty));
        var second = new GraphBuilder();
        second.Add(new Resource("b3", s_bucket, MapValue.Empty));
        var platform = new Platform { Deployments = [] };

        var context = new GuardrailContext(first.Build(), platform);
        Assert.Equal(new[] { "b1", "b2" }, context.ResourcesOf(s_bucket.Token).Select(r => r.Name));
        Assert.Empty(context.ResourcesOf("aws:none/none:None"));

        // A `with` copy must not answer from the original's index.
        var copy = context with { Graph = second.Build() };
        Assert.Equal(new[] { "b3" }, copy.OfType(s_bucket.Token).Select(r => r.Name));
        Assert.Equal(new[] { "b1", "b2" }, context.OfType(s_bucket.Token).Select(r => r.Name));
        Assert.Equal(context, context with { });
    }

    [Fact]
    public void GuardrailContext_Index_BuildsOncePerKey()
    {
        var context = new GuardrailContext(new GraphBuilder().Build(), new Platform { Deployments = [] });
        var builds = 0;

        var one = context.Index("key", _ => new List<int> { ++builds });
        var two = context.Index("key", _ => new List<int> { ++builds });

        Assert.Same(one, two);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void Write_ToTextWriter_EqualsTheBufferedProgram_ForAProgramLargerThanOneSpill()
    {
        var graph = new GraphBuilder();
        for (var i = 0; i < 600; i++)
        {
            graph.Add(new Resource($"b{i:D4}", s_bucket, Value.Map(
                ("bucket", $"bucket-{i}"),
                ("note", Value.Format($"cost $5 ${{not}} {Fn.Stack}")),
                ("size", i / 4m),
                ("tags", Value.Map(("a: b", "yes"), ("plain", "text"))))));
        }

        var built = graph.Build();
        var streamed = new StringWriter { NewLine = "\n" };

        PulumiYamlWriter.Write(built, "p", "d", streamed);

        Assert.Equal(PulumiYamlWriter.Write(built, "p", "d"), streamed.ToString());
    }

    [Fact]
    public void Write_ToTextWriter_UnprintableValue_WritesNothing()
    {
        var graph = new GraphBuilder();
        for (var i = 0; i < 600; i++)
        {
            graph.Add(new Resource($"b{i:D4}", s_bucket, Value.Map(("bucket", $"bucket-{i}"))));
        }

        // A number cannot be part of an interpolation: found by the check before anything is written.
        graph.Add(new Resource("z-last", s_bucket, Value.Map(("bad", new Interpolation(["x", new NumberValue(1)])))));
        var output = new StringWriter();

        Assert.Throws<InvalidOperationException>(() => PulumiYamlWriter.Write(graph.Build(), "p", "d", output));
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("{\"a\":\"1\",\"b\":null,\"a\":\"2\"}", "a=2,b=")]
    [InlineData(" { } ", "")]
    [InlineData("{\"k\\u0041\":\"v\\n\"}", "kA=v\n")]
    public void ConfigJson_ReadObject_ReadsObjectsOfStrings(string json, string expected)
    {
        var values = ConfigJson.ReadObject(json)!;

        Assert.Equal(expected, string.Join(",", values.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":\"1\",}")]
    [InlineData("{\"a\":\"1\"} {}")]
    [InlineData("[\"a\"]")]
    [InlineData("{\"a\":\"1\" // comment\n}")]
    [InlineData("{not json")]
    public void ConfigJson_ReadObject_RejectsAnythingElse(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ConfigJson.ReadObject(json));

    [Fact]
    public void ConfigJson_ReadArray_KeepsNullItems_AndNullLiteral()
    {
        Assert.Equal(new[] { "a", null, "b" }, ConfigJson.ReadArray("[\"a\", null, \"b\"]"));
        Assert.Null(ConfigJson.ReadArray("null"));
        Assert.Null(ConfigJson.ReadObject("null"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ConfigJson.ReadArray("[1]"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ConfigJson.ReadArray("{}"));
    }
}
