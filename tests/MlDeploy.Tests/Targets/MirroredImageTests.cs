using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Targets;

/// <summary>Public images mirrored into the deployment's private registry (decision 50): validation, planning, guardrails.</summary>
public class MirroredImageTests
{
    private const string Digest = "sha256:4cc4c2fc734a3f50b6830fa0ec3d87f8a5b3bb8e603b5350a55e4755ab4d5b18";

    public static TheoryData<string, string, EnvironmentProfile, string> BadReferences => new()
    {
        {
            "tag only in production", "docker.io/library/nginx:1.27", EnvironmentProfile.Production,
            "deployments[tgi].image.reference: 'docker.io/library/nginx:1.27' is not pinned by digest (a mirror copies one image once, so name it by digest: `docker buildx imagetools inspect docker.io/library/nginx:1.27` prints the image index's (the first Digest: line) and each platform's (on SageMaker pin linux/amd64's), then use docker.io/library/nginx:1.27@sha256:<that digest>)"
        },
        {
            // Refused outside production too: the copy would not follow the tag, so the program would not know what runs.
            "tag only in development", "ghcr.io/huggingface/text-generation-inference:3.0.1", EnvironmentProfile.Development,
            "deployments[tgi].image.reference: 'ghcr.io/huggingface/text-generation-inference:3.0.1' is not pinned by digest (a mirror copies one image once, so name it by digest: `docker buildx imagetools inspect ghcr.io/huggingface/text-generation-inference:3.0.1` prints the image index's (the first Digest: line) and each platform's (on SageMaker pin linux/amd64's), then use ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<that digest>)"
        },
        {
            "no registry host", $"library/nginx@{Digest}", EnvironmentProfile.Production,
            $"deployments[tgi].image.reference: 'library/nginx@{Digest}' names no registry (start with the registry's host, e.g. docker.io/library/nginx@{Digest} for Docker Hub)"
        },
        {
            "short digest", "ghcr.io/huggingface/text-generation-inference@sha256:abc", EnvironmentProfile.Production,
            "deployments[tgi].image.reference: 'ghcr.io/huggingface/text-generation-inference@sha256:abc' is not an image reference (use registry/repository[:tag]@sha256:<64 hex digits>, e.g. ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<64 hex digits>)"
        },
        {
            "uppercase repository", $"ghcr.io/HuggingFace/tgi@{Digest}", EnvironmentProfile.Production,
            $"deployments[tgi].image.reference: 'ghcr.io/HuggingFace/tgi@{Digest}' is not an image reference (use registry/repository[:tag]@sha256:<64 hex digits>, e.g. ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<64 hex digits>)"
        },
        {
            "scheme", $"https://ghcr.io/huggingface/tgi@{Digest}", EnvironmentProfile.Production,
            $"deployments[tgi].image.reference: 'https://ghcr.io/huggingface/tgi@{Digest}' is not an image reference (use registry/repository[:tag]@sha256:<64 hex digits>, e.g. ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<64 hex digits>)"
        },
        {
            "empty", string.Empty, EnvironmentProfile.Production,
            "deployments[tgi].image.reference: '' is not an image reference (use registry/repository[:tag]@sha256:<64 hex digits>, e.g. ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<64 hex digits>)"
        },
        {
            "already in the target's registry", $"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@{Digest}", EnvironmentProfile.Production,
            $"deployments[tgi].image.reference: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@{Digest}' is already in Amazon ECR, where SageMaker real-time endpoints pull from (use ImageSource.Existing(\"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@{Digest}\"), which runs it in place with pull rights on its repository)"
        },
        {
            // On another cloud's target: private ECR never serves anonymous pulls, and the copy has no AWS credentials.
            "private ECR from another cloud", $"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@{Digest}", EnvironmentProfile.Production,
            $"deployments[tgi].image.reference: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/llm-server@{Digest}' is in Amazon ECR, a private registry the copy cannot sign in to (mirror only images anyone may pull (Docker Hub, GHCR, public.ecr.aws, Quay, ...); copy a private image into Google Artifact Registry yourself and use ImageSource.Existing)"
        },
    };

    [Theory]
    [MemberData(nameof(BadReferences))]
    public void Validate_BadReference_ReportsExactMessageAndNothingElse(string scenario, string reference, EnvironmentProfile profile, string expected)
    {
        var deployment = (scenario.Contains("another cloud", StringComparison.Ordinal) ? Gcp.CloudRunSamples.Mirrored() : SampleDeployments.MirroredEndpoint()) with { Image = ImageSource.Mirror(reference) };

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(profile, deployment), Repo.Root).Select(p => p.ToString());

