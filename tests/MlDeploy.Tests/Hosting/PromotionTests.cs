using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// Staging to production the way CI runs it: synthesize staging, take the outputs `pulumi up` would report, `promote`,
/// synthesize production — production must deploy exactly the image and model staging verified.
/// </summary>
public sealed partial class PromotionTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>, IDisposable
{
    private readonly TempDirectory _project = ExampleProject.CopyBeforeFirstPromotion();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Promote_StagingToProd_ProdDeploysTheSameImageDigestAndModelBytes_AndPassesConformance()
    {
        var stagingOutputs = FakeOutputs(Synth("staging"));
        WriteOutputs(stagingOutputs);

        var promote = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json");
        Assert.True(promote.ExitCode == 0, promote.Stderr);
        var prod = Synth("prod");

        var model = Resource(prod, "fraud-scorer-model");
        Assert.Equal(stagingOutputs["fraud-scorer-image"], Scalar(model, "properties", "primaryContainer", "image"));
        Assert.Equal(stagingOutputs["fraud-scorer-model-sha256"], Scalar(model, "properties", "primaryContainer", "environment", "MODEL_SHA256"));
        Assert.Equal(stagingOutputs["fraud-scorer-model-sha256"], Scalar(Root(prod), "outputs", "fraud-scorer-model-sha256"));
        Assert.DoesNotContain("docker-build:index:Image", prod, StringComparison.Ordinal);

        var file = Path.Combine(_project.Path, "prod.yaml");
        File.WriteAllText(file, prod);
        var check = conformance.Check(file);
        Assert.True(check.ExitCode == 0 && check.Programs.All(p => p.Ok), check.Output);
    }

    [Fact]
    public void Promote_Twice_TheSecondRunWritesNothing()
    {
        WriteOutputs(FakeOutputs(Synth("staging")));
        Assert.Equal(0, Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json").ExitCode);
        var first = File.ReadAllBytes(StackFile("prod"));
        var modified = File.GetLastWriteTimeUtc(StackFile("prod"));

        var again = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json");

        Assert.Equal((0, string.Empty), (again.ExitCode, again.Stdout));
        Assert.Contains("already holds staging's release; nothing written", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(StackFile("prod")));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(StackFile("prod")));
    }

