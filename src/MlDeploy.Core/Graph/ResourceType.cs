namespace MlDeploy.Graph;

/// <summary>A Pulumi type token together with the package that provides it.</summary>
/// <param name="Token">The canonical token, e.g. <c>aws:sagemaker/endpoint:Endpoint</c>.</param>
/// <param name="Package">The providing package and its pinned version.</param>
public sealed record ResourceType(string Token, PackageRef Package)
{
    /// <summary>Gets the short class name after the last colon (used in plans).</summary>
    public string ClassName => Token[(Token.LastIndexOf(':') + 1)..];
}
