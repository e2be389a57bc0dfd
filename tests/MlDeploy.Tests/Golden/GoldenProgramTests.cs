namespace MlDeploy.Tests.Golden;

public class GoldenProgramTests
{
    public static TheoryData<string> Scenarios => [.. GoldenScenarios.All.Select(s => s.File)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Synthesize_ReferenceScenario_MatchesReviewedGolden(string file) =>
        Support.Golden.AssertMatches(GoldenScenarios.All.Single(s => s.File == file).Synthesize(), file);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Synthesize_TwoRuns_AreByteIdentical(string file)
    {
        var synthesize = GoldenScenarios.All.Single(s => s.File == file).Synthesize;

        Assert.Equal(synthesize(), synthesize());
    }
}
