namespace MlDeploy.Validation;

/// <summary>Builds diagnostic paths such as <c>deployments[fraud].monitoring.logRetentionDays</c>.</summary>
/// <param name="Root">The path of the deployment, e.g. <c>deployments[fraud]</c>.</param>
public sealed record DeploymentPath(string Root)
{
    /// <summary>Creates the path of a deployment.</summary>
    /// <param name="deploymentName">The deployment name.</param>
    /// <returns>The path.</returns>
    public static DeploymentPath Of(string deploymentName) => new($"deployments[{deploymentName}]");

    /// <summary>Appends members to the path.</summary>
    /// <param name="members">Member names, already in camelCase.</param>
    /// <returns>The full path.</returns>
    public string At(params string[] members) => members.Length == 0 ? Root : $"{Root}.{string.Join('.', members)}";

    /// <summary>Creates a diagnostic at a member path.</summary>
    /// <param name="member">The member path, e.g. <c>scaling.min</c>.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="hint">How to fix it.</param>
    /// <returns>The diagnostic.</returns>
    public Diagnostic Error(string member, string message, string? hint = null) => new(At(member), message, hint);
}
