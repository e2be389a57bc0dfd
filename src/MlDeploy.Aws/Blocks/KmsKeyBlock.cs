using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>A customer-managed KMS key per deployment: rotation on, explicit key policy, 30-day deletion window.</summary>
internal static class KmsKeyBlock
{
    public static Resource Create(AwsScope scope, bool forAlertTopic)
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

        return scope.Add("key", AwsTypes.KmsKey, Value.Map(
            ("description", $"Encrypts the artifacts, images, captured data and alerts of {scope.Name} ({scope.Context.Project}/{scope.Context.Stack})"),
            ("enableKeyRotation", true),
            ("deletionWindowInDays", 30),
            ("policy", PolicyDocument.Json(statements)),
            ("tags", scope.Tags)));
    }
}
