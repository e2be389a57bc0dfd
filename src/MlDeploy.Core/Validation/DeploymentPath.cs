namespace MlDeploy.Validation;

/// <summary>Builds diagnostic paths such as <c>deployments[fraud].monitoring.logRetentionDays</c> or <c>components[ml].subnetIds</c>.</summary>
/// <param name="Root">The path of the deployment or component, e.g. <c>deployments[fraud]</c>.</param>
public sealed record DeploymentPath(string Root)
{
    /// <summary>Creates the path of a deployment.</summary>
    /// <param name="deploymentName">The deployment name.</param>
    /// <returns>The path.</returns>
    public static DeploymentPath Of(string deploymentName) => new($"deployments[{deploymentName}]");

    /// <summary>Creates the path of a shared component of <see cref="Model.Platform.Components"/>.</summary>
    /// <param name="componentName">The component's name.</param>
    /// <returns>The path, <c>components[&lt;name&gt;]</c>.</returns>
    public static DeploymentPath OfComponent(string componentName) => new($"components[{componentName}]");

    /// <summary>Creates the path of a member as a root of its own, e.g. a deployment's cluster, so checks shared with a component can write member paths below it.</summary>
    /// <param name="members">Member names, already in camelCase.</param>
    /// <returns>The path.</returns>
    public DeploymentPath Under(params string[] members) => new(At(members));

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
