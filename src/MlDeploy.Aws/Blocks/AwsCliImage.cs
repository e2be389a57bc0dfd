namespace MlDeploy.Aws.Blocks;

/// <summary>The image the model-loader init containers of Fargate and EKS run to copy the artifact from S3.</summary>
internal static class AwsCliImage
{
    /// <summary>
    /// The AWS CLI v2 public image by version tag; production stacks pin it by digest (MLS-IMG-01). UNVERIFIED here
    /// (no registry access): that this tag exists, and its digest. What it runs: <c>aws</c>, <c>sh</c> and Python 2.7
    /// (its Dockerfile builds on amazonlinux:2 with yum, which runs on Python), but no <c>tar</c> or <c>gzip</c>
    /// (aws/aws-cli#5106, amazonlinux/container-images#29): tarballs are unpacked by <see cref="ModelTarball"/>.
    /// </summary>
    public const string Default = "public.ecr.aws/aws-cli/aws-cli:2.22.35";
}
