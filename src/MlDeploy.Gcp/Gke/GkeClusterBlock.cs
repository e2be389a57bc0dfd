using System.Globalization;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Gke;

/// <summary>What a workload needs from its cluster: the provider bound to it, its workload identity pool, the nodes' service account (image pulls), the GPU pool.</summary>
internal sealed record GkeClusterHandle(Resource Provider, string WorkloadPool, Value? NodeMember, Resource? GpuPool, bool Created);

/// <summary>Creates a GKE cluster once per program (shared by every deployment naming it) or looks an existing one up, and binds an explicit Kubernetes provider to it.</summary>
internal static class GkeClusterBlock
{
    /// <summary>The scopes of the nodes' access token: all of Google Cloud, limited by the node service account's IAM roles (GKE docs, "Use least privilege IAM service accounts").</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>The role GKE documents for a custom node service account: logs, metrics and metadata writes only (GKE docs, "Use least privilege IAM service accounts").</summary>
    public const string NodeRole = "roles/container.defaultNodeServiceAccount";

    /// <summary>The value of the GKE GPU taint (<c>nvidia.com/gpu=present:NoSchedule</c>, the taint GKE itself puts on GPU nodes).</summary>
    public const string GpuTaintValue = "present";

    /// <summary>The cluster's handle, created or looked up on first use.</summary>
    public static GkeClusterHandle For(PlanContext context, GkeCluster cluster) => cluster switch
    {
        NewGkeCluster created => context.Shared($"gke-cluster/{created.Name}", Spec(created), () => Create(context, created)),
        ExistingGkeCluster existing => context.Shared($"gke-cluster/{existing.Name}", Spec(existing), () => Lookup(context, existing)),
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>What makes two declarations of a cluster the same cluster: deployments naming it must agree on all of it.</summary>
    public static string Spec(GkeCluster cluster) => cluster switch
    {
        NewGkeCluster created => created.Canonical,
        ExistingGkeCluster e => $"existing|{e.Name}|{e.Project}|{e.Location}|{e.WorkloadIdentityEnabled}|{e.Private}|{e.NodeServiceAccount}",
        _ => throw new InvalidOperationException($"unknown cluster kind {cluster.GetType().Name}"),
    };

    /// <summary>The logical-name prefix of a cluster's shared resources: what the cluster is, never who declared it.</summary>
    public static string Prefix(GkeCluster cluster) => $"gke-{cluster.Name}";

    /// <summary>The cluster's workload identity pool (GKE docs, "Authenticate to Google Cloud APIs from GKE workloads").</summary>
    public static string WorkloadPool(GkeCluster cluster) => $"{cluster.Project}.svc.id.goog";

    private static GkeClusterHandle Lookup(PlanContext context, ExistingGkeCluster existing)
    {
        var scope = new ComponentScope(context, Prefix(existing));
        var info = scope.Invoke("cluster", GcpTypes.GetCluster, Value.Map(("name", existing.Name), ("location", existing.Location), ("project", existing.Project)));
        var endpoint = info.Output(existing.Private ? "privateClusterConfigs[0].privateEndpoint" : "endpoint");
        var provider = context.Graph.Add(new Resource(scope.LogicalName("k8s"), KubernetesTypes.Provider, GkeAccess.Kubeconfig(scope, endpoint, info.Output("masterAuths[0].clusterCaCertificate"))) { Scope = scope.Prefix });
        Value? nodes = existing.NodeServiceAccount is { } email ? Value.FromString($"serviceAccount:{email}") : null;
        return new GkeClusterHandle(provider, WorkloadPool(existing), nodes, null, Created: false);
    }

    private static GkeClusterHandle Create(PlanContext context, NewGkeCluster spec)
    {
        var scope = new ComponentScope(context, Prefix(spec), GcpLabelPolicy.Instance, "cluster", spec.Name);
        var owner = $"GKE cluster '{spec.Name}'";
        var apis = ProjectServicesBlock.Enable(context, spec.Project, ProjectServicesBlock.Container, ProjectServicesBlock.Iam);

        // The nodes run as a service account of their own, never the Compute Engine default (CIS-GKE 5.2.1, SECURITY.md 2.24.9).
        var nodeAccount = scope.Add(
            "node-identity",
            GcpTypes.ServiceAccount,
            Value.Map(
                ("project", spec.Project),
                ("accountId", GcpNames.Claimed(context, owner, 30, "gke", spec.Name, "nodes")),
                ("displayName", $"GKE {spec.Name} nodes"),
                ("description", $"node identity of GKE cluster {spec.Name} ({context.Project}/{context.Stack}): logs, metrics, image pulls granted per repository")),
            new ResourceOptions { DependsOn = [.. apis] });
        var nodeMember = nodeAccount.Output("member");
        var nodeRole = scope.Add("node-role", GcpTypes.ProjectIamMember, Value.Map(("project", spec.Project), ("role", NodeRole), ("member", nodeMember)));

        var physicalName = GcpNames.Claimed(context, owner, 40, "gke", spec.Name);
        var cluster = scope.Add(
            "cluster",
            GcpTypes.Cluster,
            Value.Map(
                ("project", spec.Project),
                ("location", spec.Location),
                ("name", physicalName),
                ("description", $"{spec.Name} ({context.Project}/{context.Stack})"),

                // The provider defaults deletionProtection to true, and then `pulumi destroy` and every replacement fail
                // ("Cannot destroy cluster because deletion_protection is set to true": pulumi/pulumi-gcp#1394, TARGETS.md 9).
                // Pulumi owns the lifecycle; protection against accidents is Pulumi's `protect`, set through Customize.
                ("deletionProtection", false),

                // Node pools are separate resources: the default pool is created (one node) and removed at once.
                ("removeDefaultNodePool", true),
                ("initialNodeCount", 1),
                ("network", spec.Network is { } network ? (Value)network : null),
                ("subnetwork", spec.Subnetwork is { } subnetwork ? (Value)subnetwork : null),
                ("networkingMode", "VPC_NATIVE"),
                ("ipAllocationPolicy", Value.Map(("stackType", "IPV4"))),

                // Dataplane V2 (Cilium) enforces NetworkPolicy itself; the Calico networkPolicy add-on must stay off with it.
                ("datapathProvider", "ADVANCED_DATAPATH"),
                ("workloadIdentityConfig", Value.Map(("workloadPool", WorkloadPool(spec)))),
                ("releaseChannel", Value.Map(("channel", spec.ReleaseChannel.ToString().ToUpperInvariant()))),
                ("enableShieldedNodes", true),
                ("masterAuthorizedNetworksConfig", Value.Map(
                    ("cidrBlocks", spec.PrivateCluster ? null : Value.List(spec.MasterAuthorizedNetworks.Select(c => (Value?)Value.Map(("cidrBlock", c), ("displayName", "deployer"))))),
                    ("gcpPublicCidrsAccessEnabled", false))),
                ("privateClusterConfig", spec.PrivateCluster
                    ? Value.Map(("enablePrivateNodes", true), ("enablePrivateEndpoint", true), ("masterIpv4CidrBlock", spec.MasterIpv4CidrBlock))
                    : null),
                ("loggingConfig", Value.Map(("enableComponents", Value.List("SYSTEM_COMPONENTS", "WORKLOADS")))),
                ("monitoringConfig", Value.Map(("enableComponents", Value.List("SYSTEM_COMPONENTS")))),
                ("resourceLabels", scope.Tags)),
            new ResourceOptions { DependsOn = [.. apis] });

        var system = Pool(scope, spec, cluster, "system", spec.SystemNodes, nodeAccount, nodeRole, gpu: false);
        var gpuPool = spec.GpuNodes is { } g ? Pool(scope, spec, cluster, "gpu", g, nodeAccount, nodeRole, gpu: true) : null;

        var endpoint = cluster.Output(spec.PrivateCluster ? "privateClusterConfig.privateEndpoint" : "endpoint");
        var provider = context.Graph.Add(new Resource(
            scope.LogicalName("k8s"),
            KubernetesTypes.Provider,
            GkeAccess.Kubeconfig(scope, endpoint, cluster.Output("masterAuth.clusterCaCertificate")),
            new ResourceOptions { DependsOn = [system] }) { Scope = scope.Prefix });

        Notes(scope, spec, physicalName);
        scope.Output("name", cluster.Output("name"));
        scope.Output("location", spec.Location);
        scope.Output("endpoint", endpoint);
        scope.Output("workload-pool", WorkloadPool(spec));
        scope.Output("node-service-account", nodeAccount.Output("email"));
        return new GkeClusterHandle(provider, WorkloadPool(spec), nodeMember, gpuPool, Created: true);
    }

    /// <summary>
    /// A node pool autoscaled between its total minimum and maximum across zones (the autoscaler owns the count after
    /// creation), running the GKE metadata server (Workload Identity), shielded, as the cluster's node service account.
    /// A GPU pool attaches its accelerators with the driver GKE installs, and is labelled and tainted like the GPU
    /// nodes of the other created clusters (<see cref="GpuScheduling.DedicatedNodes"/>).
    /// </summary>
    private static Resource Pool(ComponentScope scope, NewGkeCluster spec, Resource cluster, string name, GkeNodePool pool, Resource account, Resource role, bool gpu) => scope.Add(
        $"{name}-nodes",
        GcpTypes.NodePool,
        Value.Map(
            ("project", spec.Project),
            ("location", spec.Location),
            ("cluster", cluster.Output("name")),
            ("name", name),
            ("initialNodeCount", pool.Min > 0 ? 1 : 0),
            ("nodeLocations", pool.Zones.IsEmpty ? null : Value.List(pool.Zones.Select(z => (Value?)z))),
            ("autoscaling", Value.Map(("totalMinNodeCount", pool.Min), ("totalMaxNodeCount", pool.Max), ("locationPolicy", gpu ? "ANY" : "BALANCED"))),
            ("management", Value.Map(("autoRepair", true), ("autoUpgrade", true))),
            ("nodeConfig", Value.Map(
                ("machineType", pool.MachineType),
                ("diskSizeGb", pool.DiskSizeGiB),
                ("diskType", "pd-balanced"),
                ("serviceAccount", account.Output("email")),
                ("oauthScopes", Value.List(CloudPlatformScope)),
                ("workloadMetadataConfig", Value.Map(("mode", "GKE_METADATA"))),
                ("shieldedInstanceConfig", Value.Map(("enableSecureBoot", true), ("enableIntegrityMonitoring", true))),
                ("guestAccelerators", gpu && pool.Accelerator is { } a
                    ? Value.List(Value.Map(("type", a.Type), ("count", a.Count), ("gpuDriverInstallationConfig", Value.Map(("gpuDriverVersion", a.DriverVersion)))))
                    : null),
                ("labels", gpu ? Value.Map((GpuScheduling.DedicatedNodeLabel, "true")) : null),
                ("taints", gpu ? Value.List(Value.Map(("key", GpuScheduling.DedicatedNodeTaintKey), ("value", GpuTaintValue), ("effect", "NO_SCHEDULE"))) : null),
                ("resourceLabels", scope.Tags)))),
        new ResourceOptions { DependsOn = [role] });

    private static void Notes(ComponentScope scope, NewGkeCluster spec, string physicalName)
    {
        foreach (var pool in new[] { spec.SystemNodes, spec.GpuNodes }.OfType<GkeNodePool>().Where(p => p.Capacity is not null))
        {
            scope.Note("node capacity", Fidelity.Approximated, string.Create(CultureInfo.InvariantCulture, $"{pool.MachineType}: {pool.Capacity!.Vcpu} vCPU / {pool.Capacity.MemoryGiB} GiB{(pool.Capacity.Gpus > 0 ? $" / {pool.Capacity.Gpus}x {pool.Capacity.GpuKind}" : string.Empty)} as declared in the stack program (not in the SDK's machine type catalogue)"));
        }

        var access = spec.PrivateCluster ? $"private endpoint only (control plane {spec.MasterIpv4CidrBlock}; run pulumi up in the cluster's VPC)" : $"public endpoint for {string.Join(", ", spec.MasterAuthorizedNetworks)} only";
        var system = spec.SystemNodes;
        scope.Note("cluster", Fidelity.Native, $"GKE '{physicalName}' in {spec.Location} on the {spec.ReleaseChannel.ToString().ToLowerInvariant()} channel: Workload Identity ({WorkloadPool(spec)}), Dataplane V2 network policy, shielded nodes as the cluster's own node service account, control plane {access}, system pool {system.MachineType} x{system.Min}-{system.Max} ({system.DiskSizeGiB} GiB){(spec.GpuNodes is { } gn ? $", GPU pool {gn.MachineType} with {gn.Accelerator?.Count}x {gn.Accelerator?.Type} x{gn.Min}-{gn.Max} ({gn.DiskSizeGiB} GiB, tainted, driver {gn.Accelerator?.DriverVersion} installed by GKE, which also runs the NVIDIA device plugin)" : string.Empty)}, autoscaled by GKE; deletion protection off so pulumi destroy works");
    }
}
