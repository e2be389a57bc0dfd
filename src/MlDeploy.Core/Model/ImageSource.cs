using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>Where the serving container image comes from.</summary>
public abstract record ImageSource
{
    /// <summary>Builds the image from a Docker context and pushes it to the private registry the SDK creates.</summary>
    /// <param name="context">The build context directory, relative to the project root.</param>
    /// <param name="tag">A unique, immutable version tag (for example the git commit); never <c>latest</c>.</param>
    /// <returns>The image source (a <see cref="BuildImage"/>; typed as the base record so a conditional choosing between sources needs no cast).</returns>
    public static ImageSource Build(string context, string tag) => new BuildImage(context, tag);

    /// <summary>Uses an image that already exists, pinned as <c>registry/repository@sha256:...</c>.</summary>
    /// <param name="reference">The image reference.</param>
    /// <returns>The image source (an <see cref="ExistingImage"/>).</returns>
    public static ImageSource Existing(string reference) => new ExistingImage(reference);

    /// <summary>
    /// Copies a public image (Docker Hub, GHCR, public ECR, Quay, ...) pinned by digest into the deployment's own private
    /// repository at deploy time (the one <see cref="Build"/> creates: immutable tags, scanning, encryption, a lifecycle
    /// policy) and runs it from there by that same digest, so every managed target accepts it and the registry policies hold.
    /// </summary>
    /// <param name="reference">
    /// The public image, <c>registry/repository[:tag]@sha256:&lt;64 hex digits&gt;</c>, e.g.
    /// <c>ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:...</c>. <c>docker buildx imagetools inspect
    /// &lt;image&gt;</c> prints the digests: first the image index of a multi-platform image, which the copy keeps byte for
    /// byte, then each platform's manifest, which the copy keeps under its own digest inside a new index. On SageMaker pin
    /// the <c>linux/amd64</c> manifest: whether SageMaker runs an image index is unverified, and the SDK's own builds are
    /// single manifests (docs/AWS-RUNTIME.md, "Mirrored public images").
    /// The registry must allow anonymous pulls: the program gives the copy credentials for the private repository only.
    /// </param>
    /// <returns>The image source (a <see cref="MirroredImage"/>).</returns>
    public static ImageSource Mirror(string reference) => new MirroredImage(reference);

    /// <summary>
    /// Builds one image for any number of deployments: declared once and passed to each, it gets one registry
    /// repository, one build and one digest, named after <paramref name="name"/> rather than after a deployment.
    /// </summary>
    /// <param name="name">The image's name (a DNS label), e.g. <c>scorer</c>.</param>
    /// <param name="context">The build context directory, relative to the project root.</param>
    /// <param name="tag">A unique, immutable version tag.</param>
    /// <returns>The image source.</returns>
    public static ImageSource Shared(string name, string context, string tag) => new SharedImage(name, new BuildImage(context, tag));

    /// <summary>
    /// Uses an image in a repository another stack owns (e.g. a platform stack's shared image), pinned by digest: the
    /// repository's URL and ARN are read from that stack at deploy time, the digest is fixed here (CI promotes by setting
    /// it), so the workload runs exactly those bytes and its role may pull from that one repository.
    /// </summary>
    /// <param name="repositoryUrl">The repository URL, e.g. <c>platform.Output("scorerRepositoryUrl")</c>.</param>
    /// <param name="repositoryArn">The repository ARN (the pull permission is scoped to it).</param>
    /// <param name="digest">The image digest, <c>sha256:</c> and 64 hex digits.</param>
    /// <returns>The image source (a <see cref="RepositoryImage"/>).</returns>
    public static ImageSource FromRepository(Identifier repositoryUrl, Identifier repositoryArn, string digest) => new RepositoryImage(repositoryUrl, repositoryArn, digest);

    /// <summary>Uses the image that comes with a model registry entry (see <see cref="ModelArtifact.FromRegistry"/>).</summary>
    public static ImageSource FromModelPackage { get; } = new PackagedImage();

    /// <summary>Gets the build the SDK runs for this source: the source itself, a shared image's build, or null when nothing is built.</summary>
    public BuildImage? BuiltFrom => this switch
    {
        BuildImage b => b,
        SharedImage s => s.Definition,
        _ => null,
    };
}

