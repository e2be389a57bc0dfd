using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Blocks;

/// <summary>The image a workload runs: its digest-pinned reference and the repository a runtime identity may read (project, location, repository id).</summary>
internal sealed record GcpImage(Value Reference, string Project, string Location, Value Repository)
{
    /// <summary>Gets the copy of a mirrored public image, which the workload must wait for (its reference names no output of it), or null.</summary>
    public Resource? Copy { get; init; }
}

/// <summary>
/// The deployment's Artifact Registry docker repository and its image (TARGETS.md 11.3, SECURITY.md 2.19): immutable
/// tags, cleanup policies that keep the recent versions and delete old untagged ones (not a dry run), vulnerability
/// scanning as the project's Container Scanning API sets it, an optional CMEK key; pushed with docker-build as the
/// deployer (<c>oauth2accesstoken</c> and the access token of <c>getClientConfig</c>: no key, no stored password).
/// </summary>
internal static partial class ArtifactRegistryBlock
{
    /// <summary>The user name Artifact Registry takes with an OAuth access token (Artifact Registry docs, "Configure authentication to Artifact Registry for Docker", access token).</summary>
    public const string TokenUser = "oauth2accesstoken";

    /// <summary>How many recent versions the cleanup policy always keeps (rollbacks redeploy one of them).</summary>
    public const int KeepVersions = 10;

    /// <summary>How long an untagged version is kept before cleanup deletes it.</summary>
    public const string UntaggedAge = "604800s";

    /// <summary>The deployment's image, however the model says it comes: built and pushed, an existing image, or a copy of a public one.</summary>
    /// <param name="scope">The deployment's scope.</param>
    /// <param name="image">The model's image source.</param>
    /// <param name="kmsKeyName">The CMEK key of a repository the SDK creates, or null.</param>
    /// <param name="apis">The project services the repository needs.</param>
    /// <param name="target">The target's name, for the message when validation let another source through.</param>
    /// <returns>The image.</returns>
    public static GcpImage For(GcpScope scope, ImageSource image, string? kmsKeyName, IReadOnlyList<Resource> apis, string target) => image switch
    {
        BuildImage b => Create(scope, b, kmsKeyName, apis),
        ExistingImage e => Existing(scope, e),
        MirroredImage m => Mirror(scope, m, kmsKeyName, apis),
        _ => throw new InvalidOperationException($"{image?.GetType().Name} is not supported on {target}; validation should have caught it."),
    };

    public static GcpImage Create(GcpScope scope, BuildImage build, string? kmsKeyName, IReadOnlyList<Resource> apis)
    {
        var (repository, host) = Repository(scope, kmsKeyName, apis);
        var uri = repository.Output("registryUri");
        var image = ImagePush.Add(scope, build, Value.Format($"{uri}/{scope.Name}"), host, TokenUser, scope.Client.Output("accessToken"));
        scope.Note("image", Fidelity.Native, $"built from {build.Context} for {build.Platform}, pushed to the deployment's Artifact Registry repository (immutable tags, cleanup keeps {KeepVersions} versions{(kmsKeyName is null ? string.Empty : ", CMEK")}) as {scope.Name}:{build.Tag} with the deployer's access token, deployed by digest");

        // <region>-docker.pkg.dev/<project>/<repository>/<image>@<digest>: revisions run exactly the pushed bytes (decision 2).
        return new GcpImage(Value.Format($"{uri}/{scope.Name}@{image.Output("digest")}"), scope.Project, scope.Region, repository.Output("name"));
    }

    /// <summary>
    /// Creates the deployment's repository (the one a build gets) and copies a public image into it with the deployer's
    /// access token, as a build pushes (decision 50); revisions run <c>&lt;registryUri&gt;/&lt;image&gt;@&lt;pinned digest&gt;</c>.
    /// </summary>
    public static GcpImage Mirror(GcpScope scope, MirroredImage mirror, string? kmsKeyName, IReadOnlyList<Resource> apis)
    {
        var (repository, host) = Repository(scope, kmsKeyName, apis);
        var image = Value.Format($"{repository.Output("registryUri")}/{scope.Name}");
        var copy = ImageMirror.Add(scope, mirror, image, host, TokenUser, scope.Client.Output("accessToken"));
        scope.Note("image", Fidelity.Native, $"public image {mirror.Unpinned} copied into the deployment's Artifact Registry repository (immutable tags, cleanup keeps {KeepVersions} versions{(kmsKeyName is null ? string.Empty : ", CMEK")}) as {scope.Name}:{mirror.MirrorTag} at deploy time (docker-build Index, the deployer's access token), deployed by digest {mirror.Digest}");
        return new GcpImage(ImageMirror.Pinned(image, mirror), scope.Project, scope.Region, repository.Output("name")) { Copy = copy };
    }

