using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// Plans an <see cref="AlertChannel"/> of <c>Platform.Components</c> on AWS: its encrypted SNS topic and e-mail
/// subscriptions (and its key, unless it names a shared one), with the output <c>topic-arn</c>.
/// </summary>
internal sealed class AlertChannelPlanner : ComponentPlanner<AlertChannel>
{
    public override string Prefix(AlertChannel component) => AlertChannelBlock.Prefix(component);

    protected override IEnumerable<Diagnostic> Validate(AlertChannel component, DeploymentPath path, Platform platform) =>
        AwsValidation.ValidateChannel(component, path);

    protected override void Plan(AlertChannel component, PlanContext context) => AlertChannelBlock.Ensure(context, component);
}
