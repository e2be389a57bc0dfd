using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// Writes one output file of a verb (<c>synth --out</c>, <c>ci --out</c>, <c>graph --out</c>) atomically, creating the
/// folders it needs. A path that cannot be written is the user's mistake (exit 2), and a failed write leaves nothing
/// behind: folders it created are removed again.
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes the file.</summary>
    /// <param name="path">The full path of the file.</param>
    /// <param name="content">Its content.</param>
    /// <param name="fileInTheWay">The problem when a file stands where a folder must be (given that file's path).</param>
    /// <param name="folderInTheWay">The problem when a folder stands where the file must be.</param>
    /// <param name="unwritable">The problem when the file cannot be written.</param>
    /// <exception cref="InvalidInputException">It cannot be written.</exception>
    public static void Write(string path, string content, Func<string, Diagnostic> fileInTheWay, Diagnostic folderInTheWay, Diagnostic unwritable)
    {
        var created = new List<string>();
        try
        {
            for (var dir = Path.GetDirectoryName(path)!; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
            {
                if (File.Exists(dir))
                {
                    throw new InvalidInputException(fileInTheWay(dir));
                }

                created.Insert(0, dir);
            }

            if (Directory.Exists(path))
            {
                throw new InvalidInputException(folderInTheWay);
            }

            foreach (var dir in created)
            {
                Directory.CreateDirectory(dir);
            }

            AtomicFile.Write(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveCreated(created);
            throw new InvalidInputException(unwritable);
        }
        catch (InvalidInputException)
        {
            RemoveCreated(created);
            throw;
        }
    }

    private static void RemoveCreated(List<string> created)
    {
        foreach (var dir in Enumerable.Reverse(created))
        {
            try
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the write already failed and is reported; an empty folder left behind is harmless.
            }
        }
    }
}
