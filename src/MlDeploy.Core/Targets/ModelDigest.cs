using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Naming;

namespace MlDeploy.Targets;

/// <summary>
/// A model's content digest: what a release pins, <c>promote</c> copies, and every model loader (or the server, where
/// the platform downloads the model) checks before serving.
/// </summary>
/// <remarks>
/// The digest is of the model as the server finds it in its model directory, whatever the packaging: the SHA-256 of
/// one line <c>&lt;sha256 of the file&gt;  &lt;path&gt;\n</c> per regular file, paths relative to the model
/// directory with '/' separators, sorted by their UTF-8 bytes. That is what <c>sha256sum</c> prints for the sorted
/// files, so anyone can recompute it: <c>(cd model &amp;&amp; find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum) | sha256sum</c>.
/// A single file is a folder of one file; a <c>.tar.gz</c> is the folder it unpacks into (what SageMaker and the loaders
/// leave in the model directory), so a server can verify it after the platform unpacked it.
/// </remarks>
public static class ModelDigest
{
    /// <summary>The environment variable the server and the model loader receive the expected digest in.</summary>
    public const string EnvironmentVariable = "MODEL_SHA256";

    // Up to this size a file is hashed by the managed SHA-256 (Naming.Sha256): the system one loads OpenSSL, which costs
    // a short compile run more than hashing a small model does (docs/BENCHMARKS.md); larger models get OpenSSL's speed.
    private const long ManagedLimit = 1 << 20;

    // Hashing a model of gigabytes twice per run (validation checks a pin, planning uses it) is avoided; an edited
    // file changes its length or time, so a long-lived host (tests) never sees a stale digest. Across runs, the
    // synthesis scope's ModelDigestCache keeps them by the same key.
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The digest the synthesizer gave the deployment (its serving environment's <see cref="EnvironmentVariable"/>).</summary>
    /// <param name="deployment">The deployment being planned.</param>
    /// <returns>The digest, or null when nothing pins the model.</returns>
    public static string? Expected(ModelDeployment deployment) =>
        deployment?.Serving.Env.GetValueOrDefault(EnvironmentVariable);

    /// <summary>The model loader's environment entry that makes it check the digest: none when nothing pins the model.</summary>
    /// <param name="deployment">The deployment being planned.</param>
    /// <returns>Zero or one variable.</returns>
    public static IEnumerable<KeyValuePair<string, Value>> LoaderEnvironment(ModelDeployment deployment) =>
        Expected(deployment) is { } digest ? [new(EnvironmentVariable, digest)] : [];

    /// <summary>Gets a value indicating whether the text is a digest as this SDK writes it (64 lowercase hex digits).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it is.</returns>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The digest the deployment's model is pinned to: a local artifact's computed one, or a remote artifact's declared pin.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The digest, or null when nothing pins the content (an unpinned URI, a registry entry, or local files that are not there).</returns>
    /// <exception cref="InvalidDataException">A local <c>.tar.gz</c> is not a readable gzip tar archive.</exception>
    public static string? Of(string rootDirectory, ModelArtifact artifact) => artifact switch
    {
        FileArtifact f when LocalArtifactSnapshot.Of(rootDirectory, f).Exists => Compute(rootDirectory, f),
        FileArtifact => null,
        _ => artifact?.Sha256,
    };

    /// <summary>Computes a local artifact's digest.</summary>
    /// <param name="rootDirectory">The project root.</param>
    /// <param name="artifact">The artifact.</param>
    /// <returns>The lowercase hex digest.</returns>
    /// <exception cref="InvalidDataException">A <c>.tar.gz</c> is not a readable gzip tar archive.</exception>
    public static string Compute(string rootDirectory, FileArtifact artifact)
    {
        var snapshot = LocalArtifactSnapshot.Of(rootDirectory, artifact);
        var full = Path.GetFullPath(snapshot.Path);
        var kept = LocalArtifactSnapshot.Digests;
        return Cache.GetOrAdd(snapshot.Stamp, stamp =>
        {
            if (kept?.Find(stamp) is { } known)
            {
                return known;
            }

            var digest = snapshot.IsDirectory ? OfFolder(full, snapshot.Files)
                : IsArchive(full) ? OfArchive(full)
                : Listing([(Path.GetFileName(full), HashFile(full))]);
            kept?.Store(stamp, digest);
            return digest;
        });
    }

    /// <summary>Gets a value indicating whether a local file is unpacked into the model directory rather than copied.</summary>
    /// <param name="path">The file's path or name.</param>
    /// <returns>True for <c>.tar.gz</c> and <c>.tgz</c>.</returns>
    public static bool IsArchive(string path) =>
        path.EndsWith(".tar.gz", StringComparison.Ordinal) || path.EndsWith(".tgz", StringComparison.Ordinal);

    private static string OfFolder(string folder, IReadOnlyList<string> files) =>
        Listing(files.Select(f => (f, HashFile(Path.Combine(folder, f)))));

    private static string OfArchive(string file)
    {
        try
        {
            return OfArchiveEntries(file);
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"not a gzip-compressed tar archive ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static string OfArchiveEntries(string file)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = File.OpenRead(file);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.Directory)
            {
                continue;
            }

            // The loaders refuse links and devices; a digest over them would describe a model no loader delivers.
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                throw new InvalidDataException($"the archive holds '{entry.Name}', which is not a regular file or folder (model loaders refuse links and devices)");
            }

            var name = entry.Name.Replace('\\', '/');
            while (name.StartsWith("./", StringComparison.Ordinal))
            {
                name = name[2..];
            }

            // A later member of the same name replaces the earlier one when unpacked.
            entries[name] = HashEntry(entry);
        }

        return Listing(entries.Select(e => (e.Key, e.Value)));
    }

    private static string Listing(IEnumerable<(string Path, string Sha256)> files)
    {
        var text = new StringBuilder();
        foreach (var (path, sha) in files.OrderBy(f => Encoding.UTF8.GetBytes(f.Path), Utf8Order.Instance))
        {
            text.Append(sha).Append("  ").Append(path).Append('\n');
        }

        return Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string HashFile(string path)
    {
        if (new FileInfo(path).Length <= ManagedLimit)
        {
            return Convert.ToHexStringLower(Sha256.HashData(File.ReadAllBytes(path)));
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string HashEntry(TarEntry entry)
    {
        if (entry.DataStream is not { } data || entry.Length <= ManagedLimit)
        {
            var bytes = new MemoryStream();
            entry.DataStream?.CopyTo(bytes);
            return Convert.ToHexStringLower(Sha256.HashData(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendAll(hash, data);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendAll(IncrementalHash hash, Stream data)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    /// <summary>Byte order of UTF-8 paths: what <c>LC_ALL=C sort</c> and Python's sort of text give.</summary>
    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}
