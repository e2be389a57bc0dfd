using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers.Graphs;

public partial class MermaidGraphWriterTests
{
    [Fact]
    public void Write_HostileNames_EveryNodeHasASafeUniqueIdAndItsLabelDecodesToTheText()
    {
        var text = MermaidGraphWriter.Write(HostileGraph.Build());
        var nodes = NodeLine().Matches(text).Select(m => (Id: m.Groups["id"].Value, Label: m.Groups["label"].Value)).ToList();

        // Every line is one of: the header, a subgraph, a node, an end, an edge — nothing a label could have broken up.
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            Assert.Matches(@"^(flowchart LR|  subgraph g\d+\[""[^""]*""\]|    n_\w+(\[""[^""]*""\]|\(\[""[^""]*""\]\))|  end|  n_\w+ (-->|-\. dependsOn \.->|== provider ==>|-\. parent \.->) n_\w+)$", line);
        }

        Assert.Equal(nodes.Count, nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(nodes, n => n.Id is "end" or "graph" or "subgraph" || !Regex.IsMatch(n.Id, "^n_[A-Za-z0-9_]+$"));
        var shown = nodes.Select(n => Decode(n.Label.Split("<br/>")[0])).ToHashSet(StringComparer.Ordinal);
        Assert.All(HostileGraph.AllNames, name => Assert.Contains(name, shown));
        Assert.All(nodes, n => Assert.DoesNotMatch("[\"<>#$`%&\\\\]", n.Label.Replace("<br/>", string.Empty, StringComparison.Ordinal).Replace("<b></b>", string.Empty, StringComparison.Ordinal).Replace("#", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(nodes, n => Decode(n.Label).Contains("instanceType: ml.\"large\"]; n_x --> n_y", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_EdgeKinds_ReferenceSolidDependsOnDashedProviderThickParentDashed()
    {
        var graph = new GraphBuilder();
        var type = new ResourceType("test:index/thing:Thing", PulumiPackages.Aws);
        var a = graph.Add(new Resource("a", type, MapValue.Empty));
        var p = graph.Add(new Resource("p", type, MapValue.Empty));
        graph.Add(new Resource("b", type, Value.Map(("x", a.Output("id")), ("y", Value.Format($"{a.Output("arn")}/z"))), new ResourceOptions { DependsOn = [a], Provider = p, Parent = p }));

        var text = MermaidGraphWriter.Write(graph.Build());

        Assert.Contains("  n_a --> n_b\n  n_a -. dependsOn .-> n_b\n  n_p == provider ==> n_b\n  n_p -. parent .-> n_b\n", text, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(text, "n_a --> n_b"));
    }

    [Fact]
    public void Write_Groups_DeploymentsThenComponentsThenPlatform_NodesOrderedByName()
    {
        var text = MermaidGraphWriter.Write(HostileGraph.Build());
        var titles = Regex.Matches(text, @"subgraph g\d+\[""([^""]*)""\]").Select(m => Decode(m.Groups[1].Value)).ToList();
        Assert.Equal(["deployment dep \"1\"", "deployment dep <2>", "component shared <c>", "platform"], titles);
    }

    [Fact]
    public void Write_IsDeterministic_AndIndependentOfTheOrderResourcesWereAdded()
    {
        var type = new ResourceType("test:index/thing:Thing", PulumiPackages.Aws);
        string Draw(IEnumerable<string> order)
        {
            var graph = new GraphBuilder();
            var root = graph.Add(new Resource("root", type, MapValue.Empty));
            foreach (var name in order)
            {
                graph.Add(new Resource(name, type, Value.Map(("r", root.Output("id"))), owner: name[..1]));
            }

            return MermaidGraphWriter.Write(graph.Build());
        }

        Assert.Equal(Draw(["a1", "b1", "a2"]), Draw(["a2", "a1", "b1"]));
        Assert.Equal(MermaidGraphWriter.Write(HostileGraph.Build()), MermaidGraphWriter.Write(HostileGraph.Build()));
    }

    /// <summary>What Mermaid shows for a label: its decimal entities turned back into characters.</summary>
    internal static string Decode(string label) =>
        Regex.Replace(label.Replace("<b></b>", string.Empty, StringComparison.Ordinal), "#([0-9]+);", m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^    (?<id>n_\w+)(?:\[|\(\[)""(?<label>[^""]*)""", RegexOptions.Multiline)]
    private static partial Regex NodeLine();
}
