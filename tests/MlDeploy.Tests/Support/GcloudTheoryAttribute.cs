namespace MlDeploy.Tests.Support;

/// <summary>A theory that runs only where the Google Cloud CLI is installed, and says it was skipped otherwise.</summary>
public sealed class GcloudTheoryAttribute : TheoryAttribute
{
    /// <summary>Initializes the attribute, skipping when <c>gcloud</c> is not on the PATH.</summary>
    public GcloudTheoryAttribute()
    {
        if (Gcloud.Path is null)
        {
            Skip = "the Google Cloud CLI is not installed: the Vertex AI steps' flags are checked by the script tests only";
        }
    }
}
