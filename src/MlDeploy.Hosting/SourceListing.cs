using System.Globalization;
using System.Text;

namespace MlDeploy.Hosting;

/// <summary>
/// What the published program was built from, as the first source check after its publish found it: every source
/// file and every folder searched (and a file named among the sources that was not there), one per line, in
/// <c>.sources</c> beside the publish's stamp. Later checks read this instead of walking the folders again, and so
/// see what a walk cannot: a source deleted, or one added with an old modification time (copied with <c>cp -p</c>,
/// unpacked from an archive, renamed), which the publish does not hold either. They cost one <c>statx</c> per line
/// and no folder reads (docs/BENCHMARKS.md, stop 20).
/// </summary>
/// <remarks>
/// <para>
/// A folder newer than the stamp had an entry added, removed or renamed since; only then are its entries read, and
/// only a source or folder the listing does not name is a change (an editor's swap file is not). A listed file that
/// is gone is a change too, reported as the nearest folder still there: the shell's <c>-nt</c>, which compile.sh asks
/// before it republishes, needs a path that exists, and a deletion makes its folder newer than the stamp.
/// </para>
/// <para>
/// The first line holds the stamp's time and the sources the listing was made for; a new publish (a new stamp) or
/// other sources make it stale, and the next check walks again and rewrites it. What a walk cannot see is also what
/// the listing misses in the window between the publish's start and that walk: a source deleted then.
/// </para>
/// </remarks>
internal sealed class SourceListing
{
    /// <summary>The listing's file name, beside the stamp.</summary>
    public const string FileName = ".sources";

    private const string Version = "mldeploy-sources 1";
    private const byte FileKind = (byte)'f';
    private const byte FolderKind = (byte)'d';
    private const byte AbsentKind = (byte)'a';

    private readonly byte[] _content;
    private readonly int _entriesStart;
    private HashSet<string>? _listed;

    private SourceListing(byte[] content, int entriesStart)
    {
        _content = content;
        _entriesStart = entriesStart;
    }

    /// <summary>Where the listing of a publish is kept: beside its stamp.</summary>
    /// <param name="stamp">The publish's stamp file.</param>
    /// <returns>The listing's path.</returns>
    public static string PathBeside(string stamp) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(stamp)) ?? ".", FileName);

    /// <summary>Reads the listing made for this stamp and these sources.</summary>
    /// <param name="path">The listing's path.</param>
    /// <param name="stamped">The stamp's modification time, in nanoseconds since 1970.</param>
    /// <param name="sources">The sources, as compile.sh passes them.</param>
    /// <returns>The listing, or null when there is none or it was made for another publish or other sources.</returns>
    public static SourceListing? TryRead(string path, long stamped, string sources)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var header = Encoding.UTF8.GetBytes(Header(stamped, sources));
        return content.AsSpan().StartsWith(header) ? new SourceListing(content, header.Length) : null;
    }

    /// <summary>
    /// Writes the listing for this stamp and these sources, whole or not at all; a listing that cannot be written
    /// (a read-only folder, a name with a line break in it) is left unwritten, and the next check walks again.
    /// </summary>
    /// <param name="path">The listing's path.</param>
    /// <param name="stamped">The stamp's modification time, in nanoseconds since 1970.</param>
    /// <param name="sources">The sources, as compile.sh passes them.</param>
    /// <param name="entries">Every folder searched, every source file, and every file named among the sources that was absent.</param>
    public static void TryWrite(string path, long stamped, string sources, IEnumerable<SourceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder(Header(stamped, sources));
        foreach (var entry in entries)
        {
            if (entry.Path.Contains('\n', StringComparison.Ordinal))
            {
                return;
            }

            text.Append(Line(entry)).Append('\n');
        }

        try
        {
            AtomicFile.Write(path, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left unwritten: the next check walks the sources again.
        }
    }

    /// <summary>
    /// The first change since the stamp: a listed source modified after it or gone, a source listed as absent that is
    /// there now, or a source or folder that a folder modified after it holds and the listing does not name.
    /// </summary>
    /// <param name="clock">Reads modification times.</param>
    /// <param name="since">The stamp's time, in nanoseconds since 1970 (<see cref="long.MinValue"/> without a stamp).</param>
    /// <returns>A path that is newer than the stamp (the source, or the folder of what was added or removed), or null.</returns>
    public string? FindChange(FileClock clock, long since)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var rest = _content.AsSpan(_entriesStart);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (line.Length < 3)
            {
                continue;
            }

            var path = line[2..];
            var present = clock.TryModified(path, out var modified);
            if (line[0] == AbsentKind)
            {
                if (present)
                {
                    // Its folder, which the file's arrival made newer: the file may carry an older time (`cp -p`).
                    return NearestFolder(Encoding.UTF8.GetString(path));
                }

                continue;
            }

            if (!present)
            {
                return NearestFolder(Encoding.UTF8.GetString(path));
            }

            if (modified > since)
            {
                var changed = Encoding.UTF8.GetString(path);
                if (line[0] == FileKind || HoldsUnlisted(changed))
                {
                    return changed;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a folder holds a source or a searched folder that the listing does not name.</summary>
    private bool HoldsUnlisted(string folder)
    {
        _listed ??= Listed();
        try
        {
            foreach (var entry in PublishedSources.Entries(folder, recurse: false))
            {
                if (!_listed.Contains(Line(entry)))
                {
                    return true;
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed since it was found newer: a change all the same.
            return true;
        }

        return false;
    }

    private HashSet<string> Listed() =>
        Encoding.UTF8.GetString(_content.AsSpan(_entriesStart)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static string Line(SourceEntry entry)
    {
        var kind = entry.Kind switch
        {
            SourceEntryKind.Folder => FolderKind,
            SourceEntryKind.Absent => AbsentKind,
            _ => FileKind,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{(char)kind} {entry.Path}");
    }

    /// <summary>The nearest folder above a path that still exists (the folder an addition or a deletion made newer).</summary>
    private static string NearestFolder(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return path;
    }

    private static string Header(long stamped, string sources) =>
        string.Create(CultureInfo.InvariantCulture, $"{Version} {stamped} {sources}\n");
}
