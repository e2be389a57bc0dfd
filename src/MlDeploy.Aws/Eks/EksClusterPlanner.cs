using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// Plans a <see cref="NewEksCluster"/> of <c>Platform.Components</c>: the cluster, its node groups, add-ons and access,
/// under the key EKS deployments on it use, with the outputs <c>name</c>, <c>arn</c>, <c>endpoint</c> and <c>oidc-provider-arn</c>.
/// </summary>
internal sealed class EksClusterPlanner : ComponentPlanner<NewEksCluster>
{
    public override string Prefix(NewEksCluster component) => EksClusterBlock.Prefix(component);

    // Deployments on the cluster compare their declaration with this one (EksValidator), naming both.
    protected override IEnumerable<Diagnostic> Validate(NewEksCluster component, DeploymentPath path, Platform platform) =>
        EksClusterChecks.Validate(component, path, platform);

    protected override void Plan(NewEksCluster component, PlanContext context) => EksClusterBlock.For(context, component);
}
