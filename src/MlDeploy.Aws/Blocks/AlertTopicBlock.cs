using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// Where alarms notify: the stack's alert channel, an existing SNS topic, or an encrypted topic of the deployment's own
/// with an optional e-mail subscription.
/// </summary>
internal static class AlertTopicBlock
{
    public static Value Create(AwsScope scope, Monitoring monitoring, Lazy<Resource> key)
    {
        if (monitoring.Channel is { } channel)
        {
            return AlertChannelBlock.Resolve(scope, channel);
        }

        if (monitoring.NotificationTopic is { } existing)
        {
            return existing;
        }

        var topic = scope.Add("alerts", AwsTypes.Topic, Value.Map(
            ("kmsMasterKeyId", key.Value.Output("arn")),
            ("tags", scope.Tags)));
        if (monitoring.NotificationEmail is { } email)
        {
            scope.Add("alerts-email", AwsTypes.TopicSubscription, Value.Map(
                ("topic", topic.Output("arn")),
                ("protocol", "email"),
                ("endpoint", email)));
        }

        return topic.Output("arn");
    }
}
