using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// Writes <c>synth --out</c>'s file. A path that cannot be a writable folder is the user's mistake (exit 2), not an SDK
/// failure, and leaves nothing behind: folders it created are removed again.
/// </summary>
internal static class OutputDirectory
{
    /// <summary>Writes <paramref name="fileName"/> into the folder <paramref name="out"/>, creating the folder if needed.</summary>
    /// <param name="workingDirectory">What a relative <paramref name="out"/> is relative to.</param>
    /// <param name="out">The --out value.</param>
    /// <param name="fileName">The file to write in it.</param>
    /// <param name="content">The file's content.</param>
    /// <param name="stackConfigDirectory">The stack config folder, where a written program would be read as a stack.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="InvalidInputException">The path is not a folder that can be written.</exception>
    public static string Write(string workingDirectory, string @out, string fileName, string content, string stackConfigDirectory)
    {
        var where = $"--out {@out}";
        string directory;
        try
        {
            directory = @out.Trim().Length == 0 ? throw new ArgumentException("empty", nameof(@out)) : Path.GetFullPath(Path.Combine(workingDirectory, @out));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(new Diagnostic(where, "is not a usable folder path", "name a folder, e.g. --out build"));
        }

        if (string.Equals(Path.TrimEndingDirectorySeparator(directory), Path.TrimEndingDirectorySeparator(stackConfigDirectory), StringComparison.Ordinal))
        {
            // Pulumi would read Pulumi.<stack>.program.yaml there as the config of a stack named "<stack>.program".
            throw new InvalidInputException(new Diagnostic(where, "is the stack config folder, where the program would be read as the config of another stack", "write it somewhere else, e.g. --out build"));
        }

        var target = Path.Combine(directory, fileName);
        OutputFile.Write(
            target,
            content,
            dir => new Diagnostic(where, $"{(dir == directory ? "is" : $"is under {dir}, which is")} a file, not a folder", "name a folder; the program is written to <folder>/" + fileName),
            new Diagnostic(where, $"holds a folder named {fileName}", "remove it or choose another folder"),
            new Diagnostic(where, "cannot be written", "choose a folder you can write to"));
        return target;
    }
}
