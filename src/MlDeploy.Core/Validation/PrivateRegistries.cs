using System.Text.RegularExpressions;

namespace MlDeploy.Validation;

/// <summary>
/// The clouds' private registries, recognized by host: an image there needs credentials, which a mirror's copy does not
/// have (it signs in to the deployment's own registry only), so such an image is refused rather than failing at deploy.
/// </summary>
internal static partial class PrivateRegistries
{
    /// <summary>Whether a reference is in a private cloud registry, and which.</summary>
    /// <param name="reference">The image reference.</param>
    /// <param name="name">The registry's name, when it is one.</param>
    /// <returns>True for Amazon ECR (private), Azure Container Registry and Google Artifact Registry.</returns>
    public static bool Names(string reference, out string name)
    {
        var host = (reference ?? string.Empty).Split('/', 2)[0];
        name = Ecr().IsMatch(host) ? "Amazon ECR"
            : Acr().IsMatch(host) ? "Azure Container Registry"
            : ArtifactRegistry().IsMatch(host) ? "Google Artifact Registry"
            : string.Empty;
        return name.Length > 0;
    }

    // <account>.dkr.ecr.<region>.amazonaws.com[.cn]; public.ecr.aws is the public gallery and is not matched.
    [GeneratedRegex(@"\A\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex Ecr();

    [GeneratedRegex(@"\A[a-z0-9-]+\.azurecr\.(io|cn|us)\z")]
    private static partial Regex Acr();

    [GeneratedRegex(@"\A[a-z0-9-]+-docker\.pkg\.dev\z")]
    private static partial Regex ArtifactRegistry();
}
