using MlDeploy.Azure.ContainerApps;
using MlDeploy.Model;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

public class ContainerAppsGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. ContainerAppsSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_ContainerAppsProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(ContainerAppsSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_ContainerAppsPrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in ContainerAppsSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: an existing image and environment, a blob URL tarball, blue/green, CPU scaling, a public app, a GPU profile.
        var variant = ContainerAppsSamples.Internal() with
        {
            Image = ImageSource.Existing(ContainerAppsSamples.PinnedImage),
            Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/classifier/v3/model.tar.gz"),
            Target = ContainerAppsSamples.Target(EnvironmentProfile.Development) with
            {
                RegistryId = ContainerAppsSamples.Registry,
                ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount,
                EnvironmentId = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.App/managedEnvironments/ml-apps",
                StableRevision = "ml-platform-staging-cla-5gkdiwyl--0000007",
                WorkloadProfile = new ContainerAppsWorkloadProfile("gpu", "NC24-A100"),
            },
            Compute = new Compute { Cpu = 8, MemoryGiB = 56, Gpu = new Gpu(1, GpuKind.A100) },
            Scaling = new Scaling { Min = 1, Max = 3, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen },
            Network = new Network { Exposure = Exposure.Public },
            Monitoring = new Monitoring { NotificationTopic = $"/subscriptions/{ContainerAppsSamples.Subscription}/resourceGroups/ml/providers/Microsoft.Insights/actionGroups/oncall" },
            Waivers = [new Waiver("MLS-NET-01", "the demo must be reachable by partners"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "container-apps-variant.staging.yaml"), ContainerAppsSamples.Program(variant, EnvironmentProfile.Development));

        var result = conformance.Check(dir.Path);

        Assert.Equal(ContainerAppsSamples.Goldens.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
