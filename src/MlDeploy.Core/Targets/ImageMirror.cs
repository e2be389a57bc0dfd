using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// Copies a public image into a cloud's private repository with docker-build's <c>Index</c>: the one resource every cloud's
/// registry block adds for <see cref="ImageSource.Mirror"/>, beside <see cref="ImagePush"/>, so only the repository and
/// its credentials differ between clouds.
/// </summary>
/// <remarks>
/// Why an <c>Index</c> copies (docs/AWS-RUNTIME.md, "Mirrored public images"): the resource runs
/// <c>buildx imagetools create --tag &lt;tag&gt; &lt;source&gt;</c> (pulumi/pulumi-docker-build v0.0.22 provider/internal/client.go,
/// <c>ManifestCreate</c>); buildx first copies every source outside the target repository into it, blobs and child
/// manifests included (docker/buildx commands/imagetools/create.go, <c>r.Copy</c>; util/imagetools/create.go,
/// <c>contentutil.CopyChain</c>), and for one source that is an image index or manifest list it pushes the source's own
/// bytes, a carbon copy with the same digest (util/imagetools/create.go, <c>Combine</c>; docs.docker.com, "docker buildx
/// imagetools create"). A single-platform manifest is copied too, under its own digest, but the tag then names a new
/// index around it. Either way <c>&lt;repository&gt;@&lt;pinned digest&gt;</c> exists once the resource is created.
/// </remarks>
public static class ImageMirror
{
    /// <summary>The docker-build index resource type.</summary>
    public static ResourceType IndexType { get; } = new("docker-build:index:Index", PulumiPackages.DockerBuild);

    /// <summary>Adds the copy, named <c>&lt;scope&gt;-image-mirror</c>; run <see cref="Pinned"/>, which depends on it.</summary>
    /// <param name="scope">The deployment that owns the repository.</param>
    /// <param name="mirror">The public image, pinned by digest (validation guarantees it).</param>
    /// <param name="repository">The private repository, e.g. <c>${repo.repositoryUrl}</c>.</param>
    /// <param name="address">The registry address to log in to.</param>
    /// <param name="username">The registry user.</param>
    /// <param name="password">The registry password or token (written as a secret).</param>
    /// <returns>The index resource.</returns>
    public static Resource Add(GraphScope scope, MirroredImage mirror, Value repository, Value address, Value username, Value password)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(mirror);
        _ = DigestOf(mirror);

        // docker-build runs buildx's imagetools in-process with a builder of the local Docker context (buildx builder.New):
        // the same tool a build needs, listed once.
        scope.Context.RequireTool("docker", ImagePush.DockerPurpose);
        return scope.Add(
            "image-mirror",
            IndexType,
            Value.Map(
                ("tag", Value.Format($"{repository}:{mirror.MirrorTag}")),
                ("sources", Value.List(mirror.Reference)),
                ("push", true),

                // The private repository's credentials, layered over whatever the provider loaded from the deployer's Docker
                // config with credential helpers off (pulumi-docker-build v0.0.22 provider/internal/cli.go, wrap): the SDK
                // mirrors public images only, so the program never depends on a login on the deployer's machine.
                ("registry", Value.Map(("address", address), ("username", username), ("password", Fn.Secret(password))))),

            // Deleting an Index deletes the manifest it pushed (index.go, Delete): running workloads and rollbacks still need it.
            new ResourceOptions { RetainOnDelete = true });
    }

    /// <summary>The reference a workload runs: the private repository at the pinned digest, never the public registry.</summary>
    /// <param name="repository">The private repository.</param>
    /// <param name="mirror">The public image.</param>
    /// <returns><c>&lt;repository&gt;@sha256:...</c>.</returns>
    public static Value Pinned(Value repository, MirroredImage mirror)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        return Value.Format($"{repository}@{DigestOf(mirror)}");
    }

    // Validation refuses a mirror without a digest, so one here is an SDK defect (exit 1), not bad input.
    private static string DigestOf(MirroredImage mirror) =>
        mirror.Digest ?? throw new InvalidOperationException($"'{mirror.Reference}' is not pinned by digest; validation should have caught it.");
}
