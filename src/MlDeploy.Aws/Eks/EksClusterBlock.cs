using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Aws.Guardrails;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Eks;

/// <summary>What a workload needs from its cluster: its name, ARN, the Kubernetes provider bound to it, and GPU scheduling.</summary>
internal sealed record EksClusterHandle(Value Name, Value Arn, Resource Provider, Resource? GpuNodeGroup, Resource? DevicePlugin, Resource? PodIdentityAgent, bool Created);

/// <summary>
/// Creates an EKS cluster once per program (shared by every deployment naming it) or looks an existing one up, and
/// binds an explicit Kubernetes provider to it.
/// </summary>
internal static class EksClusterBlock
{
    public const string GpuLabel = GpuScheduling.DedicatedNodeLabel;
    public const string GpuTaintKey = GpuScheduling.DedicatedNodeTaintKey;

    /// <summary>The cluster's handle, created or looked up on first use.</summary>
    /// <param name="context">The plan.</param>
    /// <param name="cluster">The cluster.</param>
    public static EksClusterHandle For(PlanContext context, EksCluster cluster) => cluster switch
    {
        NewEksCluster created => context.Shared($"eks-cluster/{created.Name}", Spec(created), () => Create(context, created)),
        ExistingEksCluster existing => context.Shared($"eks-cluster/{existing.Name}", Spec(existing), () => Lookup(context, existing)),
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>What makes two declarations of a cluster the same cluster: deployments naming it must agree on all of it.</summary>
    public static string Spec(EksCluster cluster) => cluster switch
    {
        NewEksCluster created => created.Canonical,
        ExistingEksCluster existing => $"existing|{existing.Name}|{existing.NameFrom}|{existing.InstallPodIdentityAgent}|{existing.PodIdentityAgentPresent}|{existing.Deployer}",
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>The logical-name prefix of a cluster's shared resources: what the cluster is, never who declared it.</summary>
    public static string Prefix(EksCluster cluster) => $"eks-{cluster.Name}";

    private static EksClusterHandle Lookup(PlanContext context, ExistingEksCluster existing)
    {
        var graph = context.Graph;
        var prefix = Prefix(existing);

        // The real name: this program's handle, or what the stack that created the cluster exports.
        Value name = existing.NameFrom is { } exported ? context.StackOutput(exported) : existing.Name;
        var info = graph.Add(new Invoke($"{prefix}-cluster", AwsTypes.GetEksCluster, Value.Map(("name", name))) { Scope = prefix });
        var provider = graph.Add(new Resource($"{prefix}-k8s", KubernetesTypes.Provider, EksAccess.Kubeconfig(context, name, info.Output("endpoint"), info.Output("certificateAuthorities[0].data"), AwsAccount.In(graph).RegionName, existing.Deployer)) { Scope = prefix });
        var agent = existing.InstallPodIdentityAgent
            ? graph.Add(new Resource($"{prefix}-pod-identity-agent", AwsTypes.EksAddon, Value.Map(("clusterName", name), ("addonName", "eks-pod-identity-agent"))) { Scope = prefix })
            : null;
        return new EksClusterHandle(name, info.Output("arn"), provider, null, null, agent, Created: false);
    }

    private static EksClusterHandle Create(PlanContext context, NewEksCluster spec)
    {
        var graph = context.Graph;
        var account = AwsAccount.In(graph);
        var prefix = Prefix(spec);
        var scope = new ComponentScope(context, prefix, AwsTagPolicy.Instance, "cluster", spec.Name);
        var tags = scope.Tags;
        Resource Add(string part, ResourceType type, MapValue props, ResourceOptions? options = null) => scope.Add(part, type, props, options);

        var key = KmsKeyBlock.Create(scope, account, $"Kubernetes secrets of EKS cluster {spec.Name}");
        var subnets = scope.Resolve(spec.SubnetIds);

        var clusterRole = ManagedRole(Add, $"cluster-role", "eks.amazonaws.com", account, $"Control plane role of EKS cluster {spec.Name}", tags, ["AmazonEKSClusterPolicy"]);
        // "eks" keeps the cluster's parts apart from a deployment's (project, stack, deployment) of the same name.
        var physicalName = Naming.PhysicalName.Create(100, context.Project, context.Stack, "eks", spec.Name);
        context.ClaimPhysicalName(physicalName, $"EKS cluster '{spec.Name}'");

        // The control plane creates this group itself without retention unless it exists first.
        var logs = Add("logs", AwsTypes.LogGroup, Value.Map(
            ("name", $"/aws/eks/{physicalName}/cluster"),
            ("retentionInDays", spec.LogRetentionDays),
            ("tags", tags)));
        var cluster = Add(
            "cluster",
            AwsTypes.EksCluster,
            Value.Map(
                ("name", physicalName),
                ("version", spec.Version),
                ("roleArn", clusterRole.Role.Output("arn")),
                ("vpcConfig", Value.Map(
                    ("subnetIds", subnets),
                    ("endpointPrivateAccess", true),
                    ("endpointPublicAccess", !spec.PublicAccessCidrs.IsEmpty),
                    ("publicAccessCidrs", spec.PublicAccessCidrs.IsEmpty ? null : Value.List(spec.PublicAccessCidrs.Select(c => (Value?)c))))),

                // With a deployer role, that role gets the admin access entry instead of whoever runs the first
                // `pulumi up`: a principal can hold only one access entry, so both would collide when they are the same.
                ("accessConfig", Value.Map(("authenticationMode", "API"), ("bootstrapClusterCreatorAdminPermissions", spec.Deployer.RoleArn is null))),
                ("encryptionConfig", Value.Map(("provider", Value.Map(("keyArn", key.Output("arn")))), ("resources", Value.List("secrets")))),
                ("enabledClusterLogTypes", Value.List(EksClusterExtractor.ControlPlaneLogTypes.Select(t => (Value?)t))),
                ("tags", tags)),
            new ResourceOptions { DependsOn = [clusterRole.Attachments[0], logs] });

        // Lets other workloads and add-ons on the cluster use IAM roles for service accounts; the SDK's own workloads
        // use EKS Pod Identity, whose trust needs no issuer-specific condition keys.
        var oidc = Add("oidc-provider", AwsTypes.OpenIdConnectProvider, Value.Map(
            ("url", cluster.Output("identities[0].oidcs[0].issuer")),
            ("clientIdLists", Value.List("sts.amazonaws.com")),
            ("tags", tags)));

        // The agent runs on the host network, so it starts on new nodes before the CNI is ready and can serve the CNI's credentials.
        var agent = Add("pod-identity-agent", AwsTypes.EksAddon, Value.Map(
            ("clusterName", cluster.Output("name")),
            ("addonName", "eks-pod-identity-agent"),
            ("tags", tags)));
        var cni = EksNodes.VpcCni(Add, cluster.Output("name"), account, tags, agent);

        // No AmazonEKS_CNI_Policy here: the CNI has its own role (above).
        var nodeRole = ManagedRole(Add, "node-role", "ec2.amazonaws.com", account, $"Node role of EKS cluster {spec.Name}", tags, ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"]);
        Resource[] nodeDependencies = [.. nodeRole.Attachments, cni];
        var cpuNodes = EksNodes.NodeGroup(Add, "cpu-nodes", spec.CpuNodes, gpu: false, spec.CpuNodes.Min, cluster.Output("name"), nodeRole.Role.Output("arn"), spec, subnets, tags, nodeDependencies);

        // No cluster autoscaler is installed, so a GPU group that started at its minimum would never grow: the HPA's extra
        // replicas and every rollout's surge pod would stay pending. It runs at its maximum, which validation checks
        // covers the deployments' maximum replicas plus their surge.
        var gpuDesired = spec.GpuNodes?.Max ?? 0;
        var gpuNodes = spec.GpuNodes is { } g ? EksNodes.NodeGroup(Add, "gpu-nodes", g, gpu: true, gpuDesired, cluster.Output("name"), nodeRole.Role.Output("arn"), spec, subnets, tags, nodeDependencies) : null;
        var access = EksAccess.Grant(Add, cluster, spec.Deployer, account, tags);

        var provider = graph.Add(new Resource(
            $"{prefix}-k8s",
            KubernetesTypes.Provider,
            EksAccess.Kubeconfig(context, physicalName, cluster.Output("endpoint"), cluster.Output("certificateAuthority.data"), account.RegionName, spec.Deployer),
            new ResourceOptions { DependsOn = [cpuNodes, .. access] }) { Scope = prefix });
        var devicePlugin = gpuNodes is null ? null : NvidiaDevicePlugin.Add(scope, provider, gpuNodes, GpuLabel, GpuTaintKey, spec.DevicePluginImage ?? NvidiaDevicePlugin.Image);
        foreach (var group in new[] { spec.CpuNodes, spec.GpuNodes }.OfType<EksNodeGroup>().Where(g => g.Capacity is not null))
        {
            scope.Note("node capacity", Fidelity.Approximated, string.Create(CultureInfo.InvariantCulture, $"{group.InstanceType}: {group.Capacity!.Vcpu} vCPU / {group.Capacity.MemoryGiB} GiB{(group.Capacity.Gpus > 0 ? $" / {group.Capacity.Gpus}x {group.Capacity.GpuKind}" : string.Empty)} as declared in the stack program (not in the SDK's EC2 catalogue)"));
        }

        scope.Note("cluster", Fidelity.Native, $"EKS {spec.Version} '{physicalName}': private API endpoint{(spec.PublicAccessCidrs.IsEmpty ? string.Empty : $" + public from {string.Join(", ", spec.PublicAccessCidrs)}")}, KMS-encrypted secrets, control-plane logs kept {spec.LogRetentionDays} days, VPC CNI enforcing NetworkPolicy on its own Pod Identity role, nodes {spec.CpuNodes.InstanceType} x{spec.CpuNodes.Min}-{spec.CpuNodes.Max} ({spec.CpuNodes.DiskSizeGiB} GiB){(spec.GpuNodes is { } gn ? $", GPU nodes {gn.InstanceType} x{gn.Min}-{gn.Max} ({gn.DiskSizeGiB} GiB, all {gpuDesired} started) with the NVIDIA device plugin" : string.Empty)}, IMDSv2 with hop limit 1");
        // The trust policy EKS documents for the cluster role ("Amazon EKS cluster IAM role") has no condition, and EKS
        // does not document passing aws:SourceArn when it assumes the role: a condition could fail cluster creation.
        scope.Note("cluster role", Fidelity.Approximated, "the cluster role trusts eks.amazonaws.com without confused-deputy conditions: EKS documents its cluster role trust without any; the role holds only AmazonEKSClusterPolicy");
        scope.Note("cluster.scaling", Fidelity.Approximated, "no cluster autoscaler is installed: node groups keep their started size (CPU at its minimum; GPU at its maximum, which must hold the GPU deployments' maximum replicas plus their rollout surge)");
        scope.Note("cluster.access", spec.Deployer.RoleArn is null ? Fidelity.Approximated : Fidelity.Native, spec.Deployer.RoleArn is { } r
            ? $"{r} gets cluster-admin through an access entry; pulumi up must run as that role{(spec.Deployer.AssumeRole ? " (get-token assumes it)" : string.Empty)}{(spec.Deployer.SecurityGroupId is { } sg ? $"; {sg} may reach the API on 443" : string.Empty)}"
            : "only the identity that runs the first pulumi up gets cluster-admin (set EksDeployer.RoleArn for CI)");
        // What a model stack needs to deploy onto the cluster (EksCluster.Existing(name)) or to bind IRSA roles to it.
        scope.Output("name", cluster.Output("name"));
        scope.Output("arn", cluster.Output("arn"));
        scope.Output("endpoint", cluster.Output("endpoint"));
        scope.Output("oidc-provider-arn", oidc.Output("arn"));
        return new EksClusterHandle(cluster.Output("name"), cluster.Output("arn"), provider, gpuNodes, devicePlugin, agent, Created: true);
    }

    private static (Resource Role, List<Resource> Attachments) ManagedRole(
        Func<string, ResourceType, MapValue, ResourceOptions?, Resource> add, string part, string service, AwsAccount account, string description, MapValue tags, string[] managedPolicies)
    {
        var role = add(part, AwsTypes.Role, Value.Map(
            ("description", description),
            ("assumeRolePolicy", PolicyDocument.ServiceTrust(service, condition: null, "sts:AssumeRole")),
            ("tags", tags)), null);
        var attachments = managedPolicies
            .Select(p => add($"{part}-{p.ToLowerInvariant().Replace('_', '-')}", AwsTypes.RolePolicyAttachment, Value.Map(
                ("role", role.Output("name")),
                ("policyArn", Value.Format($"arn:{account.PartitionName}:iam::aws:policy/{p}"))), null))
            .ToList();
        return (role, attachments);
    }
}
