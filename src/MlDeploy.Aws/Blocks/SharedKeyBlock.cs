using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// A stack-level <see cref="EncryptionKey"/> on AWS: one customer-managed key in a component scope named
/// <c>key-&lt;name&gt;</c>, used by every deployment and alert channel that names it. Its policy admits exactly what
/// its users need: CloudWatch Logs for their log groups (one condition listing each, in name order) and CloudWatch
/// alarms when an encrypted alert topic uses it. The policy is rewritten as users are planned, so it is a function of
/// the set of users, never of their order; adding or removing one updates the policy in place (kms:PutKeyPolicy), it
/// never replaces the key.
/// </summary>
internal sealed class SharedKeyBlock
{
    private readonly GraphBuilder _graph;
    private readonly AwsAccount _account;
    private readonly SortedSet<string> _logGroups = new(StringComparer.Ordinal);
    private bool _alertTopic;

    private SharedKeyBlock(GraphBuilder graph, AwsAccount account, Resource key)
    {
        _graph = graph;
        _account = account;
        Key = key;
    }

    /// <summary>Gets the key resource.</summary>
    public Resource Key { get; }

    /// <summary>The logical-name prefix of the key's component scope.</summary>
    public static string Prefix(EncryptionKey key) => $"key-{key.Name}";

    /// <summary>The key, planned once per program whoever asks first: a deployment, an alert channel or <c>Platform.Components</c>.</summary>
    public static SharedKeyBlock Ensure(PlanContext context, EncryptionKey key) =>
        context.Shared($"encryption-key/{key.Name}", key, () => Create(context, key));

    /// <summary>
    /// The key a deployment encrypts with, created on first use: the stack's shared key when the deployment names one
    /// (its log group and its own alert topic, if any, admitted to the policy), otherwise a key of its own.
    /// </summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="forAlertTopic">Whether the deployment's own alert topic is encrypted with the key.</param>
    /// <param name="logGroupName">The deployment's log group, if the key encrypts one.</param>
    public static Lazy<Resource> For(AwsScope scope, bool forAlertTopic, string? logGroupName = null)
    {
        if (scope.Deployment.Encryption is not { } shared)
        {
            return new Lazy<Resource>(() => KmsKeyBlock.Create(scope, forAlertTopic, logGroupName));
        }

        return new Lazy<Resource>(() =>
        {
            var block = Ensure(scope.Context, shared);
            block.Admit(logGroupName, forAlertTopic);
            scope.Note("encryption", Fidelity.Native, $"the stack's shared key '{shared.Name}' ({block.Key.Name}) encrypts the deployment's data{(logGroupName is null ? string.Empty : "; its policy admits CloudWatch Logs for this deployment's log group among its users'")}");
            return block.Key;
        });
    }

    /// <summary>Admits a user's log group and/or alert topic to the key policy.</summary>
    /// <param name="logGroupName">The log group the key encrypts, if any.</param>
    /// <param name="alertTopic">Whether an alert topic CloudWatch alarms publish to is encrypted with the key.</param>
    /// <returns>The key.</returns>
    public Resource Admit(string? logGroupName, bool alertTopic)
    {
        var changed = logGroupName is not null && _logGroups.Add(logGroupName);
        if (alertTopic && !_alertTopic)
        {
            _alertTopic = changed = true;
        }

        if (changed)
        {
            _graph.Replace(Key, Key.Properties.With("policy", Policy()));
        }

        return Key;
    }

    private Value Policy() => KmsKeyBlock.Policy(_account, _alertTopic, _logGroups, "AllowCloudWatchLogsForItsDeploymentsLogGroups");

    private static SharedKeyBlock Create(PlanContext context, EncryptionKey key)
    {
        var account = AwsAccount.In(context.Graph);
        var component = new ComponentScope(context, Prefix(key), AwsTagPolicy.Instance, "key", key.Name);
        var resource = component.Add("key", AwsTypes.KmsKey, KmsKeyBlock.Properties(
            component,
            $"the data of the deployments and alert channels using shared key {key.Name}",
            key.DeletionWindowDays,
            KmsKeyBlock.Policy(account, forAlertTopic: false, [], string.Empty)));
        component.Output("arn", resource.Output("arn"));
        return new SharedKeyBlock(context.Graph, account, resource);
    }
}
