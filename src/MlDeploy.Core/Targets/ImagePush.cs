using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// Builds an image with docker-build and pushes it to a cloud's private registry: the one resource every cloud's
/// registry block adds, so only the registry and its credentials differ between clouds.
/// </summary>
public static class ImagePush
{
    /// <summary>The docker-build image resource type.</summary>
    public static ResourceType ImageType { get; } = new("docker-build:index:Image", PulumiPackages.DockerBuild);

    /// <summary>What docker-build needs on the deployer's machine, for a build (<see cref="ImagePush"/>) and a copy (<see cref="ImageMirror"/>) alike.</summary>
    internal const string DockerPurpose = "buildx with a BuildKit builder (Docker Engine or buildkitd), to build and push images";

    /// <summary>Adds the build-and-push resource, named <c>&lt;scope&gt;-image</c>; deploy its <c>digest</c>, never the tag.</summary>
    /// <param name="scope">The deployment or shared image that owns it.</param>
    /// <param name="build">What to build.</param>
    /// <param name="repository">The repository the tag is pushed to, e.g. <c>${repo.repositoryUrl}</c>.</param>
    /// <param name="address">The registry address to log in to.</param>
    /// <param name="username">The registry user.</param>
    /// <param name="password">The registry password or token (written as a secret).</param>
    /// <returns>The image resource.</returns>
    public static Resource Add(GraphScope scope, BuildImage build, Value repository, Value address, Value username, Value password)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(build);

        // docker-build builds with buildx against BuildKit, at preview as well as at update (buildOnPreview).
        scope.Context.RequireTool("docker", DockerPurpose);
        return scope.Add(
            "image",
            ImageType,
            Value.Map(
                ("push", true),
                ("context", Value.Map(("location", build.Context))),
                ("dockerfile", Value.Map(("location", build.DockerfilePath))),
                ("platforms", Value.List(build.Platform)),
                ("buildArgs", build.BuildArgs.Count == 0 ? null : Value.SortedMap(build.BuildArgs)),
                ("tags", Value.List(Value.Format($"{repository}:{build.Tag}"))),
                ("registries", Value.List(Value.Map(("address", address), ("username", username), ("password", Fn.Secret(password)))))),

            // Deleting the resource would delete the pushed tag that running workloads and rollbacks still need.
            new ResourceOptions { RetainOnDelete = true });
    }
}
