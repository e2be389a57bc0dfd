using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>A customer-managed KMS key per deployment: rotation on, explicit key policy, 30-day deletion window.</summary>
internal static class KmsKeyBlock
{
    /// <param name="scope">The deployment.</param>
    /// <param name="forAlertTopic">Whether CloudWatch alarms publish to a topic encrypted with the key.</param>
    /// <param name="logGroupName">The log group the key encrypts, if any.</param>
    public static Resource Create(AwsScope scope, bool forAlertTopic, string? logGroupName = null)
    {
        var statements = new List<PolicyStatement>
        {
            new("EnableIamPoliciesInThisAccount", ["kms:*"], ["*"])
            {
                Principal = Value.Map(("AWS", scope.Account.RootPrincipal)),
            },
        };
        if (forAlertTopic)
        {
            // CloudWatch alarms publish to the encrypted SNS topic; SNS needs CloudWatch to be able to use the key.
            statements.Add(new PolicyStatement("AllowCloudWatchAlarmsToUseTheTopicKey", ["kms:Decrypt", "kms:GenerateDataKey*"], ["*"])
            {
                Principal = Value.Map(("Service", "cloudwatch.amazonaws.com")),
                Condition = Value.Map(("StringEquals", Value.Map(("aws:SourceAccount", scope.Account.AccountId)))),
            });
        }

        if (logGroupName is not null)
        {
            // CloudWatch Logs uses the key as the regional logs service principal, and only for this log group
            // (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS": key policy with the
            // kms:EncryptionContext:aws:logs:arn condition).
            var a = scope.Account;
            statements.Add(new PolicyStatement("AllowCloudWatchLogsForOwnLogGroup", ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"], ["*"])
            {
                Principal = Value.Map(("Service", Value.Format($"logs.{a.RegionName}.{a.DnsSuffix}"))),
                Condition = Value.Map(("ArnEquals", Value.Map(("kms:EncryptionContext:aws:logs:arn", a.Arn("logs", a.RegionName, a.AccountId, $"log-group:{logGroupName}"))))),
            });
        }

        return scope.Add("key", AwsTypes.KmsKey, Value.Map(
            ("description", $"Encrypts the artifacts, images, captured data, logs and alerts of {scope.Name} ({scope.Context.Project}/{scope.Context.Stack})"),
            ("enableKeyRotation", true),
            ("deletionWindowInDays", 30),
            ("policy", PolicyDocument.Json(statements)),
            ("tags", scope.Tags)));
    }
}
