using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aws;

public class SharedImageTests
{
    private static readonly ImageSource Scorer = ImageSource.Shared("scorer", "examples/model-server", "1.4.2");

    private static IEnumerable<Resource> OfType(Synthesis s, string token) => s.Graph.Resources.Where(r => r.Type.Token == token);

    private static Synthesis Synthesize(params ModelDeployment[] deployments) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, deployments), SampleDeployments.Prod);

    /// <summary>Thirty deployments over the three AWS targets, every one running the shared image.</summary>
    public static ModelDeployment[] Thirty() =>
    [
        .. Enumerable.Range(0, 10).Select(i => SampleDeployments.CpuEndpoint($"sm-{i}") with { Image = Scorer }),
        .. Enumerable.Range(0, 10).Select(i => Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Name = $"ecs-{i}", Image = Scorer }),
        .. Enumerable.Range(0, 10).Select(i => Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Name = $"eks-{i}", Image = Scorer }),
    ];

    [Fact]
    public void Synthesize_ThirtyDeploymentsSharingAnImage_BuildItOnceIntoOneRepository()
    {
        var s = Synthesize(Thirty());

        var build = Assert.Single(OfType(s, "docker-build:index:Image"));
        var repository = Assert.Single(OfType(s, "aws:ecr/repository:Repository"));
        Assert.Equal(("image-scorer-image", "image-scorer-repo"), (build.Name, repository.Name));
        Assert.Null(build.Owner);
        Assert.Matches("^ml-platform-prod-image-scorer-[a-z2-7]{8}$", ValuePath.GetString(repository.Properties, "name"));
    }

    [Fact]
    public void Synthesize_SharedImage_EveryDeploymentRunsItsDigest()
    {
        var s = Synthesize(Thirty());

        var program = MlDeploy.Writers.PulumiYamlWriter.Write(s.Graph, "ml-platform", "shared image");

        var outputs = program.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("-image: ", StringComparison.Ordinal) && !l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        // The 30 deployments' image outputs, and the image's own (what a model stack elsewhere would run).
        Assert.Equal(31, outputs.Count);
        Assert.All(outputs, o => Assert.EndsWith("-image: ${image-scorer-repo.repositoryUrl}@${image-scorer-image.digest}", o, StringComparison.Ordinal));
        Assert.Contains("  image-scorer-image: ${image-scorer-repo.repositoryUrl}@${image-scorer-image.digest}", outputs);
    }

    [Fact]
    public void Synthesize_AddingOrRemovingAUser_LeavesTheSharedImageUnchanged()
    {
        var all = Thirty();
        var full = Synthesize(all);
        var fewer = Synthesize(all[1..^1]);

        Assert.Equal(SharedImageSections(full), SharedImageSections(fewer));
        Assert.Contains("image-scorer-repo:", SharedImageSections(full), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OneSharedNameWithTwoBuilds_NamesBothDeployments()
    {
        var other = new SharedImage("scorer", new BuildImage("examples/model-server", "1.4.3"));

        var problems = SampleDeployments.Synthesizer().Validate(
            SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint("a") with { Image = Scorer }, SampleDeployments.CpuEndpoint("b") with { Image = other }),
            Repo.Root);

        Assert.Equal(
            ["deployments[b].image: shared image 'scorer' is declared with other settings than in deployment 'a' (declare the shared image once and pass the same object to every deployment, or give the two images different names)"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_EqualBuildsWrittenTwice_AreOneImage()
    {
        var args = new Dictionary<string, string> { ["MODEL"] = "fraud" };
        var first = new SharedImage("scorer", new BuildImage("examples/model-server", "1.4.2") { BuildArgs = args });
        var second = new SharedImage("scorer", new BuildImage("examples/model-server", "1.4.2") { BuildArgs = new Dictionary<string, string>(args) });

        var s = Synthesize(SampleDeployments.CpuEndpoint("a") with { Image = first }, SampleDeployments.CpuEndpoint("b") with { Image = second });

        Assert.Single(OfType(s, "docker-build:index:Image"));
    }

    [Theory]
    [InlineData("Scorer", 30, "deployments[a].image.name: 'Scorer' is not a valid shared image name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)")]
    [InlineData("scorer", 0, "deployments[a].image.keepImages: 0 is outside 1-100000 (keep at least 1 image to roll back to (30 is the default))")]
    public void Validate_BadSharedImageSettings_AreNamedByPath(string name, int keep, string expected)
    {
        var image = new SharedImage(name, new BuildImage("examples/model-server", "1.4.2")) { KeepImages = keep };

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint("a") with { Image = image }), Repo.Root);

        Assert.Equal([expected], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_SharedImageBuildContextMissing_IsNamedUnderTheDefinition()
    {
        var image = ImageSource.Shared("scorer", "examples/no-such-server", "1.4.2");

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint("a") with { Image = image }), Repo.Root);

        Assert.Equal([$"deployments[a].image.definition.context: 'examples/no-such-server' is not a directory under {Repo.Root} (paths are relative to the project root (the folder with Pulumi.yaml))"], problems.Select(p => p.ToString()));
    }

    // The program text of every resource and output the shared image owns: what `pulumi up` would compare.
    private static string SharedImageSections(Synthesis s)
    {
        var lines = MlDeploy.Writers.PulumiYamlWriter.Write(s.Graph, "ml-platform", "shared image").Split('\n');
        var kept = new List<string>();
        var inside = false;
        foreach (var line in lines)
        {
            var header = line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal);
            if (header || !line.StartsWith(' '))
            {
                inside = line.StartsWith("  image-scorer-", StringComparison.Ordinal);
            }

            if (inside)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }
}