/// <summary>An image built from a Docker context and pushed to the SDK's private registry; workloads use its digest.</summary>
/// <param name="Context">The build context directory, relative to the project root.</param>
/// <param name="Tag">The immutable version tag pushed to the registry.</param>
public sealed record BuildImage(string Context, string Tag) : ImageSource
{
    private readonly ImmutableSortedDictionary<string, string> _buildArgs = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the Dockerfile path relative to the project root; defaults to <c>&lt;context&gt;/Dockerfile</c>.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>Gets build arguments.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs
    {
        get => _buildArgs;

        // Stored sorted, whatever dictionary the stack program passes, so the program text never depends on its order.
        init => _buildArgs = (value ?? throw new ArgumentNullException(nameof(value))).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the target platform.</summary>
    public string Platform { get; init; } = "linux/amd64";

    /// <summary>Gets the Dockerfile path to use.</summary>
    public string DockerfilePath => Dockerfile ?? $"{Context.TrimEnd('/')}/Dockerfile";

    /// <summary>Whether two builds produce the same image: same context, tag, Dockerfile, platform and build arguments.</summary>
    /// <param name="other">The other build.</param>
    /// <returns>True when equal.</returns>
    /// <remarks>By value, build arguments included, so two separately written equal builds are one image.</remarks>
    public bool Equals(BuildImage? other) =>
        other is not null && Context == other.Context && Tag == other.Tag && Dockerfile == other.Dockerfile && Platform == other.Platform
        && _buildArgs.SequenceEqual(other._buildArgs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Context, Tag, Dockerfile, Platform, _buildArgs.Count);
}

/// <summary>
/// An image built once and run by several deployments (see <see cref="ImageSource.Shared"/>): a platform component
/// of its own, so its repository is named after it and survives any deployment being added or removed. Listed in
/// <see cref="Platform.Components"/> it is built and exported even when no deployment runs it (by the one registered
/// pack that plans shared images).
/// </summary>
/// <param name="Name">The image's name, a DNS label unique among the stack's shared images.</param>
/// <param name="Definition">How it is built.</param>
public sealed record SharedImage(string Name, BuildImage Definition) : ImageSource, IPlatformComponent
{
    /// <summary>Gets how many images its repository keeps for rollback.</summary>
    public int KeepImages { get; init; } = 30;
}

/// <summary>An existing image reference.</summary>
/// <param name="Reference">The reference, e.g. <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud@sha256:...</c>.</param>
public sealed record ExistingImage(string Reference) : ImageSource
{
    /// <summary>Gets a value indicating whether the reference is pinned by digest.</summary>
    public bool IsDigestPinned => Reference.Contains("@sha256:", StringComparison.Ordinal);
}

/// <summary>The image is part of a model registry entry.</summary>
public sealed record PackagedImage : ImageSource;

/// <summary>An image pinned by digest in a repository named by identifiers (literal or from another stack).</summary>
/// <param name="RepositoryUrl">The repository URL.</param>
/// <param name="RepositoryArn">The repository ARN.</param>
/// <param name="Digest">The digest, <c>sha256:</c> and 64 hex digits.</param>
public sealed record RepositoryImage(Identifier RepositoryUrl, Identifier RepositoryArn, string Digest) : ImageSource;

/// <summary>
/// A public image copied into the deployment's private repository at deploy time and run from there by its digest (see
/// <see cref="ImageSource.Mirror"/>).
/// </summary>
/// <param name="Reference">The public reference, <c>registry/repository[:tag]@sha256:...</c>.</param>
public sealed record MirroredImage(string Reference) : ImageSource
{
    private const string DigestMarker = "@sha256:";

    /// <summary>Gets the pinned digest (<c>sha256:</c> and 64 hex digits), or null when the reference is not pinned.</summary>
    public string? Digest => (Reference ?? string.Empty).IndexOf(DigestMarker, StringComparison.Ordinal) is var at and >= 0 ? Reference![(at + 1)..] : null;

    /// <summary>Gets the reference without its digest (what <c>docker buildx imagetools inspect</c> takes to print the digest).</summary>
    public string Unpinned => (Reference ?? string.Empty).IndexOf(DigestMarker, StringComparison.Ordinal) is var at and >= 0 ? Reference![..at] : Reference ?? string.Empty;

    /// <summary>
    /// Gets the tag the copy gets in the private repository: <c>mirror-</c> and the digest's hex digits. Derived from the
    /// digest, so a new pin is a new tag (the registry's tags are immutable) and the same pin is always the same tag.
    /// </summary>
    public string MirrorTag => $"mirror-{Digest?["sha256:".Length..]}";
}
