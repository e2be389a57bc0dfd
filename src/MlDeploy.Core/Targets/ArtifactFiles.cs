using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>The files a local model artifact uploads: one file, or every file under a folder in a stable order.</summary>
/// <param name="IsDirectory">Whether the artifact is a folder.</param>
/// <param name="Files">Paths relative to the folder with '/' separators (sorted ordinally), or the file's own name.</param>
public sealed record ArtifactFiles(bool IsDirectory, IReadOnlyList<string> Files)
{
    /// <summary>Lists the artifact's files under the project root.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The files.</returns>
    public static ArtifactFiles Of(string rootDirectory, FileArtifact artifact)
    {
        var snapshot = LocalArtifactSnapshot.Of(rootDirectory, artifact);
        return new(snapshot.IsDirectory, snapshot.Files);
    }

    /// <summary>The total length of a local artifact's files in bytes, as the synthesis in progress sees them.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The bytes, or null when no file or folder is at the path.</returns>
    public static long? SizeOf(string rootDirectory, FileArtifact artifact) =>
        LocalArtifactSnapshot.Of(rootDirectory, artifact) is { Exists: true } snapshot ? snapshot.Bytes : null;

    /// <summary>
    /// What identifies a model's content, for names that must change exactly when it does (Azure ML model versions, Vertex
    /// AI model ids): the model's digest (<see cref="ModelDigest"/>) when it is known, else the URI of a remote artifact.
    /// </summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The lowercase hex SHA-256, or the URI.</returns>
    public static string ContentIdentity(string rootDirectory, ModelArtifact artifact) =>
        ModelDigest.Of(rootDirectory, artifact) ?? (artifact is UriArtifact u ? u.Uri : artifact?.ToString() ?? string.Empty);
}
