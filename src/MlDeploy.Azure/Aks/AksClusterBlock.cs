using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Aks;

/// <summary>What a workload needs from its cluster: the provider bound to it, the OIDC issuer, the kubelet identity, GPU scheduling.</summary>
internal sealed record AksClusterHandle(Resource Provider, Value IssuerUrl, Value KubeletObjectId, Resource? GpuPool, Resource? DevicePlugin, bool Created);

/// <summary>Creates an AKS cluster once per program (shared by every deployment naming it) or looks an existing one up, and binds an explicit Kubernetes provider to it.</summary>
internal static class AksClusterBlock
{
    /// <summary>The cluster's handle, created or looked up on first use.</summary>
    public static AksClusterHandle For(PlanContext context, AksCluster cluster) => cluster switch
    {
        NewAksCluster created => context.Shared($"aks-cluster/{created.Name}", Spec(created), () => Create(context, created)),
        ExistingAksCluster existing => context.Shared($"aks-cluster/{existing.Name}", Spec(existing), () => Lookup(context, existing)),
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>What makes two declarations of a cluster the same cluster: deployments naming it must agree on all of it.</summary>
    public static string Spec(AksCluster cluster) => cluster switch
    {
        NewAksCluster created => created.Canonical,
        ExistingAksCluster existing => $"existing|{existing.Name}|{existing.ResourceGroupName}|{existing.WorkloadIdentityEnabled}|{existing.Private}|{existing.Deployer}",
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>The logical-name prefix of a cluster's shared resources: what the cluster is, never who declared it.</summary>
    public static string Prefix(AksCluster cluster) => $"aks-{cluster.Name}";

    private static AksClusterHandle Lookup(PlanContext context, ExistingAksCluster existing)
    {
        var scope = new ComponentScope(context, Prefix(existing));
        var info = scope.Invoke("cluster", AzureTypes.GetManagedCluster, Value.Map(("resourceGroupName", existing.ResourceGroupName), ("resourceName", existing.Name)));
        var fqdn = info.Output(existing.Private ? "privateFQDN" : "fqdn");
        var provider = context.Graph.Add(new Resource(scope.LogicalName("k8s"), KubernetesTypes.Provider, AksAccess.Kubeconfig(scope, existing.ResourceGroupName, existing.Name, fqdn, existing.Deployer)) { Scope = scope.Prefix });
        return new AksClusterHandle(provider, info.Output("oidcIssuerProfile.issuerURL"), info.Output("identityProfile.kubeletidentity.objectId"), null, null, Created: false);
    }

    private static AksClusterHandle Create(PlanContext context, NewAksCluster spec)
    {
        var graph = context.Graph;
        var scope = new ComponentScope(context, Prefix(spec), AzureTagPolicy.Instance, "cluster", spec.Name);
        var client = graph.GetOrAdd(new Invoke("azure-client-config", AzureTypes.GetClientConfig, MapValue.Empty));

        // "aks" keeps the cluster's names apart from a deployment's (project, stack, deployment) of the same name.
        string Physical(int max, params string[] suffix) => Naming.PhysicalName.Create(max, [context.Project, context.Stack, "aks", spec.Name, .. suffix]);
        var physicalName = Physical(63);
        context.ClaimPhysicalName(physicalName, $"AKS cluster '{spec.Name}'");
        Value resourceGroup = spec.ResourceGroupName is { } existing ? existing : scope.Add("rg", AzureTypes.ResourceGroup, Value.Map(
            ("resourceGroupName", Physical(90, "rg")),
            ("location", spec.Location),
            ("tags", scope.Tags))).Output("name");
        var subnet = spec.SubnetId is { } s ? scope.Resolve(s) : null;
        var system = spec.SystemNodes;

        var cluster = scope.Add(
            "cluster",
            AzureTypes.ManagedCluster,
            Value.Map(
                ("resourceGroupName", resourceGroup),
                ("location", spec.Location),
                ("resourceName", physicalName),

                // dnsPrefix: 1-54 letters, digits and '-'; the node resource group (MC_<group>_<name>_<region> by
                // default) is named explicitly because the default exceeds its 80 characters for long names.
                ("dnsPrefix", Physical(54)),
                ("nodeResourceGroup", Physical(80, "nodes")),
                ("kubernetesVersion", spec.Version),
                ("identity", Value.Map(("type", "SystemAssigned"))),
                ("sku", Value.Map(("name", "Base"), ("tier", "Standard"))),

                // Entra ID only, authorized by Azure RBAC: no local admin kubeconfig exists to leak.
                ("enableRBAC", true),
                ("disableLocalAccounts", true),
                ("aadProfile", Value.Map(("managed", true), ("enableAzureRBAC", true))),
                ("oidcIssuerProfile", Value.Map(("enabled", true))),
                ("securityProfile", Value.Map(("workloadIdentity", Value.Map(("enabled", true))))),

                // Azure CNI overlay powered by Cilium enforces NetworkPolicy (AKS docs, "Azure CNI Powered by Cilium").
                ("networkProfile", Value.Map(
                    ("networkPlugin", "azure"),
                    ("networkPluginMode", "overlay"),
                    ("networkDataplane", "cilium"),
                    ("networkPolicy", "cilium"),
                    ("loadBalancerSku", "standard"))),
                ("apiServerAccessProfile", spec.PrivateCluster
                    ? Value.Map(("enablePrivateCluster", true))
                    : Value.Map(("authorizedIPRanges", Value.List(spec.AuthorizedIpRanges.Select(c => (Value?)c))))),
                ("autoUpgradeProfile", Value.Map(("upgradeChannel", "patch"), ("nodeOSUpgradeChannel", "NodeImage"))),
                ("agentPoolProfiles", Value.List(Value.Map(
                    ("name", "system"),
                    ("mode", "System"),
                    ("osType", "Linux"),
                    ("vmSize", system.VmSize),
                    ("osDiskSizeGB", system.OsDiskSizeGiB),
                    ("osDiskType", "Managed"),
                    ("enableAutoScaling", true),
                    ("count", system.Min),
                    ("minCount", system.Min),
                    ("maxCount", system.Max),
                    ("vnetSubnetID", subnet)))),
                ("tags", scope.Tags)),

            // The cluster autoscaler owns the node counts after creation; the program's start value must not reset them.
            new ResourceOptions { IgnoreChanges = ["agentPoolProfiles[0].count"] });
        Value clusterName = cluster.Output("name");

        var gpuPool = spec.GpuNodes is { } g
            ? scope.Add(
                "gpu-nodes",
                AzureTypes.AgentPool,
                Value.Map(
                    ("resourceGroupName", resourceGroup),
                    ("resourceName", clusterName),
                    ("agentPoolName", "gpu"),
                    ("mode", "User"),
                    ("osType", "Linux"),
                    ("vmSize", g.VmSize),
                    ("osDiskSizeGB", g.OsDiskSizeGiB),
                    ("osDiskType", "Managed"),
                    ("enableAutoScaling", true),
                    ("count", g.Min),
                    ("minCount", g.Min),
                    ("maxCount", g.Max),

                    // AKS installs the NVIDIA driver (gpuProfile.driver Install) but neither the device plugin nor a taint
                    // (Azure/AKS#1449: no ExtendedResourceToleration): the pool is tainted and labelled here.
                    ("gpuProfile", Value.Map(("driver", "Install"))),
                    ("nodeLabels", Value.Map((GpuScheduling.DedicatedNodeLabel, "true"))),
                    ("nodeTaints", Value.List($"{GpuScheduling.DedicatedNodeTaintKey}=true:NoSchedule")),
                    ("vnetSubnetID", subnet)),
                new ResourceOptions { IgnoreChanges = ["count"] })
            : null;

        // The deployer's way in: Azure RBAC's cluster-admin role on exactly this cluster (there are no local accounts).
        var admin = scope.Add(
            "deployer-admin",
            AzureTypes.RoleAssignment,
            Value.Map(
                ("roleAssignmentName", AzureNames.Guid(context.Project, context.Stack, "aks", spec.Name, AzureRoles.AksRbacClusterAdmin, "deployer")),
                ("principalId", spec.Deployer.PrincipalId is { } principal ? Value.FromString(principal) : client.Output("objectId")),
                ("roleDefinitionId", Value.Format($"/subscriptions/{client.Output("subscriptionId")}/providers/Microsoft.Authorization/roleDefinitions/{AzureRoles.AksRbacClusterAdmin}")),
                ("scope", cluster.Output("id")),
                ("description", $"{AzureRoles.Name(AzureRoles.AksRbacClusterAdmin)} on AKS cluster {spec.Name}, for the identity that runs pulumi up")),
            new ResourceOptions { DeleteBeforeReplace = true });

        var fqdn = cluster.Output(spec.PrivateCluster ? "privateFQDN" : "fqdn");
        var provider = graph.Add(new Resource(
            scope.LogicalName("k8s"),
            KubernetesTypes.Provider,
            AksAccess.Kubeconfig(scope, resourceGroup, clusterName, fqdn, spec.Deployer),
            new ResourceOptions { DependsOn = [admin] }) { Scope = scope.Prefix });
        var devicePlugin = gpuPool is null ? null : NvidiaDevicePlugin.Add(scope, provider, gpuPool, GpuScheduling.DedicatedNodeLabel, GpuScheduling.DedicatedNodeTaintKey, spec.DevicePluginImage ?? NvidiaDevicePlugin.Image);

        foreach (var pool in new[] { spec.SystemNodes, spec.GpuNodes }.OfType<AksNodePool>().Where(p => p.Capacity is not null))
        {
            scope.Note("node capacity", Fidelity.Approximated, string.Create(CultureInfo.InvariantCulture, $"{pool.VmSize}: {pool.Capacity!.Vcpu} vCPU / {pool.Capacity.MemoryGiB} GiB{(pool.Capacity.Gpus > 0 ? $" / {pool.Capacity.Gpus}x {pool.Capacity.GpuKind}" : string.Empty)} as declared in the stack program (not in the SDK's VM size catalogue)"));
        }

        scope.Note("cluster", Fidelity.Native, $"AKS {spec.Version} '{physicalName}': Entra ID with Azure RBAC and no local accounts, OIDC issuer and workload identity, Cilium network policy, API server {(spec.PrivateCluster ? "private only" : $"public for {string.Join(", ", spec.AuthorizedIpRanges)} only")}, system pool {system.VmSize} x{system.Min}-{system.Max} ({system.OsDiskSizeGiB} GiB){(spec.GpuNodes is { } gn ? $", GPU pool {gn.VmSize} x{gn.Min}-{gn.Max} ({gn.OsDiskSizeGiB} GiB, tainted) with the NVIDIA device plugin" : string.Empty)}, both autoscaled by AKS");
        scope.Note("cluster.access", Fidelity.Native, $"{(spec.Deployer.PrincipalId is { } p ? p : "the identity that runs pulumi up")} gets Azure Kubernetes Service RBAC Cluster Admin on the cluster; the provider signs in with kubelogin ({spec.Deployer.Login}); Azure RBAC grants can take minutes to reach the API server, so a first pulumi up may need a retry");
        scope.Output("name", clusterName);
        scope.Output("resource-group", resourceGroup);
        scope.Output("id", cluster.Output("id"));
        scope.Output("fqdn", fqdn);
        scope.Output("oidc-issuer-url", cluster.Output("oidcIssuerProfile.issuerURL"));
        scope.Output("kubelet-object-id", cluster.Output("identityProfile.kubeletidentity.objectId"));
        return new AksClusterHandle(provider, cluster.Output("oidcIssuerProfile.issuerURL"), cluster.Output("identityProfile.kubeletidentity.objectId"), gpuPool, devicePlugin, Created: true);
    }
}
