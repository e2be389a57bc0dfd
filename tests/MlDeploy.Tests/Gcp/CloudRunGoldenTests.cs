using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

public class CloudRunGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. CloudRunSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_CloudRunProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(CloudRunSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_CloudRunPrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in CloudRunSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: an existing image, a gs:// prefix, blue/green, requests/s scaling, a public service without authentication.
        var variant = CloudRunSamples.Internal() with
        {
            Image = ImageSource.Existing(CloudRunSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("gs://acme-models/classifier/v3/"),
            Target = CloudRunSamples.Target(EnvironmentProfile.Development) with { StableRevision = "ml-platform-staging-classifier-5gkdiwyl-00007-abc", CpuAlwaysAllocated = true },
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen },
            Network = new Network { Exposure = Exposure.Public, RequireAuth = false },
            Monitoring = new Monitoring { NotificationTopic = "projects/acme-ml-staging/notificationChannels/123456" },
            Waivers = [new Waiver("MLS-NET-01", "the demo must be reachable by partners"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "cloud-run-variant.staging.yaml"), CloudRunSamples.Program(variant, EnvironmentProfile.Development));

        var result = conformance.Check(dir.Path);

        Assert.Equal(CloudRunSamples.Goldens.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
