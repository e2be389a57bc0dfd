using System.Text.RegularExpressions;

namespace MlDeploy.Validation;

/// <summary>
/// Registries that never serve anonymous pulls, recognized by host: an image there needs credentials, which a mirror's copy
/// does not have (it signs in to the deployment's own registry only), so such an image is refused rather than failing at
/// deploy. Only private Amazon ECR qualifies: an Azure Container Registry may allow anonymous pulls
/// (<c>anonymousPullEnabled</c>) and an Artifact Registry repository may grant <c>allUsers</c> read (Google's own public
/// images live there), so those are copied and fail at deploy if they are not public.
/// </summary>
internal static partial class PrivateRegistries
{
    /// <summary>Whether a reference is in a registry that always needs credentials, and which.</summary>
    /// <param name="reference">The image reference.</param>
    /// <param name="name">The registry's name, when it is one.</param>
    /// <returns>True for private Amazon ECR (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com</c>).</returns>
    public static bool Names(string reference, out string name)
    {
        var host = (reference ?? string.Empty).Split('/', 2)[0];
        name = Ecr().IsMatch(host) ? "Amazon ECR" : string.Empty;
        return name.Length > 0;
    }

    // <account>.dkr.ecr.<region>.amazonaws.com[.cn]: private registries authenticate every pull (ECR User Guide, "Private
    // registry authentication"); public.ecr.aws is the public gallery and is not matched.
    [GeneratedRegex(@"\A\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\z")]
    private static partial Regex Ecr();
}
