using MlDeploy.Azure.Aks;
using MlDeploy.Model;
using MlDeploy.Tests.Azure;
using MlDeploy.Tests.Conformance;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aks;

public class AksGoldenTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    public static TheoryData<string> Files => [.. AksSamples.Goldens.Select(g => g.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_AksProgram_MatchesTheReviewedFile(string file) =>
        Support.Golden.AssertMatches(AksSamples.Goldens.Single(g => g.File == file).Synthesize(), file);

    [Fact]
    public void Conformance_AksPrograms_TypeCheckAndRunUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in AksSamples.Goldens)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // What the goldens do not show: a private created cluster in a subnet, workload-identity login, a public service, a blob prefix.
        var variant = AksSamples.CreatedClusterGpu(EnvironmentProfile.Development) with
        {
            Artifact = ModelArtifact.FromUri("https://acmemodels.blob.core.windows.net/models/llm/v7/"),
            Target = AksSamples.Target(AksSamples.GpuCluster with
            {
                AuthorizedIpRanges = [],
                PrivateCluster = true,
                ResourceGroupName = "ml-platform",
                SubnetId = ContainerAppsSamples.Subnet,
                Deployer = new AksDeployer { Login = AksLogin.WorkloadIdentity },
            }, EnvironmentProfile.Development) with { RegistryId = ContainerAppsSamples.Registry, ArtifactStorageAccountId = ContainerAppsSamples.ModelAccount },
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-01", "the demo must be reachable by partners"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        };
        File.WriteAllText(Path.Combine(dir.Path, "aks-variant.staging.yaml"), AksSamples.Program(EnvironmentProfile.Development, _ => variant));

        var result = conformance.Check(dir.Path);

        Assert.Equal(AksSamples.Goldens.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }
}
