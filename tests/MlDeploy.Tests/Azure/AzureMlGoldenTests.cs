using MlDeploy.Azure.MachineLearning;
using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

public class AzureMlGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. AzureMlSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_AzureMlProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(AzureMlSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_AzureMlPrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in AzureMlSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: an existing image, a blob URL tarball, blue/green next to a stable deployment, key auth
        // (waived), a public endpoint, a fixed instance count, an existing action group.
        var variant = AzureMlSamples.Staging() with
        {
            Image = ImageSource.Existing(ContainerAppsSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/scorer/v3/model.tar.gz"),
            Target = AzureMlSamples.Target() with
            {
                RegistryId = ContainerAppsSamples.Registry,
                ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount,
                StableDeployment = "rev-abcdefgh",
                AuthMode = AzureMlAuthMode.Key,
                RequestTimeout = TimeSpan.FromSeconds(30),
            },
            Scaling = new Scaling { Min = 2, Max = 2 },
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen },
            Network = new Network { Exposure = Exposure.Public },
            Monitoring = new Monitoring { NotificationTopic = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.Insights/actionGroups/oncall" },
            Waivers = [new Waiver("MLS-NET-01", "the demo must be reachable by partners"), new Waiver("MLS-IAM-07", "the partner's client only sends keys")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "azure-ml-variant.staging.yaml"), ContainerAppsSamples.Program(variant, EnvironmentProfile.Development));

        var result = conformance.Check(dir.Path);

        Assert.Equal(AzureMlSamples.Goldens.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
