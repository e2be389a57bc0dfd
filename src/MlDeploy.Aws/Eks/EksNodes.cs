using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// The node side of a created cluster: the VPC CNI on a role of its own (with network policy enforcement), and managed
/// node groups launched from a template that sizes the root volume and keeps pods away from the node's credentials.
/// </summary>
internal static class EksNodes
{
    /// <summary>The root device of the EKS AL2023 AMIs, which the launch template resizes (amazon-eks-ami: <c>/dev/xvda</c>; UNVERIFIED against a live AMI here).</summary>
    public const string RootDevice = "/dev/xvda";

    public delegate Resource AddResource(string part, ResourceType type, MapValue props, ResourceOptions? options = null);

    /// <summary>
    /// The vpc-cni add-on. Network policy: the VPC CNI enforces NetworkPolicy only when its configuration says
    /// <c>enableNetworkPolicy: "true"</c> (docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html); without it
    /// the workload's NetworkPolicy is accepted and ignored. Identity: the CNI's own role through EKS Pod Identity
    /// (service account <c>kube-system/aws-node</c>), so AmazonEKS_CNI_Policy is not on the node role every pod on the
    /// node could reach (docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html). Created before the nodes, as
    /// terraform-aws-eks does with <c>before_compute</c> for vpc-cni, so the first nodes start with it.
    /// </summary>
    public static Resource VpcCni(AddResource add, Value clusterName, AwsAccount account, MapValue tags, Resource podIdentityAgent)
    {
        var role = add("cni-role", AwsTypes.Role, Value.Map(
            ("description", "VPC CNI (kube-system/aws-node) role, through EKS Pod Identity"),
            ("assumeRolePolicy", PodIdentityTrust.Policy(account, clusterName)),
            ("tags", tags)));
        var attachment = add("cni-role-amazoneks-cni-policy", AwsTypes.RolePolicyAttachment, Value.Map(
            ("role", role.Output("name")),
            ("policyArn", Value.Format($"arn:{account.PartitionName}:iam::aws:policy/AmazonEKS_CNI_Policy"))));
        return add(
            "vpc-cni",
            AwsTypes.EksAddon,
            Value.Map(
                ("clusterName", clusterName),
                ("addonName", "vpc-cni"),
                ("configurationValues", Fn.ToJson(Value.Map(("enableNetworkPolicy", "true")))),
                ("podIdentityAssociations", Value.List(Value.Map(("roleArn", role.Output("arn")), ("serviceAccount", "aws-node")))),

                // EKS installs a self-managed vpc-cni with every cluster; the managed add-on takes its objects over.
                ("resolveConflictsOnCreate", "OVERWRITE"),
                ("resolveConflictsOnUpdate", "OVERWRITE"),
                ("tags", tags)),
            new ResourceOptions { DependsOn = [attachment, podIdentityAgent] });
    }

    /// <summary>
    /// A managed node group from its own launch template: IMDSv2 only with a hop limit of 1, so containers (one hop
    /// further than the node) cannot read the node role's credentials
    /// (docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html, "Restrict access to the
    /// instance profile assigned to the worker node"), and a gp3 root volume of <see cref="EksNodeGroup.DiskSizeGiB"/>
    /// (the node group's diskSize cannot be combined with a launch template, API_CreateNodegroup).
    /// </summary>
    public static Resource NodeGroup(AddResource add, string part, EksNodeGroup group, bool gpu, int desiredSize, Value clusterName, Value nodeRoleArn, NewEksCluster spec, ListValue subnets, MapValue tags, IReadOnlyList<Resource> dependsOn)
    {
        var template = add($"{part}-template", AwsTypes.LaunchTemplate, Value.Map(
            ("description", $"{part} of EKS cluster {spec.Name}: IMDSv2 with hop limit 1, {group.DiskSizeGiB} GiB encrypted root volume"),
            ("updateDefaultVersion", true),
            ("metadataOptions", Value.Map(
                ("httpEndpoint", "enabled"),
                ("httpTokens", "required"),
                ("httpPutResponseHopLimit", 1))),
            ("blockDeviceMappings", Value.List(Value.Map(
                ("deviceName", RootDevice),
                ("ebs", Value.Map(
                    ("volumeSize", group.DiskSizeGiB),
                    ("volumeType", "gp3"),
                    ("encrypted", "true"),
                    ("deleteOnTermination", "true")))))),
            ("tags", tags)));
        return add(
            part,
            AwsTypes.EksNodeGroup,
            Value.Map(
                ("clusterName", clusterName),
                ("nodeRoleArn", nodeRoleArn),
                ("subnetIds", subnets),
                ("instanceTypes", Value.List(group.InstanceType)),
                ("amiType", gpu ? "AL2023_x86_64_NVIDIA" : "AL2023_x86_64_STANDARD"),
                ("capacityType", "ON_DEMAND"),
                // latestVersion is a number and the node group takes a string; Pulumi YAML does not convert a lone
                // interpolation ("should be of type 'string' but got a number", pulumi/pulumi-yaml#577), toJSON renders its digits.
                ("launchTemplate", Value.Map(("id", template.Output("id")), ("version", Fn.ToJson(template.Output("latestVersion"))))),
                ("scalingConfig", Value.Map(("minSize", group.Min), ("maxSize", group.Max), ("desiredSize", desiredSize))),
                ("updateConfig", Value.Map(("maxUnavailable", 1))),
                ("labels", gpu ? Value.Map((EksClusterBlock.GpuLabel, "true")) : null),
                ("taints", gpu ? Value.List(Value.Map(("key", EksClusterBlock.GpuTaintKey), ("value", "true"), ("effect", "NO_SCHEDULE"))) : null),
                ("tags", tags)),
            new ResourceOptions { DependsOn = [.. dependsOn] });
    }
}
