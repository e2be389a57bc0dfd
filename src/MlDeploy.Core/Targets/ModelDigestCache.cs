using System.Text;
using MlDeploy.Naming;

namespace MlDeploy.Targets;

/// <summary>
/// Model digests kept across runs in a folder, keyed by what <see cref="LocalArtifactSnapshot.Stamp"/> says of the
/// files (full path, and each file's path, length and modification time). Pulumi runs the compiler before every
/// preview and update, twice for <c>pulumi up</c> (plugin discovery, then the stack), and a model of gigabytes took
/// seconds to hash each time. An entry is used only for files of the same lengths and times; a digest that were
/// wrong anyway fails closed, since every loader (or the server) recomputes the digest of the bytes it serves and
/// refuses a mismatch. A folder that cannot be read or written only costs the hashing: nothing fails because of it.
/// </summary>
/// <param name="directory">The folder (created when the first entry is written).</param>
public sealed class ModelDigestCache(string directory)
{
    /// <summary>Gets the folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The digest stored for a stamp, or null when there is none (or it is unreadable or malformed).</summary>
    /// <param name="stamp">The files' stamp.</param>
    /// <returns>The digest, or null.</returns>
    internal string? Find(string stamp)
    {
        try
        {
            var text = File.ReadAllText(PathOf(stamp)).Trim();
            return ModelDigest.IsWellFormed(text) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores a digest for a stamp: written to a file of its own and renamed into place, so a reader sees all or nothing.</summary>
    /// <param name="stamp">The files' stamp.</param>
    /// <param name="digest">The digest.</param>
    internal void Store(string stamp, string digest)
    {
        var path = PathOf(stamp);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(temporary, digest + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing was written that a reader could take for an entry.
            }
        }
    }

    // The stamp holds paths of any length: the entry is named by its SHA-256.
    private string PathOf(string stamp) =>
        Path.Combine(Directory, Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(stamp))));
}
