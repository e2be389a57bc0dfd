namespace MlDeploy.Tests.Support;

/// <summary>Where the installed Google Cloud CLI is.</summary>
internal static class Gcloud
{
    /// <summary>Gets the full path of <c>gcloud</c> on the PATH, or null.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator)
        .Where(dir => dir.Length > 0)
        .Select(dir => System.IO.Path.Combine(dir, "gcloud"))
        .FirstOrDefault(File.Exists);
}
