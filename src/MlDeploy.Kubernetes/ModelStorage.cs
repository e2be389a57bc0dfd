using System.Globalization;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// Sizes the model volume (an <c>emptyDir</c> the pod also reserves as ephemeral storage). Too small and the loader
/// fails; far too large and the pod never schedules on nodes whose disk cannot hold the reservation.
/// </summary>
public static class ModelStorage
{
    private const double BytesPerGiB = 1024d * 1024 * 1024;

    /// <summary>The volume size in GiB: the declared size, else a measured local file or directory (or the size a DVC output records) plus 10 %, else the default; the plan says which.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="declared">The size the stack program declared, or null.</param>
    /// <param name="rootDirectory">The project directory local artifacts are relative to.</param>
    /// <param name="scope">The deployment's scope, for the plan note.</param>
    /// <returns>The size in GiB.</returns>
    public static int GiB(ModelDeployment deployment, int? declared, string rootDirectory, DeploymentScope scope)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(scope);
        if (declared is { } size)
        {
            scope.Note("model storage", Fidelity.Native, $"model volume {size} GiB as declared");
            return size;
        }

        // A folder is uploaded as its files, whatever its name; a file the loader unpacks has an unknown size.
        if (deployment.Artifact is FileArtifact file && (ArtifactFiles.Of(rootDirectory, file).IsDirectory || !ModelDigest.IsArchive(file.Path))
            && ArtifactFiles.SizeOf(rootDirectory, file) is { } bytes)
        {
            var measured = Math.Max(1, (int)Math.Ceiling(bytes * 1.1 / BytesPerGiB));
            scope.Note("model storage", Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"model volume {measured} GiB: the local artifact measures {bytes / BytesPerGiB:0.###} GiB, plus 10 %"));
            return measured;
        }

        // A DVC output records its size in bytes (a directory's: the sum of its files, iterative/dvc dvc/output.py
        // meta.size), which is what the loader writes unless it unpacks an archive.
        if (deployment.Artifact is DvcArtifact { Tracked: { Size: { } recorded } t } dvc && !ModelDigest.IsArchive(t.Name))
        {
            var sized = Math.Max(1, (int)Math.Ceiling(recorded * 1.1 / BytesPerGiB));
            scope.Note("model storage", Fidelity.Native, string.Create(CultureInfo.InvariantCulture, $"model volume {sized} GiB: {dvc.DvcFile} records {recorded / BytesPerGiB:0.###} GiB, plus 10 %"));
            return sized;
        }

        scope.Note("model storage", Fidelity.Approximated, $"model volume {KubernetesWorkload.DefaultModelStorageGiB} GiB by default: the artifact's unpacked size is unknown at synth time (declare KubernetesWorkloadOptions.ModelStorageGiB)");
        return KubernetesWorkload.DefaultModelStorageGiB;
    }
}
