using MlDeploy.Aws.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws;

/// <summary>What every AWS target shares: images from ECR, logs in CloudWatch Logs.</summary>
internal static class AwsCapabilities
{
    /// <summary>Gets Amazon ECR: the SDK grants pull rights on ECR repositories only.</summary>
    public static ImageRegistry Ecr { get; } = new("Amazon ECR", reference => ContainerImageBlock.ParseEcr(reference) is not null);

    /// <summary>Starts a target's capabilities with the AWS-wide facts.</summary>
    /// <param name="target">The target's name in messages.</param>
    /// <returns>The shared part.</returns>
    public static TargetCapabilities Base(string target) => new()
    {
        Target = target,
        Cloud = Cloud.Aws,
        Registry = Ecr,
        Labels = AwsTagPolicy.Instance,
        LogRetentionDays = [.. LogGroupBlock.AllowedRetentionDays.Order()],
    };
}
