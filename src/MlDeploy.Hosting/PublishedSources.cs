using System.Diagnostics;
using System.IO.Enumeration;

namespace MlDeploy.Hosting;

/// <summary>
/// The published compiler's check that no source it was built from changed since. <c>stacks/compile.sh</c> hands the
/// check to the program it starts (these variables) instead of walking the sources itself: its shell walk stats every
/// source twice (the file and the stamp) and cost more than the whole program (docs/BENCHMARKS.md, "Stop 11"). The
/// program checks first, before it does or prints anything (<see cref="Check"/>). When a source changed since the
/// publish, the program runs <c>compile.sh</c> again to republish and run the new program, and ends with its exit code.
/// </summary>
internal static class PublishedSources
{
    /// <summary>The publish's stamp file: a source modified after it is an edit the program does not hold.</summary>
    public const string StampVariable = "MLDEPLOY_PUBLISHED_STAMP";

    /// <summary>What the program was built from: folders (searched below, <c>bin</c> and <c>obj</c> skipped) and files, separated by <c>:</c> as in PATH.</summary>
    public const string SourcesVariable = "MLDEPLOY_PUBLISHED_SOURCES";

    /// <summary>The script that published the program (run again to republish).</summary>
    public const string ScriptVariable = "MLDEPLOY_PUBLISHED_BY";

    /// <summary>Set for that run: the source found newer, so the script republishes unless another run did since.</summary>
    public const string RebuildVariable = "MLDEPLOY_REBUILD_FOR";

