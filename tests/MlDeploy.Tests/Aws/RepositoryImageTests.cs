using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Aws;

public class RepositoryImageTests
{
    private const string Digest = "sha256:5b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c";
    private static readonly StackReference Platform = new("acme/ml-platform-base/prod");

    private static ModelDeployment[] OnEveryTarget(ImageSource image) =>
    [
        SampleDeployments.CpuEndpoint("fraud") with { Image = image },
        Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Image = image },
        Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Name = "recommender", Image = image },
    ];

    [Fact]
    public void Synthesize_ImageInAnotherStacksRepository_IsDigestPinnedInProductionOnEveryTarget()
    {
        var image = ImageSource.FromRepository(Platform.Output("scorerRepositoryUrl"), Platform.Output("scorerRepositoryArn"), Digest);

        var s = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, OnEveryTarget(image)), SampleDeployments.Prod);
        var program = PulumiYamlWriter.Write(s.Graph, "ml-platform", "repository image");
        var reference = s.Graph.Resources.Single(r => r.Type.Token == "pulumi:pulumi:StackReference").Name;

        Assert.DoesNotContain(s.Graph.Resources, r => r.Type.Token is "aws:ecr/repository:Repository" or "docker-build:index:Image");
        var pinned = $"${{{reference}.outputs[\"scorerRepositoryUrl\"]}}@{Digest}";
        Assert.Equal(3, program.Split('\n').Count(l => l.TrimStart() == $"image: {pinned}"));
        Assert.Equal(3, program.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.EndsWith($"-image: {pinned}", StringComparison.Ordinal)));
        Assert.Contains($"Resource: ${{{reference}.outputs[\"scorerRepositoryArn\"]}}\n", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RepositoryImageWithABadDigest_NamesTheDigest()
    {
        var image = ImageSource.FromRepository(Platform.Output("scorerRepositoryUrl"), Platform.Output("scorerRepositoryArn"), "latest");

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint() with { Image = image }), Repo.Root);

        Assert.Equal(["deployments[fraud].image.digest: 'latest' is not an image digest (give sha256: and the 64 hex digits the registry reports, e.g. from `pulumi stack output` of the stack that built it)"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_RepositoryImageIdentifiers_AreCheckedLikeEveryOther()
    {
        var image = ImageSource.FromRepository(new StackReference("platform").Output("url"), string.Empty, Digest);

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint() with { Image = image }), Repo.Root);

        Assert.Equal(
            [
                "deployments[fraud].image.repositoryUrl: 'platform' is not a fully qualified stack name (use <organization>/<project>/<stack>, e.g. acme/ml-platform/prod (1-100 letters, digits, '-', '_' or '.' each))",
                "deployments[fraud].image.repositoryArn: is empty (give the identifier, or leave the item out)",
            ],
            problems.Select(p => p.ToString()));
    }
}
