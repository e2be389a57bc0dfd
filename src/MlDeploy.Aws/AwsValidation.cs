using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws;

/// <summary>The AWS knobs every AWS target shares: the alert topic, the image retention, a customer-managed artifact key.</summary>
internal static class AwsValidation
{
    /// <summary>An alert channel's AWS settings: an existing topic is an SNS topic ARN.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="at">The channel's path: <c>components[&lt;name&gt;]</c> or a deployment's <c>monitoring.channel</c>.</param>
    public static IEnumerable<Diagnostic> ValidateChannel(AlertChannel channel, DeploymentPath at)
    {
        if (channel.Topic is { Length: > 0 } topic && !topic.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return at.Error("topic", $"'{topic}' is not an SNS topic ARN", "use arn:aws:sns:<region>:<account>:<topic>");
        }
    }

    /// <summary>A deployment's alert channel, unless <c>Platform.Components</c> declares it (then it is checked once there).</summary>
    public static IEnumerable<Diagnostic> ValidateChannelUse(ModelDeployment d, DeploymentPath p, Platform platform) =>
        d.Monitoring.Channel is { } channel && !platform.Components.Contains(channel) ? ValidateChannel(channel, p.Under("monitoring", "channel")) : [];

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
        else if (keepImages > DeploymentValidator.Limits.MaxKeptImages)
        {
            yield return p.Error("target.keepImages", $"{keepImages} is more than a repository holds ({DeploymentValidator.Limits.MaxKeptImages} images by default)", "keep fewer images (30 is the default)");
        }

        if (d.Artifact is UriArtifact { Cloud: Cloud.Aws } u && u.Uri.StartsWith("s3://", StringComparison.Ordinal) && u.Uri["s3://".Length..].Split('/', 2) is [var bucket, var key])
        {
            // An empty bucket (s3:///key) is the cloud-neutral rule's to report.
            if (bucket.Length > 0 && AwsArns.BucketNameProblem(bucket) is { } problem)
            {
                yield return p.Error("artifact.uri", $"'{bucket}' is not an S3 bucket name: it {problem}", "use the bucket's exact name, as `aws s3 ls` lists it");
            }

            if (!AwsArns.IsLiteralKey(key))
            {
                yield return p.Error("artifact.uri", $"'{key}' contains a wildcard, which would become a wildcard in the read grant", "give the exact object key or prefix");
            }
        }

        foreach (var secret in d.Secrets.Where(s => s.Source is StoredSecret stored && (stored.Id.Contains('*', StringComparison.Ordinal) || stored.Id.Contains('?', StringComparison.Ordinal))))
        {
            yield return p.Error($"secrets[{secret.Name}].source", "the secret ARN contains a wildcard, which would grant every matching secret", "give the exact ARN of one secret");
        }

        if (artifactKmsKeyArn is { } keyArn && !keyArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("target.artifactKmsKeyArn", $"'{keyArn}' is not a KMS key ARN", "use arn:aws:kms:<region>:<account>:key/<id>");
        }
    }
}
