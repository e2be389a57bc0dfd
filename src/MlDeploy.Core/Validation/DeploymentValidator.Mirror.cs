using System.Text.RegularExpressions;
using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>The cloud-neutral rules for a public image mirrored into the deployment's registry (decision 50).</summary>
public static partial class DeploymentValidator
{
    /// <summary>An example in hints: a real public image, the digest left for the user to look up.</summary>
    private const string MirrorExample = "ghcr.io/huggingface/text-generation-inference:3.0.1@sha256:<64 hex digits>";

    private static IEnumerable<Diagnostic> ValidateMirror(MirroredImage m, DeploymentPath p)
    {
        var reference = m.Reference ?? string.Empty;
        var parts = MirrorReference().Match(reference);
        if (!parts.Success)
        {
            yield return p.Error("image.reference", $"'{reference}' is not an image reference", $"use registry/repository[:tag]@sha256:<64 hex digits>, e.g. {MirrorExample}");
        }
        else if (!parts.Groups["host"].Value.Contains('.', StringComparison.Ordinal))
        {
            // Docker would read 'library/nginx' as Docker Hub's; the program names the registry so nobody has to know that.
            yield return p.Error("image.reference", $"'{reference}' names no registry", $"start with the registry's host, e.g. docker.io/{reference} for Docker Hub");
        }
        else if (!parts.Groups["digest"].Success)
        {
            // Refused in every profile: the copy runs once per pin (docker-build's Index sees no change when the public tag
            // moves), so a tag would name an image the program does not know and could not keep.
            yield return p.Error("image.reference", $"'{reference}' is not pinned by digest", $"a mirror copies one image once, so name it by digest: `docker buildx imagetools inspect {reference}` prints the image index's (the first Digest: line) and each platform's (on SageMaker pin linux/amd64's), then use {reference}@sha256:<that digest>");
        }
    }

    /// <summary>Whether a reference could be mirrored: well formed, with a registry host, and not in a private cloud registry.</summary>
    internal static bool IsMirrorable(string reference) =>
        MirrorReference().Match(reference ?? string.Empty) is { Success: true } parts
        && parts.Groups["host"].Value.Contains('.', StringComparison.Ordinal)
        && !PrivateRegistries.Names(reference!, out _);

    // registry-host[:port]/path[:tag][@sha256:digest], the grammar of distribution/reference (lowercase path components
    // joined by '.', '_', '__' or '-').
    [GeneratedRegex(@"\A(?<host>[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]+)?)/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@(?<digest>sha256:[a-f0-9]{64}))?\z")]
    private static partial Regex MirrorReference();
}
