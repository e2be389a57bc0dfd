using MlDeploy.Graph;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// The deployment's own service account (SECURITY.md 2.20: never the Compute Engine default, which a Cloud Run service
/// falls back to without one). Its only rights are the grants the blocks add on single resources; no key is created.
/// </summary>
internal static class ServiceAccountBlock
{
    /// <summary>The account, with <c>accountId</c> of 6-30 characters (IAM docs, "Create service accounts": <c>[a-z]([-a-z0-9]*[a-z0-9])</c>).</summary>
    public static Resource Create(GcpScope scope, IReadOnlyList<Resource> apis) => scope.Add(
        "identity",
        GcpTypes.ServiceAccount,
        Value.Map(
            ("project", scope.Project),
            ("accountId", GcpNames.Id(scope, 30, "run")),
            ("displayName", $"{scope.Name} runtime"),
            ("description", $"runtime identity of {scope.Name} ({scope.Context.Project}/{scope.Context.Stack}); reads its image and model only")),
        new ResourceOptions { DependsOn = [.. apis] });
}
