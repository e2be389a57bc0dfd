using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>The image a workload runs: its digest-pinned reference and the repository whose pull rights it needs.</summary>
internal sealed record ContainerImage(Value Reference, Value Digest, Value RegistryUrl, Value RepositoryArn)
{
    /// <summary>Gets the copy of a mirrored public image, which the workload must wait for (its reference names no output of it), or null.</summary>
    public Resource? Copy { get; init; }
}

/// <summary>Builds and pushes an image into the SDK's ECR repository, or resolves an existing ECR reference.</summary>
internal static partial class ContainerImageBlock
{
    /// <summary>The repository's physical name limit: ECR allows 256 characters; 200 leaves room for a namespace.</summary>
    public const int RepositoryNameLength = 200;

    public static ContainerImage Create(AwsScope scope, BuildImage build, Resource key, int keepImages) =>
        Create(scope, scope.PhysicalName(RepositoryNameLength), build, key, keepImages);

    /// <summary>Creates the repository and pushes the build into it.</summary>
    /// <param name="scope">The deployment or shared image that owns both.</param>
    /// <param name="repositoryName">The repository's physical name.</param>
    /// <param name="build">The build.</param>
    /// <param name="key">The key that encrypts the images.</param>
    /// <param name="keepImages">How many images to keep.</param>
    public static ContainerImage Create(GraphScope scope, string repositoryName, BuildImage build, Resource key, int keepImages)
    {
        var repository = EcrRepositoryBlock.Create(scope, repositoryName, key, keepImages);
        var auth = scope.Invoke("registry-auth", AwsTypes.GetEcrAuthorizationToken, Value.Map(("registryId", repository.Output("registryId"))));
        var image = ImagePush.Add(scope, build, repository.Output("repositoryUrl"), auth.Output("proxyEndpoint"), auth.Output("userName"), auth.Output("password"));
        scope.Note("image", Fidelity.Native, $"built from {build.Context} for {build.Platform}, pushed to ECR as :{build.Tag}, deployed by digest");
        // repository@digest: the tag is only for people; workloads run exactly the pushed bytes.
        var pinned = Value.Format($"{repository.Output("repositoryUrl")}@{image.Output("digest")}");
        return new ContainerImage(pinned, image.Output("digest"), repository.Output("repositoryUrl"), repository.Output("arn"));
    }

    /// <summary>
    /// Creates the deployment's repository (the one a build gets) and copies a public image into it (decision 50): the
    /// workload runs <c>&lt;repository&gt;@&lt;pinned digest&gt;</c>, and its role may pull from that repository only.
    /// </summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="mirror">The public image, pinned by digest.</param>
    /// <param name="key">The key that encrypts the images.</param>
    /// <param name="keepImages">How many images to keep: the copy is tagged, so it counts like a build.</param>
    public static ContainerImage Mirror(AwsScope scope, MirroredImage mirror, Resource key, int keepImages)
    {
        var repository = EcrRepositoryBlock.Create(scope, scope.PhysicalName(RepositoryNameLength), key, keepImages);
        var auth = scope.Invoke("registry-auth", AwsTypes.GetEcrAuthorizationToken, Value.Map(("registryId", repository.Output("registryId"))));
        var url = repository.Output("repositoryUrl");
        var copy = ImageMirror.Add(scope, mirror, url, auth.Output("proxyEndpoint"), auth.Output("userName"), auth.Output("password"));
        scope.Note("image", Fidelity.Native, $"public image {mirror.Unpinned} copied into the deployment's ECR repository as :{mirror.MirrorTag} at deploy time (docker-build Index, the deployer's ECR token), deployed by digest {mirror.Digest}"
            + (scope.Deployment.Target is SageMaker.SageMakerTarget ? "; SageMaker: pin the linux/amd64 manifest's digest (docker buildx imagetools inspect lists it), not an image index, whose support on SageMaker is unverified" : string.Empty));
        return new ContainerImage(ImageMirror.Pinned(url, mirror), mirror.Digest!, url, repository.Output("arn")) { Copy = copy };
    }

    public static ContainerImage Existing(AwsScope scope, ExistingImage existing)
    {
        var parts = ParseEcr(existing.Reference) ?? throw new InvalidOperationException($"'{existing.Reference}' is not an ECR reference; validation should have caught it.");
        var arn = scope.Account.Arn("ecr", parts.Region, parts.Account, $"repository/{parts.Repository}");
        scope.Note("image", existing.IsDigestPinned ? Fidelity.Native : Fidelity.Approximated,
            existing.IsDigestPinned ? "existing ECR image, pinned by digest" : "existing ECR image by tag (allowed outside production only)");
        return new ContainerImage(existing.Reference, parts.Digest ?? string.Empty, $"{parts.Registry}/{parts.Repository}", arn);
    }

    /// <summary>An image pinned by digest in a repository named by identifiers (another stack's, typically).</summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="image">The image.</param>
    /// <returns>The image.</returns>
    public static ContainerImage InRepository(AwsScope scope, RepositoryImage image)
    {
        var url = scope.Resolve(image.RepositoryUrl);
        scope.Note("image", Fidelity.Native, $"existing image in repository {image.RepositoryUrl}, pinned by digest {image.Digest}");
        return new ContainerImage(Value.Format($"{url}@{image.Digest}"), image.Digest, url, scope.Resolve(image.RepositoryArn));
    }

    /// <summary>Splits an ECR image reference, or returns null when it is not one.</summary>
    public static EcrReference? ParseEcr(string reference)
    {
        var m = EcrPattern().Match(reference);
        return m.Success
            ? new EcrReference(m.Groups["registry"].Value, m.Groups["account"].Value, m.Groups["region"].Value, m.Groups["repo"].Value, m.Groups["digest"].Success ? m.Groups["digest"].Value : null)
            : null;
    }

    [GeneratedRegex(@"^(?<registry>(?<account>\d{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?)/(?<repo>[a-z0-9._/-]+?)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex EcrPattern();
}

/// <summary>The parts of an ECR image reference.</summary>
internal sealed record EcrReference(string Registry, string Account, string Region, string Repository, string? Digest);
