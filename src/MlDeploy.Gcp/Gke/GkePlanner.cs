using System.Collections.Immutable;
using MlDeploy.Gcp.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.Gke;

/// <summary>
/// Plans a deployment onto GKE: the Google Cloud side (cluster, Artifact Registry image pulled by the nodes' service
/// account, the model in Cloud Storage, a Google service account bound by Workload Identity to exactly the workload's
/// Kubernetes service account and reading only the model folder) around the shared Kubernetes workload emitter.
/// </summary>
public sealed class GkePlanner : TargetPlanner<GkeTarget>
{
    /// <summary>The role that lets a Kubernetes service account act as the Google service account (GKE docs, "Authenticate to Google Cloud APIs from GKE workloads").</summary>
    public const string WorkloadIdentityUser = "roles/iam.workloadIdentityUser";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities =>
        [GkeValidator.Capabilities(DocumentedTarget()), GkeValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode() } }), GkeValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode { Serverless = true } } })];

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(GkeTarget target) => GkeValidator.Capabilities(target);

    /// <inheritdoc/>
    protected override GkeTarget Portable(ModelDeployment deployment) => new(GkeCluster.Existing(GcpPortability.ClusterName, GcpPortability.Project, GcpPortability.Region) with { WorkloadIdentityEnabled = true }) { Project = GcpPortability.Project, Region = GcpPortability.Region };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, GkeTarget target, DeploymentPath path, Platform platform) =>
        GkeValidator.Validate(deployment, target, path, platform);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, GkeTarget target, PlanContext context)
    {
        var d = deployment;
        var t = target;
        var options = t.Workload;
        var scope = new GcpScope(d, context, t.Project, t.Region);
        var apis = ProjectServicesBlock.Enable(scope, ProjectServicesBlock.ArtifactRegistry, ProjectServicesBlock.ContainerScanning, ProjectServicesBlock.Storage, ProjectServicesBlock.Iam);
        var cluster = GkeClusterBlock.For(context, t.Cluster);
        var prefix = GkeClusterBlock.Prefix(t.Cluster);
        var identity = ServiceAccountBlock.Create(scope, apis);
        var image = ArtifactRegistryBlock.For(scope, d.Image, t.KmsKeyName, apis, t.DisplayName);
        var model = ModelBucketBlock.For(scope, d.Artifact, t.KmsKeyName, apis, t.DisplayName);

        // GKE pulls images with the node's credentials, not the pod's (GKE docs, "Pull images from Artifact Registry"):
        // the nodes' service account reads the repository; the workload's account only the model folder.
        var pull = cluster.NodeMember is not { } nodes ? null
            : d.Image is ExistingImage existing ? SharedRepositoryReader(context, prefix, existing.Reference, image, nodes)
            : ArtifactRegistryBlock.GrantReader(scope, image, nodes);
        var reader = ModelBucketBlock.GrantReader(scope, model, identity.Output("member"));

        // Workload Identity for exactly this namespace and Kubernetes service account (the emitter names it after the deployment).
        var serviceAccount = d.Name;
        var binding = scope.Add("workload-identity", GcpTypes.ServiceAccountIamMember, Value.Map(
            ("serviceAccountId", identity.Output("name")),
            ("role", WorkloadIdentityUser),
            ("member", $"serviceAccount:{cluster.WorkloadPool}[{options.Namespace}/{serviceAccount}]")));

        var ns = NamespaceClaims.Claim(context, prefix, options, cluster.Provider);
        var loader = GkeModelLoader.For(d, model, options.ModelLoaderImage ?? GkeTarget.DefaultModelLoaderImage, context.RootDirectory);
        var workload = KubernetesWorkload.FromOptions(d, cluster.Provider, image.Reference, loader, options, scope, ns, cluster.Created, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)) with
        {
            Identity = WorkloadIdentity.GkeWorkloadIdentity(identity.Output("email")),
            DependsOn = [.. new[] { pull, reader, binding, ns, d.Compute.Gpu is null ? null : cluster.GpuPool, image.Copy }.OfType<Resource>(), .. model.Uploads],
        };
        var resources = KubernetesWorkloadEmitter.Emit(workload, scope);
        if (resources.ServiceAccountName != serviceAccount || resources.Namespace != options.Namespace)
        {
            throw new InvalidOperationException($"the workload's service account is {resources.Namespace}/{resources.ServiceAccountName}, but the Workload Identity binding names {options.Namespace}/{serviceAccount}.");
        }

        Notes(scope, d, t, cluster, serviceAccount, model);
        scope.Output("cluster-url", resources.ClusterUrl);
        scope.Output("image", image.Reference);
        scope.Output("service-account", identity.Output("email"));
    }

    /// <summary>The nodes' reader grant on a repository other deployments on the cluster may pull from too: one per cluster and repository (deleting a duplicate member would revoke it for all).</summary>
    private static Resource SharedRepositoryReader(PlanContext context, string prefix, string reference, GcpImage image, Value nodes)
    {
        var repository = reference.Split('/')[2];
        return context.Shared($"gke-repository-reader/{prefix}/{image.Project}/{image.Location}/{repository}", repository, () =>
            new ComponentScope(context, prefix).Add(
                Naming.PhysicalName.Create(48, ["images-reader", image.Project, image.Location, repository]),
                GcpTypes.RepositoryIamMember,
                Value.Map(("project", image.Project), ("location", image.Location), ("repository", repository), ("role", "roles/artifactregistry.reader"), ("member", nodes))));
    }

    private static void Notes(GcpScope scope, ModelDeployment d, GkeTarget t, GkeClusterHandle cluster, string serviceAccount, ModelObjects model)
    {
        var ns = t.Workload.Namespace;
        var reads = model switch
        {
            { ObjectName: not null } => "reads only the DVC object",
            { ListFolder: false } => "reads only the DVC remote's store, listing nothing",
            _ => "reads only the model folder",
        };
        scope.Note("identity", Fidelity.Native, $"Workload Identity: the deployment's service account, usable only by {ns}/{serviceAccount} ({cluster.WorkloadPool}), {reads} (roles/storage.objectViewer, conditioned); images are pulled by the nodes' service account (roles/artifactregistry.reader on the repository only)");
        var loader = t.Workload.ModelLoaderImage ?? GkeTarget.DefaultModelLoaderImage;
        scope.Note("model delivery", Fidelity.Native, d.Artifact is DvcArtifact
            ? $"init container {loader} streams the DVC output's objects with gcloud storage cat, authenticated by the GKE metadata server (no key), into the SDK's DVC program, which checks each object's md5 (a directory through its .dir manifest) before the server starts; it runs on python3, python or gcloud's bundled Python, whichever the image has (the amd64 image has only the last)"
            : $"init container {loader} copies the model with gcloud storage, authenticated by the GKE metadata server (no key); tarballs are streamed into Python's tarfile");
        if (!cluster.Created)
        {
            scope.Note("cluster", Fidelity.Approximated, "existing cluster: declared to run Workload Identity with the GKE metadata server on its nodes (WorkloadIdentityEnabled); the provider signs in with gke-gcloud-auth-plugin as the gcloud account");
            if (cluster.NodeMember is null)
            {
                scope.Note("image pull", Fidelity.Approximated, "existing cluster without ExistingGkeCluster.NodeServiceAccount: the SDK grants no image pull, so the nodes' service account must already read the repository");
            }

            if (d.Compute.Gpu is not null)
            {
                scope.Note("gpu", Fidelity.Approximated, "existing cluster: GPU pods tolerate nvidia.com/gpu:NoSchedule (GKE taints GPU nodes so); the pool's driver installation is the cluster owner's");
            }
        }
        else
        {
            scope.Note("monitoring.operator", Fidelity.Approximated, "a cluster the SDK creates has no Prometheus Operator, so no ServiceMonitor or PrometheusRule is emitted; install kube-prometheus-stack and add the rules yourself, or deploy onto an existing cluster that runs it");
        }

        scope.Note("alerts", Fidelity.Approximated, "no Cloud Monitoring alert policies per workload: latency, errors and saturation come from the cluster's Prometheus (KubernetesWorkloadOptions.Prometheus), as on EKS and AKS");
    }

    private static GkeTarget DocumentedTarget() => new(GkeCluster.Existing("ml", "acme-ml", "europe-west4")) { Project = "acme-ml", Region = "europe-west4" };
}
