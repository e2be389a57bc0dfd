using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Blocks;

/// <summary>The image the model-loader init containers of Fargate and EKS run to copy the artifact from S3.</summary>
internal static class AwsCliImage
{
    /// <summary>
    /// The AWS CLI v2 public image by version tag; production stacks pin it by digest (MLS-IMG-01). UNVERIFIED here
    /// (no registry access): that this tag exists, and its digest. What it runs: <c>aws</c>, <c>sh</c> and Python 2.7
    /// (its Dockerfile builds on amazonlinux:2 with yum, which runs on Python), but no <c>tar</c> or <c>gzip</c>
    /// (aws/aws-cli#5106, amazonlinux/container-images#29): tarballs are unpacked by <see cref="AwsModelLoader"/>.
    /// </summary>
    public const string Default = "public.ecr.aws/aws-cli/aws-cli:2.22.35";

    /// <summary>
    /// Production runs the loader from a digest-pinned image (MLS-IMG-01). The SDK cannot ship a digest for its default
    /// (nothing offline can verify one, and a wrong digest fails every task start), so a production stack that leaves
    /// the default, or gives a tag, is told here which setting to pin, before planning, instead of failing the guardrail.
    /// </summary>
    /// <param name="image">The configured loader image, or null for <see cref="Default"/>.</param>
    /// <param name="setting">The setting's path under the deployment, e.g. <c>target.modelLoaderImage</c>.</param>
    /// <param name="property">The property to set, as the hint names it, e.g. <c>FargateTarget.ModelLoaderImage</c>.</param>
    /// <param name="platform">The platform (its profile).</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>The problem, if any.</returns>
    public static IEnumerable<Diagnostic> RequirePinnedInProduction(string? image, string setting, string property, Platform platform, DeploymentPath p)
    {
        var loader = image ?? Default;
        if (platform.EffectiveProfile == EnvironmentProfile.Production && !loader.Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return p.Error(
                setting,
                loader == Default
                    ? $"production runs the model loader from a digest-pinned image, and the SDK's default ({Default}) is a version tag whose digest it cannot verify"
                    : $"production runs the model loader from a digest-pinned image, not '{image}'",
                $"set {property} = \"public.ecr.aws/aws-cli/aws-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest)");
        }
    }
}
