using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Aws.Blocks;

/// <summary>Where alarms notify: an existing SNS topic, or an encrypted topic the SDK creates with an optional e-mail subscription.</summary>
internal static class AlertTopicBlock
{
    public static Value Create(AwsScope scope, Monitoring monitoring, Lazy<Resource> key)
    {
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
