using MlDeploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Tests.Hosting;

public class GraphCommandTests
{
    private static readonly string MermaidJs = Repo.PathOf("tests", "conformance", "node_modules", "mermaid", "dist", "mermaid.min.js");

    public static TheoryData<string> Stacks => [.. TestHost.ExampleStacks];

    /// <summary>The logical names of a stack's resources and invokes, read from the program <c>synth</c> prints.</summary>
    internal static List<string> NodeNames(string stack)
    {
        var synth = TestHost.Run(["synth", "--stack", stack]);
        Assert.Equal(0, synth.ExitCode);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(synth.Stdout));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        IEnumerable<string> Keys(string section) => root.Children.TryGetValue(new YamlScalarNode(section), out var node) ? ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!) : [];
        return [.. Keys("resources"), .. Keys("variables").Where(v => synth.Stdout.Contains($"  {v}:\n    fn::invoke:", StringComparison.Ordinal))];
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Graph_EveryExampleStack_MermaidAndDotShowEveryResourceAndInvoke_Deterministically(string stack)
    {
        var names = NodeNames(stack);
        var mermaid = TestHost.Run(["graph", "--stack", stack]);
        var dot = TestHost.Run(["graph", "--stack", stack, "--format", "dot"]);

        Assert.Equal((0, 0, string.Empty, string.Empty), (mermaid.ExitCode, dot.ExitCode, mermaid.Stderr, dot.Stderr));
        Assert.Equal(mermaid.Stdout, TestHost.Run(["graph", "--stack", stack, "--format", "mermaid"]).Stdout);
        Assert.Equal(dot.Stdout, TestHost.Run(["graph", "--stack", stack, "--format", "dot"]).Stdout);
        Assert.All(names, n => Assert.Contains($"\"{n}<br/>", mermaid.Stdout, StringComparison.Ordinal));
        Assert.All(names, n => Assert.Contains($"\n    \"{n}\" [label=\"{n}\\n", dot.Stdout, StringComparison.Ordinal));
        Assert.Equal(names.Count, mermaid.Stdout.Split('\n').Count(l => l.StartsWith("    n_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Graph_Eks_GroupsTheDeploymentTheSharedClusterAndThePlatform_WithReferenceDependsOnAndProviderEdges()
    {
        var text = TestHost.Run(["graph", "--stack", "eks"]).Stdout;
        string Group(string title)
        {
            var start = text.IndexOf($"[\"{title}\"]\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no subgraph {title}:\n{text}");
            return text[start..text.IndexOf("  end\n", start, StringComparison.Ordinal)];
        }

        Assert.Contains("n_fraud_scorer_deployment[\"fraud-scorer-deployment<br/>kubernetes:apps/v1:Deployment<br/>image: ", Group("deployment fraud-scorer"), StringComparison.Ordinal);
        Assert.Contains("n_eks_platform_k8s[\"eks-platform-k8s<br/>pulumi:providers:kubernetes", Group("component eks-platform"), StringComparison.Ordinal);
        Assert.Contains("n_eks_platform_cluster([\"eks-platform-cluster<br/>aws:eks/getCluster:getCluster", Group("component eks-platform"), StringComparison.Ordinal);
        Assert.Contains("n_aws_caller_identity([\"aws-caller-identity", Group("platform"), StringComparison.Ordinal);
        Assert.Contains("  n_eks_platform_k8s == provider ==> n_fraud_scorer_deployment\n", text, StringComparison.Ordinal);
        Assert.Contains(" --> n_fraud_scorer_deployment\n", text, StringComparison.Ordinal);
        Assert.Contains(" -. dependsOn .-> ", text, StringComparison.Ordinal);
        // The server's image, not the model loader's (an init container).
        Assert.DoesNotContain("fraud-scorer-deployment<br/>kubernetes:apps/v1:Deployment<br/>image: public.ecr.aws/aws-cli", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_Out_WritesTheFileAtomically_PrintsNothing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "prod.dot");
        var run = TestHost.Run(["graph", "--stack", "prod", "--format", "dot", "--out", path]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Contains("wrote ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(TestHost.Run(["graph", "--stack", "prod", "--format", "dot"]).Stdout, File.ReadAllText(path));
        Assert.Equal(["prod.dot"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Graph_Html_InlinesTheNamedMermaidBundle_FromTheOptionOrTheEnvironment()
    {
        using var dir = new TempDirectory();
        var fromOption = TestHost.Run(["graph", "--stack", "prod", "--format", "html", "--mermaid-js", MermaidJs]);
        var fromEnvironment = TestHost.Run(["graph", "--stack", "prod", "--format", "html"], new Dictionary<string, string> { ["MLDEPLOY_MERMAID_JS"] = MermaidJs });

        Assert.Equal((0, 0), (fromOption.ExitCode, fromEnvironment.ExitCode));
        Assert.Equal(fromOption.Stdout, fromEnvironment.Stdout);
        Assert.StartsWith("<!DOCTYPE html>\n", fromOption.Stdout, StringComparison.Ordinal);
        Assert.Contains("globalThis[\"mermaid\"]", fromOption.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["graph", "--stack", "nope"], "stacks/Pulumi.nope.yaml" },
        { ["graph", "--stack", "prod", "--format", "svg"], "error: --format svg: is not a graph format (use mermaid, dot or html)" },
        { ["graph", "--stack", "prod", "--format", "html"], "error: --format html: needs Mermaid's browser bundle to inline, so the page renders offline (npm install mermaid@12.3.0, then pass --mermaid-js node_modules/mermaid/dist/mermaid.min.js or set MLDEPLOY_MERMAID_JS)" },
        { ["graph", "--stack", "prod", "--format", "html", "--mermaid-js", "missing.js"], "error: --mermaid-js missing.js: does not exist (npm install mermaid@12.3.0" },
        { ["graph", "--stack", "prod", "--format", "html", "--mermaid-js", "tests/conformance/package.json"], "error: --mermaid-js tests/conformance/package.json: is not Mermaid's browser bundle (it defines no global mermaid)" },
        { ["graph", "--stack", "prod", "--format", "html", "--mermaid-js", "stacks"], "error: --mermaid-js stacks: is a folder, not Mermaid's browser bundle" },
        { ["graph", "--stack", "prod", "--mermaid-js", "x.js"], "error: --mermaid-js x.js: is only read by --format html (drop it, or add --format html)" },
        { ["graph", "--stack", "prod", "--out", "stacks"], "error: --out stacks: is a folder" },
        { ["graph", "--stack", "prod", "--out", "stacks/Pulumi.prod.yaml/x.mmd"], "error: --out stacks/Pulumi.prod.yaml/x.mmd: is under " },
        { ["graph", "--stack", "prod", "--out", " "], "error: --out  : is not a usable file path" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Graph_BadInput_ExitsTwo_PrintsAndWritesNothing(string[] args, string expected)
    {
        var before = Snapshot();
        var run = TestHost.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Graph_UnknownStackWithOut_WritesNothing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "new", "graph.mmd");
        var run = TestHost.Run(["graph", "--stack", "nope", "--out", path]);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    // The files under the repository's stacks folder and root: where a bad --out would have written.
    private static string Snapshot() =>
        string.Join("\n", Directory.GetFiles(Repo.Root).Concat(Directory.GetFiles(Repo.PathOf("stacks"))).Order(StringComparer.Ordinal).Select(f => $"{f} {new FileInfo(f).Length}"));
}