    /// <summary>The deployment's docker repository and the registry host a push logs in to.</summary>
    private static (Resource Repository, string Host) Repository(GcpScope scope, string? kmsKeyName, IReadOnlyList<Resource> apis)
    {
        // Repository ids: lowercase letters, digits and '-', starting with a letter, at most 63 characters.
        var repository = scope.Add(
            "images",
            GcpTypes.Repository,
            scope.Placed(
                ("repositoryId", GcpNames.Id(scope, 63, "images")),
                ("format", "DOCKER"),
                ("description", $"images of {scope.Name}"),
                ("dockerConfig", Value.Map(("immutableTags", true))),
                ("cleanupPolicyDryRun", false),
                ("cleanupPolicies", Value.List(
                    Value.Map(("id", "keep-recent"), ("action", "KEEP"), ("mostRecentVersions", Value.Map(("keepCount", KeepVersions)))),
                    Value.Map(("id", "delete-old-untagged"), ("action", "DELETE"), ("condition", Value.Map(("tagState", "UNTAGGED"), ("olderThan", UntaggedAge)))))),
                ("vulnerabilityScanningConfig", Value.Map(("enablementConfig", "INHERITED"))),
                ("kmsKeyName", kmsKeyName is null ? null : (Value)kmsKeyName)),
            new ResourceOptions { DependsOn = [.. apis] });
        return (repository, $"{scope.Region}-docker.pkg.dev");
    }

    public static GcpImage Existing(GcpScope scope, ExistingImage existing)
    {
        var m = Reference().Match(existing.Reference);
        scope.Note("image", existing.IsDigestPinned ? Fidelity.Native : Fidelity.Approximated, existing.IsDigestPinned
            ? $"existing Artifact Registry image, pinned by digest; the service account may read only repository {m.Groups["repo"].Value}"
            : "existing Artifact Registry image by tag (allowed outside production only)");
        return new GcpImage(existing.Reference, m.Groups["project"].Value, m.Groups["location"].Value, m.Groups["repo"].Value);
    }

    /// <summary>Grants a member (by default the runtime identity) <c>roles/artifactregistry.reader</c> on exactly the image's repository.</summary>
    public static Resource GrantReader(GcpScope scope, GcpImage image, Value member, string part = "images-reader", ResourceOptions? options = null) => scope.Add(
        part,
        GcpTypes.RepositoryIamMember,
        Value.Map(
            ("project", image.Project),
            ("location", image.Location),
            ("repository", image.Repository),
            ("role", "roles/artifactregistry.reader"),
            ("member", member)),
        options);

    /// <summary>
    /// Lets the platform's own service agent pull an image that lives in another project. Cloud Run and Vertex AI pull
    /// with their service agent, not with the service account the workload runs as, and that agent reads only its own
    /// project's repositories: "If your repositories are in a different project, you must grant Artifact Registry Reader
    /// permissions to the Cloud Run Service Agent" (Artifact Registry docs, "Deploying to Cloud Run"); Vertex AI pulls
    /// custom containers with its service agent, never with a custom service account (Vertex AI docs, "Use a custom
    /// service account"). Without the grant the revision or the model deployment fails on the image. Agents are named
    /// <c>service-&lt;project number&gt;@&lt;domain&gt;</c> (Google Cloud docs, "Service agents"). docs/GCP-RUNTIME.md G19.
    /// </summary>
    /// <param name="scope">The deployment's scope (its project is where the platform runs).</param>
    /// <param name="image">The image.</param>
    /// <param name="agentDomain">The agent's domain, e.g. <c>serverless-robot-prod.iam.gserviceaccount.com</c>.</param>
    /// <param name="apis">The project's APIs, which create the agent when enabled.</param>
    /// <returns>The grant, or null when the image is in the deployment's own project.</returns>
    public static Resource? GrantServiceAgent(GcpScope scope, GcpImage image, string agentDomain, IReadOnlyList<Resource> apis)
    {
        if (image.Project == scope.Project)
        {
            return null;
        }

        var project = scope.Invoke("project", GcpTypes.GetProject, Value.Map(("projectId", scope.Project)));
        return GrantReader(scope, image, Value.Format($"serviceAccount:service-{project.Output("number")}@{agentDomain}"), "images-reader-agent", new ResourceOptions { DependsOn = [.. apis] });
    }

    /// <summary>Gets Artifact Registry as the registry existing images must be in: the identity reads one repository.</summary>
    public static ImageRegistry Registry { get; } = new("Google Artifact Registry", r => Reference().IsMatch(r ?? string.Empty));

    // <location>-docker.pkg.dev/<project>/<repository>/<image>[:tag][@sha256:digest] (Artifact Registry docs, "Repository and image names").
    [GeneratedRegex(@"^(?<location>[a-z]+(-[a-z0-9]+)*)-docker\.pkg\.dev/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])/(?<repo>[a-z][a-z0-9-]{0,62})/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex Reference();
}
