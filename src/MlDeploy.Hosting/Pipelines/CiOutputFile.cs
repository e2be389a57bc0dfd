using MlDeploy.Validation;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>
/// Writes <c>ci --out</c>'s file atomically. A path that cannot be a writable file is the user's mistake (exit 2), and
/// a failed write leaves nothing behind: folders it created are removed again.
/// </summary>
internal static class CiOutputFile
{
    /// <summary>Resolves the file to write.</summary>
    /// <param name="workingDirectory">What an explicit <c>--out</c> is relative to.</param>
    /// <param name="projectRoot">What the default is relative to (the repository root, by the convention decision 40 states).</param>
    /// <param name="out">The --out value, or null.</param>
    /// <param name="defaultOut">The CI service's own path.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="InvalidInputException">The path is not usable as a file.</exception>
    public static string Resolve(string workingDirectory, string projectRoot, string? @out, string defaultOut)
    {
        if (@out is null)
        {
            return Path.GetFullPath(Path.Combine(projectRoot, defaultOut));
        }

        var where = $"--out {@out}";
        string path;
        try
        {
            path = @out.Trim().Length == 0 ? throw new ArgumentException("empty", nameof(@out)) : Path.GetFullPath(Path.Combine(workingDirectory, @out));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(new Diagnostic(where, "is not a usable file path", $"name a file, e.g. --out {defaultOut}"));
        }

        if (Directory.Exists(path) || Path.EndsInDirectorySeparator(@out))
        {
            throw new InvalidInputException(new Diagnostic(where, "is a folder", $"name the file to write, e.g. --out {defaultOut}"));
        }

        return path;
    }

    /// <summary>Writes the file, creating its folders.</summary>
    /// <param name="path">The resolved path.</param>
    /// <param name="shown">How messages name it.</param>
    /// <param name="content">The pipeline.</param>
    /// <exception cref="InvalidInputException">It cannot be written.</exception>
    public static void Write(string path, string shown, string content)
    {
        var where = $"--out {shown}";
        OutputFile.Write(
            path,
            content,
            dir => new Diagnostic(where, $"is under {dir}, which is a file, not a folder", "name a file in a folder"),
            new Diagnostic(where, "is a folder", "name the file to write"),
            new Diagnostic(where, "cannot be written", "choose a path you can write to"));
    }
}
