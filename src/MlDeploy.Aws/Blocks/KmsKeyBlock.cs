using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>A customer-managed KMS key per deployment: rotation on, explicit key policy, 30-day deletion window.</summary>
internal static class KmsKeyBlock
{
    /// <summary>
    /// Key management, as the AWS console's key administrators statement lists it (AWS KMS Developer Guide, "Default key
    /// policy", "Allows key administrators to administer the KMS key", with key deletion allowed): no cryptographic use.
    /// <c>kms:Create*</c>, <c>kms:List*</c> and <c>kms:Revoke*</c> keep grant management (CreateGrant, ListGrants,
    /// RevokeGrant), which the services encrypting with the key (ECR, SageMaker, EKS) need from the deployer.
    /// </summary>
    public static readonly ImmutableArray<string> AdministrationActions =
    [
        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
        "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
    ];

    /// <summary>Cryptographic use of a symmetric encryption key (the key users statement of the same page).</summary>
    public static readonly ImmutableArray<string> UsageActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    /// <summary>
    /// The account's two statements: administration and use, each granted to the account root so that IAM policies decide
    /// which identities administer and which use the key. Both keep the semantics of AWS's default statement
    /// ("Allows access to the AWS account and enables IAM policies"): without the account as principal IAM grants on the
    /// key have no effect, and a key whose policy names only identities that are later deleted cannot be managed without
    /// AWS Support. Naming the users instead is not possible here: the identity running pulumi up is one of them (it
    /// uploads the SSE-KMS artifact and creates the encrypted resources) and the SDK does not know it (docs/AWS-RUNTIME.md).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <returns>The statements.</returns>
    public static IEnumerable<PolicyStatement> AccountStatements(AwsAccount account)
    {
        var root = Value.Map(("AWS", account.RootPrincipal));
        yield return new PolicyStatement("EnableIamPoliciesToAdministerTheKey", AdministrationActions, ["*"]) { Principal = root };
        yield return new PolicyStatement("EnableIamPoliciesToUseTheKey", UsageActions, ["*"]) { Principal = root };
    }

    /// <param name="scope">The deployment.</param>
    /// <param name="forAlertTopic">Whether CloudWatch alarms publish to a topic encrypted with the key.</param>
    /// <param name="logGroupName">The log group the key encrypts, if any.</param>
    public static Resource Create(AwsScope scope, bool forAlertTopic, string? logGroupName = null) =>
        Create(scope, scope.Account, $"the artifacts, images, captured data, logs and alerts of {scope.Name}", forAlertTopic, logGroupName);

    /// <param name="scope">The deployment or shared component that owns the key.</param>
    /// <param name="account">The account.</param>
    /// <param name="purpose">What it encrypts, for its description.</param>
    /// <param name="forAlertTopic">Whether CloudWatch alarms publish to a topic encrypted with the key.</param>
    /// <param name="logGroupName">The log group the key encrypts, if any.</param>
    public static Resource Create(GraphScope scope, AwsAccount account, string purpose, bool forAlertTopic = false, string? logGroupName = null) =>
        scope.Add("key", AwsTypes.KmsKey, Properties(scope, purpose, 30, Policy(account, forAlertTopic, logGroupName is null ? [] : [logGroupName], "AllowCloudWatchLogsForOwnLogGroup")));

    /// <summary>A key's properties: rotation on, the deletion window, the policy, the scope's tags.</summary>
    /// <param name="scope">The deployment or shared component that owns the key.</param>
    /// <param name="purpose">What it encrypts, for its description.</param>
    /// <param name="deletionWindowDays">How long a deleted key can be recovered.</param>
    /// <param name="policy">The key policy.</param>
    public static MapValue Properties(GraphScope scope, string purpose, int deletionWindowDays, Value policy) => Value.Map(
        ("description", $"Encrypts {purpose} ({scope.Context.Project}/{scope.Context.Stack})"),
        ("enableKeyRotation", true),
        ("deletionWindowInDays", deletionWindowDays),
        ("policy", policy),
        ("tags", scope.Tags));

    /// <summary>
    /// The key policy: the account's statements, CloudWatch alarms when an encrypted alert topic uses the key, and
    /// CloudWatch Logs for exactly the given log groups (in ordinal order, so the policy is a function of the set).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="forAlertTopic">Whether CloudWatch alarms publish to a topic encrypted with the key.</param>
    /// <param name="logGroupNames">The log groups the key encrypts (none leaves CloudWatch Logs out).</param>
    /// <param name="logsSid">The logs statement's id.</param>
    public static Value Policy(AwsAccount account, bool forAlertTopic, IReadOnlyCollection<string> logGroupNames, string logsSid)
    {
        var statements = new List<PolicyStatement>(AccountStatements(account));
        if (forAlertTopic)
        {
            // CloudWatch alarms publish to the encrypted SNS topic; SNS needs CloudWatch to be able to use the key.
            statements.Add(new PolicyStatement("AllowCloudWatchAlarmsToUseTheTopicKey", ["kms:Decrypt", "kms:GenerateDataKey*"], ["*"])
            {
                Principal = Value.Map(("Service", "cloudwatch.amazonaws.com")),
                Condition = Value.Map(("StringEquals", Value.Map(("aws:SourceAccount", account.AccountId)))),
            });
        }

        if (logGroupNames.Count > 0)
        {
            // CloudWatch Logs uses the key as the regional logs service principal, and only for these log groups
            // (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS": key policy with the
            // kms:EncryptionContext:aws:logs:arn condition; several values match any of them).
            var a = account;

            // Sorted into an array and mapped in a loop: Select on Order's iterator is a generic virtual method, which
            // the NativeAOT compiler's type loader resolves at run time on every start (docs/BENCHMARKS.md, stop 16).
            var names = logGroupNames.ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            var arns = new List<Value?>(names.Length);
            foreach (var n in names)
            {
                arns.Add(a.Arn("logs", a.RegionName, a.AccountId, $"log-group:{n}"));
            }

            statements.Add(new PolicyStatement(logsSid, ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"], ["*"])
            {
                Principal = Value.Map(("Service", Value.Format($"logs.{a.RegionName}.{a.DnsSuffix}"))),
                Condition = Value.Map(("ArnEquals", Value.Map(("kms:EncryptionContext:aws:logs:arn", arns.Count == 1 ? arns[0]! : Value.List(arns))))),
            });
        }

        return PolicyDocument.Json(statements);
    }
}
