using MlDeploy.Aws.Eks;
using MlDeploy.Hosting;
using MlDeploy.Model;

namespace MlPlatform.Composition.Base;

/// <summary>
/// The platform team's stack: the EKS cluster model stacks deploy onto, the scorer image built once for all of them,
/// and the network they run in, exported under stable names. It declares no model deployment.
/// </summary>
public static class BasePlatform
{
    /// <summary>Declares the platform stack for one environment.</summary>
    /// <param name="stack">The stack and its config.</param>
    /// <returns>The platform.</returns>
    public static Platform Define(StackContext stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var config = stack.Config;
        var subnets = config.GetStringList("privateSubnetIds");
        var securityGroups = config.GetStringList("servingSecurityGroupIds");

        var cluster = EksCluster.Create("ml", [.. subnets]) with
        {
            PublicAccessCidrs = config.GetStringList("adminCidrs"),
            CpuNodes = new EksNodeGroup(config.Get("nodeInstanceType") ?? "m7i.xlarge", config.GetInt32("minNodes", 2, 1, 100), config.GetInt32("maxNodes", 6, 1, 450)),
            Deployer = new EksDeployer { RoleArn = config.Require("deployerRoleArn") },
        };
        var scorer = new SharedImage("scorer", new BuildImage("../../model-server", config.Require("imageTag")));

        return new Platform
        {
            Components = [cluster, scorer],
            Outputs =
            [
                new PlatformOutput("clusterName", OutputValue.Of(cluster, "name")),
                new PlatformOutput("scorerImage", OutputValue.Of(scorer, "image")),
                new PlatformOutput("scorerRepositoryUrl", OutputValue.Of(scorer, "repository-url")),
                new PlatformOutput("scorerRepositoryArn", OutputValue.Of(scorer, "repository-arn")),
                new PlatformOutput("scorerDigest", OutputValue.Of(scorer, "digest")),
                new PlatformOutput("privateSubnetIds", OutputValue.List(subnets.Select(s => OutputValue.Text(s)))),
                new PlatformOutput("servingSecurityGroupIds", OutputValue.List(securityGroups.Select(s => OutputValue.Text(s)))),
            ],
        };
    }
}