    [Fact]
    public void Promote_KeepsEveryOtherByteOfTheConfigFile()
    {
        var before = File.ReadAllText(StackFile("prod"));
        WriteOutputs(FakeOutputs(Synth("staging")));

        Assert.Equal(0, Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json").ExitCode);

        // Only the release's lines were added, before the first key, at its indentation; comments and order stay.
        var after = File.ReadAllText(StackFile("prod"));
        var added = after.Split('\n').Except(before.Split('\n'), StringComparer.Ordinal).ToList();
        Assert.Equal(["  ml-platform:fraud-scorer-image: ", "  ml-platform:fraud-scorer-model-sha256: "], added.Select(l => l[..(l.IndexOf(": ", StringComparison.Ordinal) + 2)]));
        Assert.Equal(before, string.Join('\n', after.Split('\n').Where(l => !added.Contains(l))));
    }

    [Fact]
    public void Promote_ANewRelease_ReplacesOnlyTheValues()
    {
        var outputs = FakeOutputs(Synth("staging"));
        WriteOutputs(outputs);
        Assert.Equal(0, Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json").ExitCode);
        var first = File.ReadAllText(StackFile("prod"));

        var next = outputs["fraud-scorer-image"][..^64] + new string('a', 64);
        WriteOutputs(new Dictionary<string, string>(outputs) { ["fraud-scorer-image"] = next });
        var run = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(first.Replace(outputs["fraud-scorer-image"], next, StringComparison.Ordinal), File.ReadAllText(StackFile("prod")));
    }

    [Fact]
    public void Prod_WithTheModelChangedAfterPromotion_RefusesToSynthesize()
    {
        WriteOutputs(FakeOutputs(Synth("staging")));
        Assert.Equal(0, Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json").ExitCode);
        File.AppendAllText(Path.Combine(_project.Path, "examples", "model-server", "model", "model.json"), " ");

        var run = Run("synth", "--stack", "prod");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Matches(@"^error: deployments\[fraud-scorer\]\.artifact\.sha256: the files at 'examples/model-server/model' have digest [0-9a-f]{64}, not the pinned [0-9a-f]{64} \(the model changed since the release was verified", run.Stderr);
    }

    [Theory]
    [InlineData("""{"fraud-scorer-image": "r.example/x:2026.11", "fraud-scorer-model-sha256": "$SHA"}""", "fraud-scorer-image: 'r.example/x:2026.11' is a mutable tag, not a digest")]
    [InlineData("""{"fraud-scorer-image": "r.example/x@sha256:abc", "fraud-scorer-model-sha256": "$SHA"}""", "fraud-scorer-image: 'r.example/x@sha256:abc' is not pinned by a sha256 digest")]
    [InlineData("""{"fraud-scorer-model-sha256": "$SHA"}""", "fraud-scorer-image: is missing")]
    [InlineData("""{"fraud-scorer-image": "[secret]", "fraud-scorer-model-sha256": "$SHA"}""", "fraud-scorer-image: is a secret")]
    [InlineData("""{"fraud-scorer-image": "r.example/x@sha256:$SHA"}""", "fraud-scorer-model-sha256: is missing, so nothing pins the model's bytes")]
    [InlineData("""{"fraud-scorer-image": "r.example/x@sha256:$SHA", "fraud-scorer-model-sha256": "ABC"}""", "fraud-scorer-model-sha256: 'ABC' is not a SHA-256 digest")]
    [InlineData("""{"fraud-scorer-image": """, "is not valid JSON")]
    [InlineData("""["fraud-scorer-image"]""", "is a JSON array, not an object of output names to values")]
    public void Promote_BadOutputs_ExitTwoAndWriteNothing(string outputs, string message)
    {
        File.WriteAllText(Path.Combine(_project.Path, "staging-outputs.json"), outputs.Replace("$SHA", new string('0', 64), StringComparison.Ordinal));
        var before = File.ReadAllBytes(StackFile("prod"));

        var run = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("error: --outputs staging-outputs.json", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(StackFile("prod")));
        Assert.Equal(["Pulumi.prod.yaml", "Pulumi.staging.yaml"], Directory.GetFiles(Path.Combine(_project.Path, "stacks")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--from", "staging", "--to", "nope", "--outputs", "staging-outputs.json" }, "error: --to nope: has no config file (stacks/Pulumi.nope.yaml)")]
    [InlineData(new[] { "--from", "staging", "--to", "staging", "--outputs", "staging-outputs.json" }, "error: --to: is the source stack staging")]
    [InlineData(new[] { "--from", "Bad Name", "--to", "prod", "--outputs", "staging-outputs.json" }, "error: --from: 'Bad Name' is not a valid stack name")]
    [InlineData(new[] { "--from", "staging", "--to", "prod", "--outputs", "missing.json" }, "error: --outputs missing.json: cannot be read")]
    [InlineData(new[] { "--from", "staging", "--to", "prod" }, "error: command line: Option '--outputs' is required.")]
    public void Promote_WrongStacksOrFiles_ExitTwo(string[] args, string message)
    {
        WriteOutputs(FakeOutputs(Synth("staging")));
        var before = File.ReadAllBytes(StackFile("prod"));

        var run = Run(["promote", .. args]);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(StackFile("prod")));
    }

    [Fact]
    public void Promote_ADeploymentOnlyOneStackHas_IsRefusedNamingIt()
    {
        WriteOutputs(FakeOutputs(Synth("staging")));
        var run = TestHost.Run(
            ["promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json"],
            workingDirectory: _project.Path,
            define: s =>
            {
                var platform = MlPlatform.Stacks.ModelPlatform.Define(s);
                return s.Stack == "prod" ? platform with { Deployments = [.. platform.Deployments, platform.Deployments[0] with { Name = "churn" }] } : platform;
            });

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: --from staging: has no deployment 'churn', which prod deploys (declare 'churn' for staging too, so it is verified before prod gets it)\n", run.Stderr);
    }

    [Theory]
    [InlineData("""{"stack": "staging", "passed": false, "deployments": {}}""", "says staging's last verification did not pass")]
    [InlineData("""{"stack": "fargate", "passed": true, "deployments": {}}""", "records a verification of stack fargate, not staging")]
    [InlineData("""{"stack": "staging", "passed": true, "deployments": {"fraud-scorer": {"image": "r.example/other@sha256:$SHA", "modelSha256": "$MODEL"}}}""", "fraud-scorer: verified image r.example/other@sha256:")]
    [InlineData("""{"stack": "staging", "passed": true""", "is not valid JSON")]
    public void Promote_WithAVerifyRecordThatDoesNotCoverThisRelease_IsRefused(string record, string message)
    {
        var outputs = FakeOutputs(Synth("staging"));
        WriteOutputs(outputs);
        File.WriteAllText(Path.Combine(_project.Path, "verify.json"), record.Replace("$SHA", new string('0', 64), StringComparison.Ordinal).Replace("$MODEL", outputs["fraud-scorer-model-sha256"], StringComparison.Ordinal));
        var before = File.ReadAllBytes(StackFile("prod"));

        var run = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json", "--verified", "verify.json");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Contains($"error: --verified verify.json: {message}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(StackFile("prod")));
    }

    [Fact]
    public void Promote_WithAPassingVerifyRecordOfThisRelease_Writes()
    {
        var outputs = FakeOutputs(Synth("staging"));
        WriteOutputs(outputs);
        File.WriteAllText(Path.Combine(_project.Path, "verify.json"), JsonSerializer.Serialize(new
        {
            stack = "staging",
            passed = true,
            deployments = new Dictionary<string, object> { ["fraud-scorer"] = new { image = outputs["fraud-scorer-image"], modelSha256 = outputs["fraud-scorer-model-sha256"] } },
        }));

        var run = Run("promote", "--from", "staging", "--to", "prod", "--outputs", "staging-outputs.json", "--verified", "verify.json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal($"prod: fraud-scorer <- staging: image {outputs["fraud-scorer-image"]}, model sha256 {outputs["fraud-scorer-model-sha256"]}\n", run.Stdout);
    }

    [Fact]
    public void Prod_WithAHalfWrittenRelease_IsInvalidConfig()
    {
        File.WriteAllText(StackFile("prod"), File.ReadAllText(StackFile("prod")).Replace("config:\n", "config:\n  ml-platform:fraud-scorer-image: r.example/x@sha256:" + new string('1', 64) + "\n", StringComparison.Ordinal));

        var run = Run("synth", "--stack", "prod");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Contains("ml-platform:fraud-scorer-model-sha256: is not set, but the release's other keys are (run `promote --from <stack> --to prod` to write the whole release)", run.Stderr, StringComparison.Ordinal);
    }

    private HostRun Run(params string[] args) => TestHost.Run(args, workingDirectory: _project.Path);

    private string Synth(string stack)
    {
        var run = Run("synth", "--stack", stack);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private string StackFile(string stack) => Path.Combine(_project.Path, "stacks", $"Pulumi.{stack}.yaml");

    private void WriteOutputs(IReadOnlyDictionary<string, string> outputs) =>
        File.WriteAllText(Path.Combine(_project.Path, "staging-outputs.json"), JsonSerializer.Serialize(outputs));

    /// <summary>
    /// What `pulumi stack output --json` would print for the program: literal outputs as they are, each interpolated
    /// resource output replaced by a stand-in value (a digest for a digest, an ECR URL for a repository URL, a lowercase
    /// name otherwise).
    /// </summary>
    private static Dictionary<string, string> FakeOutputs(string program)
    {
        var outputs = (YamlMappingNode)Root(program).Children[new YamlScalarNode("outputs")];
        return outputs.Children.ToDictionary(
            o => ((YamlScalarNode)o.Key).Value!,
            o => Interpolation().Replace(((YamlScalarNode)o.Value).Value!, m => m.Groups["property"].Value switch
            {
                "digest" => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Value))),
                "repositoryUrl" => $"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml-platform-staging-{m.Groups["resource"].Value}",
                var property => $"{m.Groups["resource"].Value}.{property}".ToLowerInvariant(),
            }),
            StringComparer.Ordinal);
    }

    private static YamlMappingNode Root(string program)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(program));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Resource(string program, string name) =>
        (YamlMappingNode)((YamlMappingNode)Root(program).Children[new YamlScalarNode("resources")]).Children[new YamlScalarNode(name)];

    private static string Scalar(YamlMappingNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate((YamlNode)node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)])).Value!;

    [GeneratedRegex(@"\$\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z0-9.]+)\}")]
    private static partial Regex Interpolation();
}
