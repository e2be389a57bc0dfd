using System.Security.Cryptography;
using System.Text;
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
        ArgumentNullException.ThrowIfNull(artifact);
        var full = Path.Combine(rootDirectory, artifact.Path);
        return Directory.Exists(full)
            ? new(true, [.. Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(full, f).Replace('\\', '/')).Order(StringComparer.Ordinal)])
            : new(false, [Path.GetFileName(artifact.Path)]);
    }

    /// <summary>
    /// What identifies a model's content, for names that must change exactly when it does (Azure ML model versions, Vertex
    /// AI model ids): the URI of a remote artifact, or the SHA-256 of every local file's name and bytes.
    /// </summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The URI, or the lowercase hex SHA-256.</returns>
    public static string ContentIdentity(string rootDirectory, ModelArtifact artifact)
    {
        if (artifact is not FileArtifact f)
        {
            return artifact is UriArtifact u ? u.Uri : artifact?.ToString() ?? string.Empty;
        }

        var (isDirectory, files) = Of(rootDirectory, f);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative.Length}:{relative}"));
            var path = isDirectory ? Path.Combine(rootDirectory, f.Path, relative) : Path.Combine(rootDirectory, f.Path);
            if (File.Exists(path))
            {
                using var stream = File.OpenRead(path);
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
