using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Hosting;

/// <summary>
/// What <c>promote</c> wrote into a stack's config for one deployment: the image and model the source stack verified.
/// Keys <c>&lt;deployment&gt;-image</c>, <c>&lt;deployment&gt;-model-sha256</c> and, for a model in cloud storage,
/// <c>&lt;deployment&gt;-model-uri</c> and its S3 <c>&lt;deployment&gt;-model-version</c> — the names of the source
/// stack's outputs they were copied from.
/// </summary>
/// <param name="Image">The image, pinned by digest (<c>registry/repository@sha256:...</c>).</param>
/// <param name="ModelSha256">The model's digest.</param>
public sealed partial record Release(string Image, string ModelSha256)
{
    /// <summary>The config key suffixes, each the name of the source stack's output it is copied from.</summary>
    internal static readonly string[] Parts = ["image", "model-sha256", "model-uri", "model-version"];

    /// <summary>Gets the storage URI of a model the source stack read from cloud storage, or null when it deployed local files.</summary>
    public string? ModelUri { get; init; }

    /// <summary>Gets the S3 version id of that object, or null when the source stack pinned none.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Gets the image to deploy: the promoted digest.</summary>
    public ImageSource ImageSource => ImageSource.Existing(Image);

    /// <summary>
    /// The model to deploy: the declared local files pinned to the promoted digest (synthesis refuses other files), or
    /// the promoted storage URI pinned to it; either keeps the declared <see cref="ModelArtifact.Format"/> (an MLflow model stays one).
    /// </summary>
    /// <param name="declared">The artifact the stack program declares (its local files).</param>
    /// <returns>The pinned artifact.</returns>
    public ModelArtifact Artifact(ModelArtifact declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        return (ModelUri is { } uri ? new UriArtifact(uri) { Version = ModelVersion, Format = declared.Format } : declared) with { Sha256 = ModelSha256 };
    }

    /// <summary>Reads a deployment's release from the stack config, reporting a half-written or malformed one.</summary>
    internal static Release? Read(StackConfig config, string deployment)
    {
        var image = config.Get($"{deployment}-image");
        var sha = config.Get($"{deployment}-model-sha256");
        var uri = config.Get($"{deployment}-model-uri");
        var version = config.Get($"{deployment}-model-version");
        if (image is null && sha is null && uri is null && version is null)
        {
            return null;
        }

        var problems = false;
        if (image is null || !IsDigestPinned(image))
        {
            config.Report($"{deployment}-image", image is null ? "is not set, but the release's other keys are" : $"'{image}' is not pinned by digest", $"run `promote --from <stack> --to {config.Stack}` to write the whole release");
            problems = true;
        }

        if (sha is null || !ModelDigest.IsWellFormed(sha))
        {
            config.Report($"{deployment}-model-sha256", sha is null ? "is not set, but the release's other keys are" : $"'{sha}' is not a SHA-256 digest", $"run `promote --from <stack> --to {config.Stack}` to write the whole release");
            problems = true;
        }

        if (version is not null && uri is null)
        {
            config.Report($"{deployment}-model-version", "is set without the model-uri it is a version of", $"run `promote --from <stack> --to {config.Stack}` to write the whole release");
            problems = true;
        }

        return problems ? null : new Release(image!, sha!) { ModelUri = uri, ModelVersion = version };
    }

    /// <summary>Gets a value indicating whether an image reference names its bytes: <c>repository@sha256:</c> and 64 hex digits, no tag.</summary>
    internal static bool IsDigestPinned(string reference) => DigestPinned().IsMatch(reference);

    [GeneratedRegex("^[a-z0-9][a-z0-9.:/_-]*@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPinned();
}
