using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws;

/// <summary>The AWS knobs every AWS target shares: the alert topic, the image retention, a customer-managed artifact key.</summary>
internal static class AwsValidation
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, int keepImages, string? artifactKmsKeyArn, DeploymentPath p)
    {
        if (d.Monitoring.NotificationTopic is { } topic && !topic.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not an SNS topic ARN", "use arn:aws:sns:<region>:<account>:<topic>");
        }

        if (keepImages < 1)
        {
            yield return p.Error("target.keepImages", $"{keepImages} keeps no image to roll back to", "keep at least 1 (30 is the default)");
        }

        if (artifactKmsKeyArn is { } keyArn && !keyArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("target.artifactKmsKeyArn", $"'{keyArn}' is not a KMS key ARN", "use arn:aws:kms:<region>:<account>:key/<id>");
        }
    }
}
