using System.Text;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// A local model artifact as one synthesis sees it on disk: whether it is there, a file or a folder, its files, and
/// their lengths and times (for the digest cache, the model volume and the cost estimate). Validation, pinning and the
/// target's upload each read the artifact (three to five times per deployment, more when deployments share a model
/// folder); inside <see cref="Begin"/> each path is read from disk once, so a folder of many files is listed and
/// stat'ed once per run, and every step sees the same files even if they change while the program runs. Outside a
/// scope every read goes to disk, as before.
/// </summary>
internal sealed class LocalArtifactSnapshot(string path, bool exists, bool isDirectory, IReadOnlyList<string> files)
{
    // One synthesis runs on one thread; concurrent syntheses (tests) keep their own snapshots.
    [ThreadStatic]
    private static Dictionary<string, LocalArtifactSnapshot>? t_seen;

    [ThreadStatic]
    private static ModelDigestCache? t_digests;

    private (string Stamp, long Bytes)? _measured;

    /// <summary>Gets the artifact's path joined to the project root (as the steps join it).</summary>
    public string Path { get; } = path;

    /// <summary>Gets a value indicating whether a file or a folder is there.</summary>
    public bool Exists { get; } = exists;

    /// <summary>Gets a value indicating whether the artifact is a folder.</summary>
    public bool IsDirectory { get; } = isDirectory;

    /// <summary>Gets the files: paths relative to the folder with '/' separators (sorted ordinally), or the file's own name.</summary>
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>
    /// Gets what the digest cache is keyed by: the full path and each file's path, length and modification time, so an
    /// edited file (new length or time) is hashed again in a long-lived host.
    /// </summary>
    public string Stamp => Measured.Stamp;

    /// <summary>Gets the files' total length in bytes (0 when nothing is there).</summary>
    public long Bytes => Measured.Bytes;

    // One stat per file serves the stamp and the size.
    private (string Stamp, long Bytes) Measured => _measured ??= Measure();

    /// <summary>Reads the artifact, or returns this scope's earlier reading of the same path.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The snapshot.</returns>
    public static LocalArtifactSnapshot Of(string rootDirectory, FileArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var path = System.IO.Path.Combine(rootDirectory, artifact.Path);
        if (t_seen?.GetValueOrDefault(path) is { } seen)
        {
            return seen;
        }

        var snapshot = Directory.Exists(path)
            ? new LocalArtifactSnapshot(path, exists: true, isDirectory: true, [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(path, f).Replace('\\', '/')).Order(StringComparer.Ordinal)])
            : new LocalArtifactSnapshot(path, File.Exists(path), isDirectory: false, [System.IO.Path.GetFileName(artifact.Path)]);
        t_seen?.Add(path, snapshot);
        return snapshot;
    }

    /// <summary>Gets the digest cache kept across runs that the current scope uses, or null.</summary>
    public static ModelDigestCache? Digests => t_digests;

    /// <summary>Starts a scope in which each artifact path is read once; a scope inside another one uses the outer one.</summary>
    /// <param name="digests">The digests kept across runs, or null to keep them in this process only.</param>
    /// <returns>The scope; disposing it forgets what it read.</returns>
    public static Scope Begin(ModelDigestCache? digests = null)
    {
        if (t_seen is not null)
        {
            return default;
        }

        t_seen = new Dictionary<string, LocalArtifactSnapshot>(StringComparer.Ordinal);
        t_digests = digests;
        return new Scope(owner: true);
    }

    private (string Stamp, long Bytes) Measure()
    {
        var full = System.IO.Path.GetFullPath(Path);
        var stamp = new StringBuilder(full);
        var bytes = 0L;
        foreach (var relative in Files)
        {
            var info = new FileInfo(IsDirectory ? System.IO.Path.Combine(full, relative) : full);
            stamp.Append('\n').Append(relative).Append(' ').Append(info.Exists ? info.Length : -1).Append(' ').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
            bytes += info.Exists ? info.Length : 0;
        }

        return (stamp.ToString(), bytes);
    }

    /// <summary>A scope of <see cref="Begin"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _owner;

        internal Scope(bool owner) => _owner = owner;

        /// <summary>Ends the scope (only the outermost one forgets).</summary>
        public void Dispose()
        {
            if (_owner)
            {
                t_seen = null;
                t_digests = null;
            }
        }
    }
}
