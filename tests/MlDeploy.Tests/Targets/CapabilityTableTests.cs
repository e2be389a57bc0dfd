using MlDeploy.Aws;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>docs/CAPABILITIES.md is what the registered capability records say; UPDATE_GOLDEN=1 rewrites it.</summary>
public class CapabilityTableTests
{
    [Fact]
    public void CapabilitiesDoc_MatchesTheRecords()
    {
        var actual = CapabilityTable.Markdown(new Synthesizer(AwsTargets.All).Planners);
        var path = Repo.PathOf("docs", "CAPABILITIES.md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), "docs/CAPABILITIES.md is missing; run the tests with UPDATE_GOLDEN=1");
        Assert.True(
            File.ReadAllText(path).ReplaceLineEndings("\n") == actual,
            "docs/CAPABILITIES.md differs from the capability records; run `UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter CapabilityTableTests` and review the diff");
    }

    [Fact]
    public void EveryRegisteredPlanner_DocumentsItsCapabilities() =>
        Assert.All(new Synthesizer(AwsTargets.All).Planners, p => Assert.NotEmpty(p.DocumentedCapabilities));
}
