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

    /// <summary>
    /// The script for a DVC output in a <c>gs://</c> remote: <see cref="DvcObjectLoader"/> streams each object with
    /// <c>gcloud storage cat</c> and checks its md5 (a directory through its <c>.dir</c> manifest), then the files are
    /// checked against the release's digest like any model. <c>$0</c> is the storage root, <c>$1</c> the model
    /// directory, <c>$2</c> the md5, <c>$3</c> the hash name, <c>$4</c> the output's name: the order of the Fargate/EKS
    /// loader (AwsModelLoader.DvcScript). The wait for the metadata server reads the output's own object
    /// (<c>MODEL_URI</c>) with <c>gcloud storage objects describe</c>, which needs only <c>storage.objects.get</c>: the
    /// grant for one object or a store prefix allows no listing, which <c>gcloud storage ls</c> would need.
    /// </summary>
    public static readonly string DvcScript =
        "set -eu\n"
        + "i=0\n"
        + "until gcloud storage objects describe \"$MODEL_URI\" >/dev/null; do\n"
        + "  i=$((i+1)); [ \"$i\" -lt 12 ] || exit 1; sleep 5\n"
        + "done\n"
        + DvcObjectLoader.Command("gcloud storage cat \"$0\"") + " \"$0\" \"$2\" \"$3\" \"$1\" \"$4\"\n"
        + ModelArchive.VerifyDigest + " \"$1\"\n";

    /// <summary>The loader for the model objects: the uploaded folder or file, the given <c>gs://</c> URI, or a DVC output's objects.</summary>
    public static ModelLoader For(ModelDeployment d, ModelObjects model, string image, string rootDirectory)
    {
        if (d.Artifact is DvcArtifact { Tracked: { } dvc })
        {
            return new ModelLoader(image, ["/bin/sh", "-c"], [DvcScript, dvc.StorageRoot, "$(MODEL_DIR)", dvc.Md5, DvcObjectLoader.HashName(dvc.LegacyLayout), dvc.Name])
            {
                Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("MODEL_URI", dvc.Uri)]),
            };
        }

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
