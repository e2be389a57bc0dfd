using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// Plans an <see cref="EncryptionKey"/> of <c>Platform.Components</c> on AWS: one customer-managed key under the key
/// deployments using it plan, with the output <c>arn</c>; deployments using it add their log groups to its policy.
/// </summary>
internal sealed class EncryptionKeyPlanner : ComponentPlanner<EncryptionKey>
{
    public override string Prefix(EncryptionKey component) => SharedKeyBlock.Prefix(component);

    // The cloud-neutral rules (name, deletion window) cover everything KMS needs.
    protected override IEnumerable<Diagnostic> Validate(EncryptionKey component, DeploymentPath path, Platform platform) => [];

    protected override void Plan(EncryptionKey component, PlanContext context) => SharedKeyBlock.Ensure(context, component);
}
