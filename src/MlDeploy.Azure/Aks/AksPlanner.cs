using System.Collections.Immutable;
using MlDeploy.Azure.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Azure.Aks;

/// <summary>
/// Plans a deployment onto AKS: the Azure side (cluster, ACR image pulled by the kubelet identity, the model in Blob
/// Storage, a user-assigned identity federated with exactly the workload's service account and reading only the model
/// container) around the shared Kubernetes workload emitter.
/// </summary>
public sealed class AksPlanner : TargetPlanner<AksTarget>
{
    /// <summary>The audience of the service account tokens Entra ID accepts for federated credentials (AKS workload identity docs).</summary>
    public const string TokenAudience = "api://AzureADTokenExchange";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities =>
        [AksValidator.Capabilities(DocumentedTarget()), AksValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode() } }), AksValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode { Serverless = true } } })];

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(AksTarget target) => AksValidator.Capabilities(target);

    /// <inheritdoc/>
    protected override AksTarget Portable(ModelDeployment deployment) => new(AksCluster.Existing(AzurePortability.ClusterName, AzurePortability.ClusterResourceGroup) with { WorkloadIdentityEnabled = true }) { Location = AzurePortability.Location };

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, AksTarget target, DeploymentPath path, Platform platform) =>
        AksValidator.Validate(deployment, target, path, platform);

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, AksTarget target, PlanContext context)
    {
        var d = deployment;
        var options = target.Workload;
        var scope = new AzureScope(d, context, target.Location, target.ResourceGroupName);
        var cluster = AksClusterBlock.For(context, target.Cluster);
        var prefix = AksClusterBlock.Prefix(target.Cluster);

        var image = RegistryBlock.For(scope, d.Image, premium: false, untaggedRetentionDays: 0, target.RegistryId, target.DisplayName);
        var model = ModelStoreBlock.For(scope, d.Artifact, target.ArtifactStorageAccountId, target.DisplayName);

        // The kubelet pulls images (AcrPull is the kubelet identity's, on the one registry); the workload identity's only
        // right is reading the one model container.
        var pull = d.Image is BuildImage or MirroredImage
            ? IdentityBlock.GrantTo(scope, "kubelet-acr-pull", image.RegistryId, "registry", AzureRoles.AcrPull, cluster.KubeletObjectId, "kubelet")
            : SharedRegistryPull(context, scope, prefix, target.Cluster.Name, target.RegistryId!, cluster.KubeletObjectId);
        var identity = IdentityBlock.Create(scope);
        var reader = ModelStoreBlock.GrantReader(scope, model, identity);

        // Entra ID accepts the cluster's service account tokens for exactly this namespace and service account (the
        // emitter names the service account after the deployment); pods started before it exists get no token.
        var serviceAccount = d.Name;
        var federation = scope.Add("federated-credential", AzureTypes.FederatedIdentityCredential, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("resourceName", identity.Output("name")),
            ("federatedIdentityCredentialResourceName", "kubernetes"),
            ("issuer", cluster.IssuerUrl),
            ("subject", $"system:serviceaccount:{options.Namespace}:{serviceAccount}"),
            ("audiences", Value.List(TokenAudience))));

        var ns = NamespaceClaims.Claim(context, prefix, options, cluster.Provider);
        var loaderEnv = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, ModelLoaderScript.Inputs(model));
        var loader = new ModelLoader(options.ModelLoaderImage ?? AksTarget.DefaultModelLoaderImage, ["/bin/sh", "-c"], [ModelLoaderScript.Build(ModelLoaderScript.WorkloadIdentityLogin, dvc: model.Dvc is not null)]) { Env = loaderEnv };
        var gpuWaits = d.Compute.Gpu is null ? [] : new[] { cluster.GpuPool, cluster.DevicePlugin }.OfType<Resource>().ToArray();
        var workload = KubernetesWorkload.FromOptions(d, cluster.Provider, image.Reference, loader, options, scope, ns, cluster.Created, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)) with
        {
            Identity = WorkloadIdentity.AksWorkloadIdentity(identity.Output("clientId")),
            DependsOn = [pull, reader, federation, .. model.Uploads, .. ns is null ? Array.Empty<Resource>() : [ns], .. gpuWaits, .. image.Copy is { } copy ? [copy] : Array.Empty<Resource>()],
        };
        var resources = KubernetesWorkloadEmitter.Emit(workload, scope);
        if (resources.ServiceAccountName != serviceAccount || resources.Namespace != options.Namespace)
        {
            throw new InvalidOperationException($"the workload's service account is {resources.Namespace}/{resources.ServiceAccountName}, but the federated credential names {options.Namespace}/{serviceAccount}.");
        }

        Notes(scope, d, target, cluster, serviceAccount);
        scope.Output("cluster-url", resources.ClusterUrl);
        scope.Output("image", image.Reference);
        scope.Output("identity-client-id", identity.Output("clientId"));
    }

    /// <summary>AcrPull for the kubelet on a registry other deployments on the cluster may use too: one assignment per cluster and registry (Azure refuses a duplicate).</summary>
    private static Resource SharedRegistryPull(PlanContext context, AzureScope scope, string prefix, string clusterName, string registryId, Value kubeletObjectId) =>
        context.Shared($"aks-acr-pull/{prefix}/{registryId}", registryId, () =>
        {
            var component = new ComponentScope(context, prefix);
            var name = AzureNames.Guid(context.Project, context.Stack, "aks", clusterName, registryId, AzureRoles.AcrPull, "kubelet");
            return component.Add(
                $"acr-pull-{name[..8]}",
                AzureTypes.RoleAssignment,
                Value.Map(
                    ("roleAssignmentName", name),
                    ("principalId", kubeletObjectId),
                    ("principalType", "ServicePrincipal"),
                    ("roleDefinitionId", scope.RoleDefinition(AzureRoles.AcrPull)),
                    ("scope", registryId),
                    ("description", $"AcrPull on {registryId[(registryId.LastIndexOf('/') + 1)..]} for the kubelet of AKS cluster {clusterName}")),
                new ResourceOptions { DeleteBeforeReplace = true });
        });

    private static void Notes(AzureScope scope, ModelDeployment d, AksTarget t, AksClusterHandle cluster, string serviceAccount)
    {
        var ns = t.Workload.Namespace;
        scope.Note("identity", Fidelity.Native, $"AKS workload identity: user-assigned identity federated with {ns}/{serviceAccount} only, Storage Blob Data Reader on the model container only; images are pulled by the cluster's kubelet identity (AcrPull on the registry only)");
        scope.Note("model delivery", Fidelity.Native, $"init container {t.Workload.ModelLoaderImage ?? AksTarget.DefaultModelLoaderImage} signs in with the federated service account token (az login --federated-token) and downloads the model into the model volume; tarballs are unpacked by Python's tarfile");
        if (!cluster.Created)
        {
            scope.Note("cluster", Fidelity.Approximated, "existing cluster: declared to run the OIDC issuer and workload identity (WorkloadIdentityEnabled); the provider signs in with kubelogin, so the cluster must use Entra ID");
            if (d.Compute.Gpu is not null)
            {
                scope.Note("gpu", Fidelity.Approximated, "existing cluster: GPU nodes must run the NVIDIA device plugin and carry the nvidia.com/gpu:NoSchedule taint (or set KubernetesWorkloadOptions.GpuScheduling); the SDK installs neither there");
            }
        }
        else
        {
            scope.Note("monitoring.operator", Fidelity.Approximated, "a cluster the SDK creates has no Prometheus Operator, so no ServiceMonitor or PrometheusRule is emitted; install kube-prometheus-stack (or enable Azure Monitor managed Prometheus) and add the rules yourself, or deploy onto an existing cluster that runs it");
        }

        scope.Note("alerts", Fidelity.Approximated, "no Azure Monitor metric alerts: AKS platform metrics are per node and per cluster, not per workload, so latency, errors and saturation come from the cluster's Prometheus (KubernetesWorkloadOptions.Prometheus), as on EKS");
    }

    private static AksTarget DocumentedTarget() => new(AksCluster.Existing("ml", "ml")) { Location = "westeurope" };
}
