using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting;

/// <summary>Runs <see cref="HostileInputCorpus"/> and <see cref="UnusualInputCorpus"/> against a fresh project each.</summary>
public class HostileInputTests
{
    public static TheoryData<string> Hostile => [.. HostileInputCorpus.Cases.Keys];

    public static TheoryData<string> Unusual => [.. UnusualInputCorpus.Cases.Keys];

    public static TheoryData<string, string> HostileModels => OnTheirTargets(ModelInputCorpus.Cases);

    public static TheoryData<string, string> UnusualModels => OnTheirTargets(UnusualModelCorpus.Cases);

    [Fact]
    public void TheHostileCorporaTogetherHaveAtLeast160Cases() =>
        Assert.True(HostileInputCorpus.Cases.Count + ModelInputCorpus.Cases.Count >= 160, $"{HostileInputCorpus.Cases.Count} + {ModelInputCorpus.Cases.Count} cases");

    [Fact]
    public void TheUnusualCorporaTogetherHaveAtLeastThirtyCases() =>
        Assert.True(UnusualInputCorpus.Cases.Count + UnusualModelCorpus.Cases.Count >= 30, $"{UnusualInputCorpus.Cases.Count} + {UnusualModelCorpus.Cases.Count} cases");

    [Fact]
    public void TheHostileCorpusHasAtLeastFortyCases() => Assert.True(HostileInputCorpus.Cases.Count >= 40, $"{HostileInputCorpus.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileInput_ExitsTwoWithItsMessageAndWritesNothing(string name)
    {
        var @case = HostileInputCorpus.Cases[name];
        using var project = new HostProject(@case.Files);
        var before = project.Snapshot();

        var run = TestHost.Run(@case.Arguments, @case.Environment, project.Root);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        var expected = @case.Expected.Replace("{root}", project.Root, StringComparison.Ordinal);
        if (expected.EndsWith('*'))
        {
            Assert.StartsWith(expected[..^1], run.Stderr, StringComparison.Ordinal);
            Assert.EndsWith("(run with --help to see the commands)\n", run.Stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, run.Stderr);
        }

        Assert.Equal(before, project.Snapshot());
    }

    [Theory]
    [MemberData(nameof(HostileModels))]
    public void HostileStackProgram_ExitsTwoWithItsDiagnosticsAndWritesNothing(string name, string target)
    {
        var @case = ModelInputCorpus.Cases[name];
        var deployments = @case.Deployments(ModelCase.Reference(target));
        using var project = new HostProject(@case.Files);
        var before = project.Snapshot();

        var run = TestHost.Run(@case.Arguments("build"), workingDirectory: project.Root, define: _ => new Platform { Deployments = deployments });

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal(@case.Stderr(target, project.Root), run.Stderr);
        Assert.All(@case.Expected.Split('\n'), line => Assert.EndsWith(")", line, StringComparison.Ordinal));
        Assert.Equal(before, project.Snapshot());
    }

    [Theory]
    [MemberData(nameof(UnusualModels))]
    public void UnusualButValidStackProgram_Synthesizes(string name, string target)
    {
        var @case = UnusualModelCorpus.Cases[name];
        var deployments = @case.Deployments(ModelCase.Reference(target));
        using var project = new HostProject(@case.Files);

        var run = TestHost.Run(@case.Arguments(outDirectory: null), workingDirectory: project.Root, define: _ => new Platform { Deployments = deployments });

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.StartsWith("name: ml-platform\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(@case.Expected, run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unusual))]
    public void UnusualButValidInput_Synthesizes(string name)
    {
        var @case = UnusualInputCorpus.Cases[name];
        using var project = new HostProject(@case.Files);

        var run = TestHost.Run(@case.Arguments, @case.Environment, project.Root);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.StartsWith("name: ml-platform\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(@case.Expected, run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# no settings yet\n# pulumi config set adds them here\n")]
    [InlineData("\uFEFF")]
    [InlineData("---\n")]
    [InlineData("config:\n")]
    [InlineData("config: {}\r\n")]
    public void EmptyOrCommentsOnlyStackFile_IsValidAndTheProgramsDefaultsApply(string yaml)
    {
        using var project = new HostProject(new Dictionary<string, byte[]?> { ["stacks/Pulumi.qa.yaml"] = HostCase.Utf8(yaml) });

        var run = TestHost.Run(["synth", "--stack", "qa"], workingDirectory: project.Root, define: stack => new Platform
        {
            Deployments = [SampleDeployments.CpuEndpoint() with { Scaling = new Scaling { Min = stack.Config.GetInt32("minReplicas", 3), Max = 5 } }],
        });

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.StartsWith("name: ml-platform\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("minCapacity: 3", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OutIntoANewNestedFolder_CreatesItAndWritesTheProgram()
    {
        using var project = new HostProject(new Dictionary<string, byte[]?>());

        var run = TestHost.Run(["synth", "--stack", "staging", "--out", "build/programs"], workingDirectory: project.Root);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("name: ml-platform\n", File.ReadAllText(Path.Combine(project.Root, "build", "programs", "Pulumi.staging.program.yaml")), StringComparison.Ordinal);
    }

    private static TheoryData<string, string> OnTheirTargets(IReadOnlyDictionary<string, ModelCase> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, @case) in cases)
        {
            foreach (var target in @case.TargetsToRun)
            {
                data.Add(name, target);
            }
        }

        return data;
    }

    [Fact]
    public void OnlyAnInjectedFault_ExitsOne()
    {
        // Exit 1 means an SDK bug; the one way to reach it is a stack program that throws.
        var run = TestHost.Run(["validate"], define: _ => throw new InvalidOperationException("injected"));

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.All(HostileInputCorpus.Cases.Values, c => Assert.DoesNotContain("internal error", c.Expected, StringComparison.Ordinal));
    }
}