    /// <summary>
    /// Checks, when the program was started by the publishing script, that no source changed since the publish, and
    /// republishes when one did. It runs before the program's own work, on the program's thread: on the two vCPUs the
    /// compile is measured on, a check on a thread of its own was no faster (its thread starts late, and the compile slows while it
    /// runs; docs/BENCHMARKS.md, stop 20), and a check that comes first needs nothing held back from stdout or stderr.
    /// </summary>
    /// <param name="args">The program's arguments, passed on to the script.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="errors">
    /// Where a check that could not finish is reported (exit code 1, as any internal failure); asked for only then: the
    /// console's error writer costs a compile's start-up a few tenths of a millisecond to make (docs/BENCHMARKS.md, stop 19).
    /// </param>
    /// <returns>
    /// Null when the program may run (it is current, or was not started by the script); otherwise the exit code to end
    /// with: the republished program's, or an internal error's.
    /// </returns>
    public static int? Check(string[] args, Func<string, string?> environment, Func<TextWriter> errors)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(StampVariable) is not { Length: > 0 } stamp
            || environment(SourcesVariable) is not { Length: > 0 } sources
            || environment(ScriptVariable) is not { Length: > 0 } script)
        {
            return null;
        }

        return Settle(
            () => ChangedSince(stamp, sources.Split(':', StringSplitOptions.RemoveEmptyEntries)),
            changed => Republish(script, args, changed),
            errors);
    }

    /// <summary>Runs a check and acts on its answer.</summary>
    /// <param name="findChange">Finds a source changed since the publish (null when there is none).</param>
    /// <param name="republish">Republishes for that source and runs the new program; returns its exit code.</param>
    /// <param name="errors">Where a check that could not finish is reported.</param>
    /// <returns>Null when nothing changed; otherwise the exit code to end with.</returns>
    internal static int? Settle(Func<string?> findChange, Func<string, int> republish, Func<TextWriter> errors)
    {
        ArgumentNullException.ThrowIfNull(findChange);
        ArgumentNullException.ThrowIfNull(republish);
        ArgumentNullException.ThrowIfNull(errors);
        string? changed;
        try
        {
            changed = findChange();
        }
#pragma warning disable CA1031 // Any failure to check is an internal error of the program (exit 1), reported as one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            errors().WriteLine($"internal error: could not check whether the stack program's sources changed since its publish: {e}");
            return ExitCodes.InternalError;
        }

        return changed is null ? null : republish(changed);
    }

    /// <summary>Runs the publishing script again for a changed source: it republishes and runs the new program.</summary>
    /// <param name="script">The script.</param>
    /// <param name="args">The program's arguments, passed on.</param>
    /// <param name="changed">The source found newer than the publish.</param>
    /// <returns>The script's exit code (the new program's).</returns>
    private static int Republish(string script, string[] args, string changed)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[RebuildVariable] = changed;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run sh {script} to republish the stack program");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// The first source (<see cref="IsSource"/>) changed since the stamp, as the shell's <c>-nt</c> decides it: modified
    /// after it, or (once a check has listed the publish's sources, <see cref="SourceListing"/>) added or deleted since.
    /// Hidden entries and <c>bin</c>/<c>obj</c> folders are skipped. A missing stamp makes every source newer.
    /// </summary>
    /// <param name="stamp">The stamp file.</param>
    /// <param name="sources">Folders and files.</param>
    /// <returns>A path newer than the stamp (the changed source, or the folder of one added or deleted), or null.</returns>
    public static string? ChangedSince(string stamp, IReadOnlyList<string> sources) =>
        ChangedSince(stamp, sources, FileClock.Create());

    /// <summary><see cref="ChangedSince(string, IReadOnlyList{string})"/> with the given clock.</summary>
    /// <param name="stamp">The stamp file.</param>
    /// <param name="sources">Folders and files.</param>
    /// <param name="clock">Reads modification times.</param>
    /// <returns>A path newer than the stamp, or null.</returns>
    internal static string? ChangedSince(string stamp, IReadOnlyList<string> sources, FileClock clock)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(clock);
        var stamped = clock.TryModified(stamp, out var time);
        var since = stamped ? time : long.MinValue;
        var listingPath = SourceListing.PathBeside(stamp);
        var joined = string.Join(':', sources);
        if (stamped && SourceListing.TryRead(listingPath, since, joined) is { } listing)
        {
            return listing.FindChange(clock, since);
        }

        var entries = new List<SourceEntry>();
        var changed = Walk(sources, clock, since, entries);
        if (changed is null && stamped)
        {
            SourceListing.TryWrite(listingPath, since, joined, entries);
        }

        return changed;
    }

    /// <summary>
    /// Walks the sources for one modified after <paramref name="since"/>, listing every source and folder it passes; a
    /// file named among the sources that is not there is listed as absent, so that creating it is a change.
    /// </summary>
    private static string? Walk(IReadOnlyList<string> sources, FileClock clock, long since, List<SourceEntry> entries)
    {
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                entries.Add(new SourceEntry(Path.GetFullPath(source), SourceEntryKind.Folder));
                foreach (var entry in Entries(source, recurse: true))
                {
                    if (entry.Kind == SourceEntryKind.File && clock.TryModified(entry.Path, out var modified) && modified > since)
                    {
                        return entry.Path;
                    }

                    entries.Add(entry);
                }
            }
            else if (IsSource(Path.GetFileName(source.AsSpan())))
            {
                var full = Path.GetFullPath(source);
                if (!clock.TryModified(full, out var modified))
                {
                    entries.Add(new SourceEntry(full, SourceEntryKind.Absent));
                    continue;
                }

                if (modified > since)
                {
                    return full;
                }

                entries.Add(new SourceEntry(full, SourceEntryKind.File));
            }
        }

        return null;
    }

    /// <summary>The sources and the folders searched for them in a folder: hidden entries and build output skipped.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="recurse">Whether to search the folders below too.</param>
    /// <returns>The entries, by full path.</returns>
    internal static IEnumerable<SourceEntry> Entries(string folder, bool recurse) =>
        new FileSystemEnumerable<SourceEntry>(folder, static (ref FileSystemEntry e) => new SourceEntry(e.ToFullPath(), e.IsDirectory ? SourceEntryKind.Folder : SourceEntryKind.File), recurse ? Recursive : TopOnly)
        {
            ShouldRecursePredicate = static (ref FileSystemEntry e) => !IsBuildOutput(e.FileName),
            ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory ? !IsBuildOutput(e.FileName) : IsSource(e.FileName),
        };

    // Hidden entries (names starting with '.') are skipped by default, as the shell's '*' skips them.
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };
    private static readonly EnumerationOptions TopOnly = new() { IgnoreInaccessible = true };

    /// <summary>
    /// Whether a file is one the build reads: C# sources, MSBuild files, and the data files the libraries embed (the
    /// price table, <c>Costs/prices.tsv</c>: edited, it must reach the published program's <c>cost</c> verb), and the AOT
    /// compiler's method layout list (<c>compiler-startup.order</c>: a regenerated list is republished with). A test keeps
    /// this in step with every <c>EmbeddedResource</c> of the repository's projects. Stack config (<c>Pulumi.*.yaml</c>)
    /// is read at run time, so editing it republishes nothing.
    /// </summary>
    /// <param name="name">The file's name.</param>
    /// <returns>True for a source.</returns>
    internal static bool IsSource(ReadOnlySpan<char> name) =>
        name.EndsWith(".cs", StringComparison.Ordinal) || name.EndsWith(".csproj", StringComparison.Ordinal)
        || name.EndsWith(".props", StringComparison.Ordinal) || name.EndsWith(".targets", StringComparison.Ordinal)
        || name.EndsWith(".tsv", StringComparison.Ordinal) || name.EndsWith(".order", StringComparison.Ordinal);

    /// <summary>Whether a folder holds build output (<c>bin</c>, <c>obj</c>), which the check does not search.</summary>
    /// <param name="name">The folder's name.</param>
    /// <returns>True for build output.</returns>
    internal static bool IsBuildOutput(ReadOnlySpan<char> name) => name is "bin" or "obj";
}
