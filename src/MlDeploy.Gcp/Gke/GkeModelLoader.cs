using System.Collections.Immutable;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Gke;

/// <summary>
/// The GKE model loader: the Google Cloud CLI in an init container, signed in by nothing but the pod's Workload
/// Identity. gcloud finds Application Default Credentials on the GKE metadata server, which answers for the Google
/// service account the Kubernetes service account is bound to (GKE docs, "Authenticate to Google Cloud APIs from GKE
/// workloads"); that server can take a few seconds to answer on a new pod, so the script waits for it (same page,
/// limitations: retry early calls, especially in init containers).
/// </summary>
internal static class GkeModelLoader
{
    /// <summary>
    /// <c>MODEL_URI</c> ending in '/' is a folder (<c>gcloud storage rsync --recursive</c>), a <c>.tar.gz</c>/<c>.tgz</c>
    /// is streamed (<c>gcloud storage cat</c>) into Python's <c>tarfile</c> (nothing staged on the 1 GiB <c>/tmp</c>),
    /// anything else is one object copied into the model directory.
    /// </summary>
    public static readonly string Script =
        "set -eu\n"
        + "i=0\n"
        + "until gcloud storage ls \"$MODEL_URI\" >/dev/null; do\n"
        + "  i=$((i+1)); [ \"$i\" -lt 12 ] || exit 1; sleep 5\n"
        + "done\n"
        + "case \"$MODEL_URI\" in\n"
        + "  */) gcloud storage rsync --recursive \"$MODEL_URI\" \"$MODEL_DIR\" ;;\n"
        + "  *.tar.gz|*.tgz) gcloud storage cat \"$MODEL_URI\" | " + ModelArchive.UnpackStdin + " \"$MODEL_DIR\" ;;\n"
        + "  *) gcloud storage cp \"$MODEL_URI\" \"$MODEL_DIR/\" ;;\n"
        + "esac\n"
        + ModelArchive.VerifyDigest + " \"$MODEL_DIR\"\n";

    /// <summary>The loader for the model objects: the uploaded folder or file, or the given <c>gs://</c> URI.</summary>
    public static ModelLoader For(ModelDeployment d, ModelObjects model, string image, string rootDirectory)
    {
        var uri = d.Artifact switch
        {
            UriArtifact u => u.Uri,
            FileArtifact f when ArtifactFiles.Of(rootDirectory, f) is { IsDirectory: false } files => $"gs://{model.BucketName}/{model.Folder}/{files.Files[0]}",
            _ => $"gs://{model.BucketName}/{model.Folder}/",
        };
        return new ModelLoader(image, ["/bin/sh", "-c"], [Script])
        {
            Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("MODEL_URI", uri)]),
        };
    }
}
