using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Naming;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// A stack-level <see cref="AlertChannel"/> on AWS: one encrypted SNS topic with one e-mail subscription per address,
/// in a component scope named <c>alerts-&lt;name&gt;</c>, or an existing topic. The topic is encrypted with the
/// channel's shared key when it names one, otherwise with a key of its own (<c>alerts-&lt;name&gt;-key</c>); either
/// policy admits CloudWatch alarms. Everything is a function of the channel record and the stack only, so adding,
/// removing or reordering the deployments that use it changes none of it.
/// </summary>
internal static class AlertChannelBlock
{
    /// <summary>The logical-name prefix of the channel's component scope.</summary>
    public static string Prefix(AlertChannel channel) => $"alerts-{channel.Name}";

    /// <summary>The topic ARN a deployment's alarms notify, with a plan note.</summary>
    public static Value Resolve(AwsScope scope, AlertChannel channel)
    {
        var arn = Ensure(scope.Context, channel);
        scope.Note("notifications", Fidelity.Native, channel.Topic is null
            ? $"alarms notify the stack's alert channel '{channel.Name}' ({Prefix(channel)}-topic, shared by every deployment using it)"
            : $"alarms notify the existing topic of alert channel '{channel.Name}'");
        return arn;
    }

    /// <summary>The channel's topic ARN, planned once per program whoever asks first: a deployment or <c>Platform.Components</c>.</summary>
    public static Value Ensure(PlanContext context, AlertChannel channel) =>
        context.Shared($"alert-channel/{channel.Name}", channel, () => Create(context, channel));

    private static Value Create(PlanContext context, AlertChannel channel)
    {
        if (channel.Topic is { } existing)
        {
            return existing;
        }

        var component = new ComponentScope(context, Prefix(channel), AwsTagPolicy.Instance, "alerts", channel.Name);
        var key = channel.Key is { } shared
            ? SharedKeyBlock.Ensure(context, shared).Admit(logGroupName: null, alertTopic: true)
            : KmsKeyBlock.Create(component, AwsAccount.In(context.Graph), $"the alerts of alert channel {channel.Name}", forAlertTopic: true);
        var topic = component.Add("topic", AwsTypes.Topic, Value.Map(
            ("kmsMasterKeyId", key.Output("arn")),
            ("tags", component.Tags)));
        foreach (var email in channel.Emails)
        {
            // Named by the address (readable head, hash of the exact address), not by its place in the list, so adding
            // an address never replaces another's confirmed subscription.
            component.Add($"email-{PhysicalName.Create(48, email)}", AwsTypes.TopicSubscription, Value.Map(
                ("topic", topic.Output("arn")),
                ("protocol", "email"),
                ("endpoint", email)));
        }

        component.Output("topic-arn", topic.Output("arn"));
        return topic.Output("arn");
    }
}
