using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// Plans a <see cref="SharedImage"/> of <c>Platform.Components</c> on AWS: its KMS key, ECR repository and build, under
/// the key deployments running it use, with the outputs <c>repository-url</c>, <c>digest</c> and <c>image</c>.
/// </summary>
internal sealed class SharedImagePlanner : ComponentPlanner<SharedImage>
{
    public override string Prefix(SharedImage component) => SharedImageBlock.Prefix(component);

    // The cloud-neutral rules (name, build, images kept) cover everything ECR needs.
    protected override IEnumerable<Diagnostic> Validate(SharedImage component, DeploymentPath path, Platform platform) => [];

    protected override void Plan(SharedImage component, PlanContext context) => SharedImageBlock.Ensure(context, component);
}
