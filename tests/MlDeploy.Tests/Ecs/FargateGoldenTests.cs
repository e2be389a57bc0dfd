using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Ecs;

public class FargateGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. FargateSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_FargateProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(FargateSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_FargatePrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in FargateSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // The traffic-shifting strategies the goldens do not show.
        foreach (var strategy in new[] { RolloutStrategy.Canary, RolloutStrategy.Linear })
        {
            var deployment = FargateSamples.Internal() with { Rollout = new Rollout { Strategy = strategy, TrafficPercent = 20 } };
            File.WriteAllText(Path.Combine(dir.Path, $"fargate-{strategy.ToString().ToLowerInvariant()}.staging.yaml"), FargateSamples.Program(deployment, EnvironmentProfile.Development));
        }

        var result = conformance.Check(dir.Path);

        Assert.Equal(FargateSamples.Goldens.Count + 2, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
