namespace MlDeploy.Tests.Support;

/// <summary>A document under docs/ generated from code: the committed file must equal what the code writes now.</summary>
internal static class GeneratedDoc
{
    /// <summary>Asserts the committed document is current; with UPDATE_GOLDEN=1 rewrites it instead.</summary>
    /// <param name="file">The file name under docs/.</param>
    /// <param name="actual">What the code generates.</param>
    /// <param name="testFilter">The test filter that regenerates it, for the message.</param>
    public static void AssertCurrent(string file, string actual, string testFilter)
    {
        var path = Repo.PathOf("docs", file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"docs/{file} is missing; run the tests with UPDATE_GOLDEN=1");
        Assert.True(
            File.ReadAllText(path).ReplaceLineEndings("\n") == actual,
            $"docs/{file} differs from what the code generates; run `UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter {testFilter}` and review the diff");
    }
}
