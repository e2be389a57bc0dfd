using MlDeploy.Graph;

namespace MlDeploy.Tests.Graph;

public class ResourceGraphTests
{
    private static readonly ResourceType s_type = new("aws:s3/bucket:Bucket", PulumiPackages.Aws);

    [Fact]
    public void Add_DuplicateLogicalName_ThrowsNamingBoth()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("fraud-key", s_type, MapValue.Empty));

        var e = Assert.Throws<InvalidOperationException>(() => graph.Add(new Invoke("fraud-key", s_type, MapValue.Empty)));

        Assert.Equal("the logical name 'fraud-key' is used twice (resource aws:s3/bucket:Bucket and invoke aws:s3/bucket:Bucket); logical names must be unique in a program.", e.Message);
    }

    [Fact]
    public void Build_ReferenceToResourceOutsideTheGraph_Throws()
    {
        var stray = new Resource("stray", s_type, MapValue.Empty);
        var graph = new GraphBuilder();
        graph.Add(new Resource("user", s_type, Value.Map(("arn", stray.Output("arn")))));

        var e = Assert.Throws<InvalidOperationException>(graph.Build);

        Assert.Equal("'user' references 'stray', which is not part of the program.", e.Message);
    }

    [Fact]
    public void Build_UndeclaredConfig_Throws()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("user", s_type, Value.Map(("token", new ConfigReference(new ConfigParameter("token", ConfigType.String, true))))));

        var e = Assert.Throws<InvalidOperationException>(graph.Build);

        Assert.Equal("config 'token' is used but not declared.", e.Message);
    }

    [Fact]
    public void Build_AnInterpolationOfAMap_IsRefusedBeforeAnythingIsPrinted()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("user", s_type, Value.Map(("name", Value.Format($"prefix-{Value.Map(("k", "v"))}")))));

        var e = Assert.Throws<InvalidOperationException>(graph.Build);

        Assert.Equal("MapValue cannot appear inside an interpolated string; build it as a separate value.", e.Message);
    }

    [Fact]
    public void Build_AFunctionOrBuiltinOutOfRange_IsRefused()
    {
        var function = new GraphBuilder();
        function.Add(new Resource("user", s_type, Value.Map(("body", new FunctionCall((BuiltinFunction)99, "x")))));
        var builtin = new GraphBuilder();
        builtin.Add(new Resource("user", s_type, Value.Map(("stack", new BuiltinReference((PulumiBuiltin)99)))));

        Assert.Equal("built-in function 99 is not one Pulumi YAML has.", Assert.Throws<InvalidOperationException>(function.Build).Message);
        Assert.Equal("built-in variable 99 is not one Pulumi YAML has.", Assert.Throws<InvalidOperationException>(builtin.Build).Message);
    }

    [Fact]
    public void Build_AValueKindPulumiYamlHasNoFormFor_IsRefused()
    {
        var graph = new GraphBuilder();
        graph.Add(new Resource("user", s_type, Value.Map(("odd", new OddValue()))));

        Assert.Equal("cannot write OddValue", Assert.Throws<InvalidOperationException>(graph.Build).Message);
    }

    [Fact]
    public void WithResource_ReplacementIsReferencedByTheOthers()
    {
        var graph = new GraphBuilder();
        var a = graph.Add(new Resource("a", s_type, Value.Map(("v", 1))));
        graph.Add(new Resource("b", s_type, Value.Map(("ref", a.Output("arn")))));
        var built = graph.Build();

        var changed = built.WithResource(new Resource("a", s_type, Value.Map(("v", 2))));

        var b = changed.Resources.Single(r => r.Name == "b");
        var target = (Resource)((OutputReference)b.Properties.Get("ref")!).Target;
        Assert.Same(changed.Resources.Single(r => r.Name == "a"), target);
        Assert.Equal(2m, ValuePath.GetNumber(target.Properties, "v"));
    }

    [Fact]
    public void Union_KeepsTheFirstDefinitionAndEveryName()
    {
        ResourceGraph Stack(int version, string extra)
        {
            var graph = new GraphBuilder();
            var a = graph.Add(new Resource("a", s_type, Value.Map(("v", version))));
            graph.Add(new Resource(extra, s_type, Value.Map(("ref", a.Output("arn")))));
            return graph.Build();
        }

        var union = ResourceGraph.Union([Stack(1, "only-staging"), Stack(2, "only-prod")]);

        Assert.Equal(["a", "only-staging", "only-prod"], union.Resources.Select(r => r.Name));
        Assert.Equal(1m, ValuePath.GetNumber(union.Resources[0].Properties, "v"));
        var prodRef = (OutputReference)union.Resources[2].Properties.Get("ref")!;
        Assert.Same(union.Resources[0], prodRef.Target);
    }

    [Fact]
    public void Union_SameNameWithAnotherType_IsRenamedOnceInLaterStacksAndTheirReferencesFollow()
    {
        var topicType = new ResourceType("aws:sns/topic:Topic", PulumiPackages.Aws);
        var groupType = new ResourceType("azure-native:monitor:ActionGroup", PulumiPackages.AzureNative);
        var aws = new GraphBuilder();
        var topic = aws.Add(new Resource("alerts", topicType, MapValue.Empty));
        aws.Add(new Resource("alarm", s_type, Value.Map(("actions", topic.Output("arn")))));
        aws.Output(new StackOutput("alertTarget", topic.Output("arn")));
        var azure = new GraphBuilder();
        azure.Add(new Resource("alerts-2", s_type, MapValue.Empty));
        var group = azure.Add(new Resource("alerts", groupType, MapValue.Empty));
        azure.Add(new Resource("rule", s_type, Value.Map(("actionGroup", group.Output("id")))));
        azure.Output(new StackOutput("actionGroupId", group.Output("id")));

        var secondAzure = new GraphBuilder();
        secondAzure.Add(new Resource("alerts", groupType, MapValue.Empty));

        var union = ResourceGraph.Union([aws.Build(), azure.Build(), secondAzure.Build()]);

        Assert.Equal(["alerts", "alarm", "alerts-2", "alerts-3", "rule"], union.Resources.Select(r => r.Name));
        Assert.Equal(topicType, union.Resources[0].Type);
        var renamed = union.Resources.Single(r => r.Name == "alerts-3");
        Assert.Equal(groupType, renamed.Type);
        Assert.Same(renamed, ((OutputReference)union.Resources.Single(r => r.Name == "rule").Properties.Get("actionGroup")!).Target);
        Assert.Same(union.Resources[0], ((OutputReference)union.Resources.Single(r => r.Name == "alarm").Properties.Get("actions")!).Target);
        Assert.Same(renamed, ((OutputReference)union.Outputs.Single(o => o.Name == "actionGroupId").Value).Target);
    }

    [Fact]
    public void Interpolation_FoldsLiteralsAndKeepsReferencesTyped()
    {
        var r = new Resource("ep", s_type, MapValue.Empty);

        var value = Value.Format($"endpoint/{r.Output("name")}/variant/{"primary"}/{3}");

        var parts = Assert.IsType<Interpolation>(value).Parts;
        Assert.Equal(3, parts.Length);
        Assert.Equal("endpoint/", Assert.IsType<StringValue>(parts[0]).Value);
        Assert.Same(r, Assert.IsType<OutputReference>(parts[1]).Target);
        Assert.Equal("/variant/primary/3", Assert.IsType<StringValue>(parts[2]).Value);
        Assert.Equal(new StringValue("no refs 1"), Value.Format($"no refs {1}"));
    }

    private sealed record OddValue : Value;
}
