namespace MlDeploy.Aws.Blocks;

/// <summary>The image the model-loader init containers of Fargate and EKS run to copy the artifact from S3.</summary>
internal static class AwsCliImage
{
    /// <summary>
    /// The AWS CLI v2 public image by version tag; production stacks pin it by digest (MLS-IMG-01). Assumed, not
    /// verified here (no registry access): this tag exists and its image carries <c>sh</c> and <c>tar</c>.
    /// </summary>
    public const string Default = "public.ecr.aws/aws-cli/aws-cli:2.22.35";
}
