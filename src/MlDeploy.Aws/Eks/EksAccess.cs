using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Eks;

/// <summary>How <c>pulumi up</c> reaches a cluster's API: the kubeconfig's credential plugin, and on a created cluster the deployer's access entry and network path.</summary>
internal static class EksAccess
{
    /// <summary>
    /// The provider authenticates with <c>aws eks get-token</c> (the AWS CLI must be on the PATH where <c>pulumi up</c>
    /// runs). The region is passed explicitly: the CLI otherwise takes it from its own configuration, which need not be
    /// the stack's (docs.aws.amazon.com/cli/latest/reference/eks/get-token.html, <c>--region</c>, <c>--role-arn</c>).
    /// </summary>
    public static MapValue Kubeconfig(PlanContext context, Value clusterName, Value endpoint, Value certificateAuthorityData, Value region, EksDeployer deployer)
    {
        context.RequireTool("aws", "the AWS CLI: aws eks get-token signs the Kubernetes provider in to the EKS cluster");
        var args = new List<Value?> { "eks", "get-token", "--cluster-name", clusterName, "--region", region };
        if (deployer is { AssumeRole: true, RoleArn: { } role })
        {
            args.AddRange(["--role-arn", role]);
        }

        args.AddRange(["--output", "json"]);
        var env = deployer.Profile is { } profile ? [new KeyValuePair<string, string>("AWS_PROFILE", profile)] : Array.Empty<KeyValuePair<string, string>>();
        return KubernetesProvider.WithExecCredentials("eks", endpoint, certificateAuthorityData, "aws", env, [.. args]);
    }

    /// <summary>
    /// The deployer's way in to a created cluster: an access entry with the cluster-admin access policy for its role
    /// (docs.aws.amazon.com/eks/latest/userguide/access-entries.html), and 443 on the cluster security group from its
    /// security group when it runs inside the VPC. Returns what the Kubernetes provider must wait for.
    /// </summary>
    public static IReadOnlyList<Resource> Grant(EksNodes.AddResource add, Resource cluster, EksDeployer deployer, AwsAccount account, MapValue tags)
    {
        var waits = new List<Resource>();
        if (deployer.RoleArn is { } role)
        {
            var entry = add("deployer-access", AwsTypes.EksAccessEntry, Value.Map(
                ("clusterName", cluster.Output("name")),
                ("principalArn", role),
                ("type", "STANDARD"),
                ("tags", tags)));
            waits.Add(add("deployer-admin", AwsTypes.EksAccessPolicyAssociation, Value.Map(
                ("clusterName", cluster.Output("name")),
                ("principalArn", entry.Output("principalArn")),
                ("policyArn", Value.Format($"arn:{account.PartitionName}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")),
                ("accessScope", Value.Map(("type", "cluster"))))));
        }

        if (deployer.SecurityGroupId is { } group)
        {
            waits.Add(add("deployer-https", AwsTypes.SecurityGroupIngressRule, Value.Map(
                ("description", "pulumi up (the deployer) to the private Kubernetes API endpoint"),
                ("securityGroupId", cluster.Output("vpcConfig.clusterSecurityGroupId")),
                ("referencedSecurityGroupId", group),
                ("ipProtocol", "tcp"),
                ("fromPort", 443),
                ("toPort", 443),
                ("tags", tags))));
        }

        return waits;
    }
}
