using System.Collections.Immutable;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// What every AWS service target (SageMaker, ECS on Fargate) starts with: the deployment's key, its image and model
/// data, the encrypted log group, the alert topic, its secrets, and the capture prefix with its expiry.
/// </summary>
/// <param name="Key">The deployment's customer-managed key, or the stack's shared key it names (created: the log group always uses it).</param>
/// <param name="StoresWithKey">Whether the image or model store is encrypted with the key (decided before the log group forced it).</param>
/// <param name="Inputs">The image and model data.</param>
/// <param name="LogGroup">The log group, with retention and the key.</param>
/// <param name="TopicArn">The topic alarms notify.</param>
/// <param name="Secrets">The secrets the server reads.</param>
/// <param name="Capture">Whether requests and responses are captured.</param>
/// <param name="CapturePrefix">Where captured payloads go in the deployment's bucket.</param>
internal sealed record ServiceFoundation(
    Lazy<Resource> Key, bool StoresWithKey, ServingInputs Inputs, Resource LogGroup, Value TopicArn, ImmutableArray<SecretBinding> Secrets, bool Capture, string CapturePrefix)
{
    public static ServiceFoundation Create(AwsScope scope, string logGroupName, int keepImages)
    {
        var d = scope.Deployment;

        // The deployment's own customer-managed key, or the stack's shared one; it always encrypts at least the log
        // group, and the deployment's own alert topic unless it notifies an existing topic or the stack's channel.
        var ownTopic = d.Monitoring.NotificationTopic is null && d.Monitoring.Channel is null;
        var key = SharedKeyBlock.For(scope, forAlertTopic: ownTopic, logGroupName);
        var capture = d.Monitoring.DataCapturePercent > 0;
        var inputs = ServingInputs.Create(scope, key, keepImages, needsBucket: capture);
        var storesWithKey = key.IsValueCreated;
        var logGroup = LogGroupBlock.Create(scope, logGroupName, d.Monitoring.LogRetentionDays, key.Value);
        var topicArn = AlertTopicBlock.Create(scope, d.Monitoring, key);
        var secrets = SecretsBlock.Create(scope, key);
        var capturePrefix = $"capture/{d.Name}";
        if (capture)
        {
            // Captured payloads are kept as long as the logs, then expire.
            inputs.Store!.ExpireCaptured(scope, capturePrefix, d.Monitoring.LogRetentionDays);
        }

        return new ServiceFoundation(key, storesWithKey, inputs, logGroup, topicArn, secrets, capture, capturePrefix);
    }
}
