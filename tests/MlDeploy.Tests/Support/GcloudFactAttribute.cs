namespace MlDeploy.Tests.Support;

/// <summary>A fact that runs only where the Google Cloud CLI is installed, and says it was skipped otherwise.</summary>
public sealed class GcloudFactAttribute : FactAttribute
{
    /// <summary>Initializes the attribute, skipping when <c>gcloud</c> is not on the PATH.</summary>
    public GcloudFactAttribute()
    {
        if (Gcloud.Path is null)
        {
            Skip = "the Google Cloud CLI is not installed: the Vertex AI steps' flags are checked by the script tests only";
        }
    }
}

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