        Assert.True(problems.SequenceEqual([expected]), $"{scenario}: got\n{string.Join("\n", problems)}");
    }

    [Theory]
    [InlineData("docker.io/library/nginx:1.27@" + Digest)]
    [InlineData("public.ecr.aws/docker/library/python@" + Digest)]
    [InlineData("quay.io/prometheus/node-exporter:v1.8.2@" + Digest)]
    [InlineData("registry.example.com:5000/team/server@" + Digest)]
    [InlineData("us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3@" + Digest)]
    public void Validate_PinnedPublicReference_IsAccepted(string reference) =>
        Assert.Empty(SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.MirroredEndpoint() with { Image = ImageSource.Mirror(reference) }), Repo.Root));

    [Fact]
    public void Validate_PublicImageNotMirrored_IsStillRefusedAndPointsToMirror()
    {
        // Before mirroring existed, a public image on SageMaker was an error; it still is, and the hint now names the fix.
        var reference = SampleDeployments.PublicTgiImage;
        var deployment = SampleDeployments.MirroredEndpoint() with { Image = ImageSource.Existing(reference) };

        var problem = Assert.Single(SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, deployment), Repo.Root));

        Assert.Equal(
            $"deployments[tgi].image.reference: SageMaker real-time endpoints pull images from Amazon ECR only, and '{reference}' is not in it (push the image to Amazon ECR, use ImageSource.Build so the SDK does, or, for a public image, ImageSource.Mirror(\"{reference}\") to copy it into the deployment's registry at deploy time)",
            problem.ToString());
    }

    [Fact]
    public void Validate_PublicTagNotMirrored_HintAsksForTheDigest()
    {
        var deployment = SampleDeployments.MirroredEndpoint() with { Image = ImageSource.Existing("docker.io/library/nginx:1.27") };

        var problem = Assert.Single(SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, deployment), Repo.Root));

        Assert.Equal(
            "deployments[tgi].image.reference: SageMaker real-time endpoints pull images from Amazon ECR only, and 'docker.io/library/nginx:1.27' is not in it (push the image to Amazon ECR, use ImageSource.Build so the SDK does, or, for a public image, ImageSource.Mirror(\"docker.io/library/nginx:1.27@sha256:<digest>\") to copy it into the deployment's registry at deploy time)",
            problem.ToString());
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Plan_EveryTarget_CopiesOnceAndRunsThePinnedDigestFromItsOwnRegistry(string target)
    {
        // "Every managed target accepts it" shown, not claimed: the representative deployment of each target, mirrored.
        var (_, deployment, synthesize) = RepresentativeDeployments.Get(target);
        var mirrored = deployment() with { Image = ImageSource.Mirror(SampleDeployments.PublicTgiImage) };
        mirrored = mirrored.Target switch
        {
            // An existing image's registry id says where it is; a mirror goes into the deployment's own registry.
            MlDeploy.Azure.Aks.AksTarget t => mirrored with { Target = t with { RegistryId = null } },
            MlDeploy.Azure.MachineLearning.AzureMlTarget t => mirrored with { Target = t with { RegistryId = null } },
            MlDeploy.Azure.ContainerApps.ContainerAppsTarget t => mirrored with { Target = t with { RegistryId = null } },
            _ => mirrored,
        };

        var graph = synthesize(mirrored).Graph;
        var yaml = PulumiYamlWriter.Write(graph, "ml-platform", "test");

        var copy = Assert.Single(graph.Resources, r => r.Type.Token == "docker-build:index:Index");
        Assert.Contains(graph.Resources, r => r.Options.DependsOn.Contains(copy));
        Assert.Contains($"@{Digest}", yaml, StringComparison.Ordinal);

        // The public registry is named once: as the copy's source.
        Assert.Equal(1, yaml.Split("ghcr.io/").Length - 1);
    }

    public static TheoryData<string> Targets => ["sagemaker", "sagemaker-serverless", "fargate", "eks-prometheus", "eks-kserve-raw", "aks", "gke", "container-apps", "azure-ml", "cloud-run", "vertex"];

    [Fact]
    public void Plan_SageMaker_CopiesIntoTheDeploymentRepositoryAndRunsThePinnedDigest()
    {
        var graph = Synthesize(SampleDeployments.MirroredEndpoint()).Graph;
        var yaml = PulumiYamlWriter.Write(graph, "ml-platform", "test");

        var copy = Assert.Single(graph.Resources, r => r.Type.Token == "docker-build:index:Index");
        Assert.Equal("tgi-image-mirror", copy.Name);
        Assert.True(copy.Options.RetainOnDelete);
        Assert.DoesNotContain(graph.Resources, r => r.Type.Token == "docker-build:index:Image");

        // The model runs the private repository at the pinned digest, after the copy; never the public registry.
        Assert.Contains($"image: ${{tgi-repo.repositoryUrl}}@{Digest}", yaml, StringComparison.Ordinal);
        Assert.Contains(graph.Resources, r => r.Type.Token == "aws:sagemaker/model:Model" && r.Options.DependsOn.Contains(copy));
        Assert.Contains($"tag: ${{tgi-repo.repositoryUrl}}:mirror-{Digest["sha256:".Length..]}", yaml, StringComparison.Ordinal);
        Assert.Contains($"- {SampleDeployments.PublicTgiImage}", yaml, StringComparison.Ordinal);
        Assert.Equal(1, yaml.Split("ghcr.io/").Length - 1);
    }

    [Fact]
    public void Plan_SageMaker_PullPermissionIsTheOneRepository()
    {
        var yaml = PulumiYamlWriter.Write(Synthesize(SampleDeployments.MirroredEndpoint()).Graph, "ml-platform", "test");

        // The ECR pull statement names the deployment's repository ARN only (GetAuthorizationToken has no resource scope).
        Assert.Contains("${tgi-repo.arn}", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:ecr:*", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NeedsDockerOnTheDeployerMachine()
    {
        var synthesis = Synthesize(SampleDeployments.MirroredEndpoint());

        Assert.Equal(["docker"], synthesis.DeployerTools.Select(t => t.Name));
    }

    [Theory]
    [InlineData("MLS-REG-01")]
    [InlineData("MLS-REG-02")]
    [InlineData("MLS-REG-03")]
    [InlineData("MLS-REG-05")]
    [InlineData("MLS-REG-06")]
    [InlineData("MLS-IMG-01")]
    public void Guardrails_MirroredProgram_HoldsRegistryAndPinningPolicies(string ruleId)
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.MirroredEndpoint());
        var graph = SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod).Graph;

        Assert.Empty(PolicyChecks.Findings(ruleId, graph, platform));
    }

    [Fact]
    public void Guardrails_ImagePinnedPolicy_FiresWhenTheModelRunsTheCopyByTag()
    {
        // The rule reads the reference the workload runs: the mirrored tag alone is not a pin.
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.MirroredEndpoint());
        var graph = SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod).Graph;
        var model = graph.Resources.Single(r => r.Type.Token == "aws:sagemaker/model:Model").Name;

        var findings = PolicyChecks.Findings("MLS-IMG-01", graph.Set(model, "primaryContainer.image", "ghcr.io/huggingface/text-generation-inference:3.0.1"), platform);

        Assert.NotEmpty(findings);
    }

    [Fact]
    public void Validate_ContainerAppsMirrorWithRegistryId_AsksToRemoveIt()
    {
        var mirrored = Azure.ContainerAppsSamples.Mirrored();
        var withRegistry = mirrored with { Target = ((MlDeploy.Azure.ContainerApps.ContainerAppsTarget)mirrored.Target) with { RegistryId = Azure.ContainerAppsSamples.Registry } };

        var problem = Assert.Single(Azure.ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, withRegistry), Repo.Root));

        Assert.Equal("deployments[mlserver].target.registryId: RegistryId names the registry of an existing image, and this deployment copies a public image into a registry of its own (remove RegistryId)", problem.ToString());
    }

    [Fact]
    public void Validate_ContainerAppsMirrorOfAnAcrImage_PointsToExisting()
    {
        var mirrored = Azure.ContainerAppsSamples.Mirrored() with { Image = ImageSource.Mirror(Azure.ContainerAppsSamples.PinnedImage) };

        var problem = Assert.Single(Azure.ContainerAppsSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, mirrored), Repo.Root));

        Assert.Equal($"deployments[mlserver].image.reference: '{Azure.ContainerAppsSamples.PinnedImage}' is already in Azure Container Registry, where Azure Container Apps pull from (use ImageSource.Existing(\"{Azure.ContainerAppsSamples.PinnedImage}\"), which runs it in place with pull rights on its repository)", problem.ToString());
    }

    [Fact]
    public void MirroredImage_DerivesDigestTagAndUnpinnedReference()
    {
        var image = new MirroredImage($"ghcr.io/huggingface/text-generation-inference:3.0.1@{Digest}");

        Assert.Equal(Digest, image.Digest);
        Assert.Equal("ghcr.io/huggingface/text-generation-inference:3.0.1", image.Unpinned);
        Assert.Equal($"mirror-{Digest["sha256:".Length..]}", image.MirrorTag);
        Assert.Null(new MirroredImage("docker.io/library/nginx:1.27").Digest);
    }

    private static MlDeploy.Pipeline.Synthesis Synthesize(ModelDeployment deployment) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, deployment), SampleDeployments.Prod);
}
