using System.Diagnostics;
using System.IO.Enumeration;

namespace MlDeploy.Hosting;

/// <summary>
/// The published compiler's check that no source it was built from changed since. <c>stacks/compile.sh</c> hands the
/// check to the program it starts (these variables) instead of walking the sources itself: its shell walk stats every
/// source twice (the file and the stamp) and cost more than the whole program (docs/BENCHMARKS.md, "Stop 11"). The
/// program runs the check beside its own work and prints nothing before the answer (<see cref="SourceCheck"/>). When a
/// source is newer than the publish, the program runs <c>compile.sh</c> again to republish and run the new program,
/// and passes on its exit code; it has printed nothing by then.
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
    /// Starts the check on its own thread when the program was started by the publishing script, so the walk overlaps
    /// synthesis instead of preceding it; the program prints nothing until <see cref="SourceCheck.Settle"/> has answered.
    /// </summary>
    /// <param name="args">The program's arguments, passed on to the script.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="errors">
    /// Where a check that could not finish is reported (exit code 1, as any internal failure); asked for only then: the
    /// console's error writer costs a compile's start-up a few tenths of a millisecond to make (docs/BENCHMARKS.md, stop 19).
    /// </param>
    /// <returns>The running check, or null when the program was not started by the script.</returns>
    public static SourceCheck? Start(string[] args, Func<string, string?> environment, Func<TextWriter> errors)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(errors);
        if (environment(StampVariable) is not { Length: > 0 } stamp
            || environment(SourcesVariable) is not { Length: > 0 } sources
            || environment(ScriptVariable) is not { Length: > 0 } script)
        {
            return null;
        }

        return new SourceCheck(
            () => ChangedSince(stamp, sources.Split(':', StringSplitOptions.RemoveEmptyEntries)),
            changed => Republish(script, args, changed),
            e =>
            {
                errors().WriteLine($"internal error: could not check whether the stack program's sources changed since its publish: {e}");
                return ExitCodes.InternalError;
            });
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
    /// The first source (<see cref="IsSource"/>) modified after the stamp, as the shell's
    /// <c>-nt</c> decides it: hidden entries and <c>bin</c>/<c>obj</c> folders skipped. A missing stamp makes every source newer.
    /// </summary>
    /// <param name="stamp">The stamp file.</param>
    /// <param name="sources">Folders and files.</param>
    /// <returns>The full path of a changed source, or null.</returns>
    public static string? ChangedSince(string stamp, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var since = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : DateTime.MinValue;
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                var newer = new FileSystemEnumerable<string>(source, static (ref FileSystemEntry e) => e.ToFullPath(), Options)
                {
                    ShouldRecursePredicate = static (ref FileSystemEntry e) => e.FileName is not ("bin" or "obj"),
                    ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && IsSource(e.FileName) && e.LastWriteTimeUtc > since,
                };
                foreach (var path in newer)
                {
                    return path;
                }
            }
            else if (IsSource(source) && File.Exists(source) && File.GetLastWriteTimeUtc(source) > since)
            {
                return Path.GetFullPath(source);
            }
        }

        return null;
    }

    // Hidden entries (names starting with '.') are skipped by default, as the shell's '*' skips them.
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

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
}
