namespace MlDeploy.Hosting.Pipelines;

/// <summary>
/// Every GitHub Action a generated workflow uses, pinned by commit: the one table to update (decision 40). Each SHA was
/// read from a snapshot of the action's repository with <c>git rev-parse &lt;tag&gt;^{commit}</c> (annotated tags
/// dereferenced to their commit), the newest release tag of each on 2026-11-28.
/// </summary>
internal static class PinnedActions
{
    /// <summary>The Pulumi CLI version pulumi/actions installs and CircleCI downloads: the release of the pinned Node SDK (tests/conformance/package.json).</summary>
    public const string PulumiCli = "3.270.0";

    public static PinnedAction Checkout { get; } = Pin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");

    public static PinnedAction SetupDotnet { get; } = Pin("actions/setup-dotnet", "a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0");

    public static PinnedAction Pulumi { get; } = Pin("pulumi/actions", "8e5e406f4007fca908480587cb9893c07090f58d", "v7.0.0");

    public static PinnedAction AwsCredentials { get; } = Pin("aws-actions/configure-aws-credentials", "e6de054238d6b7531b4efff3b6587d9aade6a06c", "v6.2.3");

    /// <summary>Gets azure/login; its v3.0.1 tag is annotated (tag object 858f4093…), this is the commit it points at.</summary>
    public static PinnedAction AzureLogin { get; } = Pin("azure/login", "f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca", "v3.0.1");

    public static PinnedAction GoogleAuth { get; } = Pin("google-github-actions/auth", "7c6bc770dae815cd3e89ee6cdf493a5fab2cc093", "v3.0.0");

    public static PinnedAction UploadArtifact { get; } = Pin("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0");

    public static PinnedAction DownloadArtifact { get; } = Pin("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1");

    /// <summary>Gets every pinned action, for tests and docs.</summary>
    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotnet, Pulumi, AwsCredentials, AzureLogin, GoogleAuth, UploadArtifact, DownloadArtifact];

    private static PinnedAction Pin(string repository, string sha, string version) =>
        new(repository, sha, version, $"git rev-parse {version}^{{commit}} in a snapshot of github.com/{repository}");
}
