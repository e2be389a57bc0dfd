namespace MlDeploy.Tests.Support;

/// <summary>Compares text with a reviewed golden file; UPDATE_GOLDEN=1 rewrites the file in the source tree instead.</summary>
internal static class Golden
{
    public static void AssertMatches(string actual, string relativePath)
    {
        // Resolved from the repository, not [CallerFilePath]: CI builds map source paths to /_/ (deterministic builds).
        var path = Repo.PathOf("tests", "MlDeploy.Tests", "Golden", "Programs", relativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {relativePath} is missing; run the tests with UPDATE_GOLDEN=1, then review it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < Math.Min(expectedLines.Length, actualLines.Length) && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail($"{relativePath} differs at line {line + 1}:\n  expected: {At(expectedLines, line)}\n  actual:   {At(actualLines, line)}\n(run with UPDATE_GOLDEN=1 to accept, then review the diff)");
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
