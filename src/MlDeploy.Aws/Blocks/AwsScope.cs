using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>One deployment's view of the graph on AWS: the shared <see cref="DeploymentScope"/> plus the account it deploys into.</summary>
internal sealed class AwsScope(ModelDeployment deployment, PlanContext context) : DeploymentScope(deployment, context, AwsTagPolicy.Instance)
{
    public AwsAccount Account { get; } = AwsAccount.In(context.Graph);
}
