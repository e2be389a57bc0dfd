using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>A log group created before the service writes to it, so retention is set (services create groups that never expire).</summary>
internal static class LogGroupBlock
{
    /// <param name="scope">The deployment.</param>
    /// <param name="logGroupName">The group's name.</param>
    /// <param name="retentionDays">How long events are kept.</param>
    /// <param name="key">The deployment's key, whose policy admits CloudWatch Logs for this group; null leaves the group on CloudWatch's own encryption.</param>
    public static Resource Create(AwsScope scope, string logGroupName, int retentionDays, Resource? key = null) =>
        scope.Add("logs", AwsTypes.LogGroup, Value.Map(
            ("name", logGroupName),
            ("retentionInDays", retentionDays),
            ("kmsKeyId", key?.Output("arn")),
            ("tags", scope.Tags)));

    /// <summary>The retention values CloudWatch Logs accepts.</summary>
    public static readonly IReadOnlySet<int> AllowedRetentionDays = new HashSet<int>
    {
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    };
}
