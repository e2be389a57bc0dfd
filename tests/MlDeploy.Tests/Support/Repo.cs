namespace MlDeploy.Tests.Support;

/// <summary>Locates the repository so tests can read examples and write goldens in the source tree.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Deploy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Deploy.sln not found above " + AppContext.BaseDirectory);
    }
}
