namespace MlDeploy.Hosting.Pipelines;

/// <summary>A third-party GitHub Action at one commit: what a workflow step's <c>uses:</c> names.</summary>
/// <param name="Repository">owner/name on GitHub.</param>
/// <param name="Sha">The full 40-hex commit the version tag points at (a tag can be moved; a commit cannot).</param>
/// <param name="Version">The tag the commit was read from, written beside it as a comment for people and Dependabot.</param>
/// <param name="Source">Where the commit was read, so a reviewer can check it.</param>
internal sealed record PinnedAction(string Repository, string Sha, string Version, string Source)
{
    /// <summary>Gets the <c>uses:</c> value with its version comment.</summary>
    public string Uses => $"{Repository}@{Sha} # {Version}";
}
