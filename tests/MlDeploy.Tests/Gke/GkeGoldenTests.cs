using MlDeploy.Gcp.Gke;
using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gke;

public class GkeGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. GkeSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_GkeProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(GkeSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_GkePrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in GkeSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: a private zonal cluster in a named subnetwork, a public service, a gs:// prefix,
        // a local model file, and an existing private cluster whose node service account is unknown.
        var variant = GkeSamples.CreatedClusterGpu(EnvironmentProfile.Development) with
        {
            Artifact = ModelArtifact.FromUri("gs://acme-models/llm/v7/"),
            Target = GkeSamples.Target(GkeSamples.GpuCluster with
            {
                Location = "europe-west4-a",
                MasterAuthorizedNetworks = [],
                PrivateCluster = true,
                Network = "ml-vpc",
                Subnetwork = "ml-nodes",
                ReleaseChannel = GkeReleaseChannel.Stable,
                GpuNodes = GkeSamples.GpuCluster.GpuNodes! with { Zones = [] },
            }, EnvironmentProfile.Development),
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-01", "the demo must be reachable by partners"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "gke-variant.staging.yaml"), GkeSamples.Program(EnvironmentProfile.Development, _ => variant));
        var existing = GkeSamples.ExistingClusterCpu(EnvironmentProfile.Development) with
        {
            Image = ImageSource.Existing(Gcp.CloudRunSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("gs://acme-models/ranker/model.onnx"),
            Target = GkeSamples.Target(GkeSamples.ExistingCluster with { Private = true, NodeServiceAccount = null }, EnvironmentProfile.Development),
        };
        File.WriteAllText(Path.Combine(dir.Path, "gke-existing-variant.staging.yaml"), GkeSamples.Program(EnvironmentProfile.Development, _ => existing));

        var result = conformance.Check(dir.Path);

        Assert.Equal(GkeSamples.Goldens.Count + 2, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
