namespace MlDeploy.Benchmarks;

/// <summary>The repository root (the folder holding Deploy.sln), so local artifact paths such as examples/model-server/model resolve.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Deploy.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run from inside the repository: Deploy.sln was not found above the working folder or the benchmark's folder");
    }
}
