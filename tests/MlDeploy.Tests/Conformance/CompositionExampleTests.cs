using System.Text.RegularExpressions;
using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlPlatform.Composition.Base;
using MlPlatform.Composition.Models;

namespace MlDeploy.Tests.Conformance;

/// <summary>
/// The composition example (examples/composition): a platform stack and a model stack that reads it through a stack
/// reference, each synthesized for both environments the way `synth` runs them, then conformance-checked.
/// </summary>
public partial class CompositionExampleTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    private static readonly string[] Stacks = ["staging", "prod"];

    private static string Synth(string project, Func<StackContext, Platform> define, string stack)
    {
        var run = TestHost.Run(["synth", "--stack", stack], workingDirectory: Repo.PathOf("examples", "composition", project), define: define);
        Assert.True(run.ExitCode == 0, $"{project} {stack}: {run.Stderr}");
        return run.Stdout;
    }

    [Fact]
    public void Composition_BothProjectsInBothEnvironments_PassTheConformanceCheck()
    {
        using var dir = new TempDirectory();
        foreach (var stack in Stacks)
        {
            File.WriteAllText(Path.Combine(dir.Path, $"platform.{stack}.yaml"), Synth("platform", BasePlatform.Define, stack));
            File.WriteAllText(Path.Combine(dir.Path, $"models.{stack}.yaml"), Synth("models", ModelTeam.Define, stack));
        }

        var result = conformance.Check(dir.Path);

        Assert.Equal(4, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Composition_ModelStack_ReadsOnlyOutputsThePlatformStackOfItsEnvironmentExports(string stack)
    {
        var platform = Synth("platform", BasePlatform.Define, stack);
        var models = Synth("models", ModelTeam.Define, stack);

        var exported = platform[platform.IndexOf("\noutputs:\n", StringComparison.Ordinal)..].Split('\n')
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
            .Select(l => l.Trim()[..l.Trim().IndexOf(':', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        var read = ReadOutput().Matches(models).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Contains($"      name: acme/ml-platform-base/{stack}\n", models, StringComparison.Ordinal);
        Assert.NotEmpty(read);
        Assert.Subset(exported, read);
    }

    [GeneratedRegex("""outputs\["(?<name>[^"]+)"\]""")]
    private static partial Regex ReadOutput();
}
