using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

public class VertexGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. VertexSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_VertexProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(VertexSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_VertexPrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in VertexSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: an existing image, a gs:// prefix, blue/green, requests/s scaling, a public endpoint.
        var variant = VertexSamples.Internal() with
        {
            Image = ImageSource.Existing(CloudRunSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("gs://acme-models/classifier/v3/"),
            Target = VertexSamples.Target(EnvironmentProfile.Development) with { StableDeployedModel = "987654321", MachineType = "n1-standard-4" },
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen },
            Scaling = new Scaling(),
            Network = new Network { Exposure = Exposure.Public },
            Monitoring = new Monitoring { NotificationTopic = "projects/acme-ml-staging/notificationChannels/123456" },
            Waivers = [new Waiver("MLS-NET-01", "partners call the endpoint")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "vertex-variant.staging.yaml"), VertexSamples.Program(variant, EnvironmentProfile.Development));

        var result = conformance.Check(dir.Path);

        Assert.Equal(VertexSamples.Goldens.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
