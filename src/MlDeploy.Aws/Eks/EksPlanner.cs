using System.Collections.Immutable;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// Plans a deployment onto EKS: the AWS side (cluster, ECR image, S3 artifact, Pod Identity role reading only that
/// artifact) around the shared Kubernetes workload emitter.
/// </summary>
public sealed class EksPlanner : TargetPlanner<EksTarget>
{
    /// <inheritdoc/>
    public override IReadOnlyList<TargetCapabilities> DocumentedCapabilities =>
        [EksValidator.Capabilities(DocumentedTarget()), EksValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode() } }), EksValidator.Capabilities(DocumentedTarget() with { Workload = new KubernetesWorkloadOptions { KServe = new KServeMode { Serverless = true } } })];

    /// <inheritdoc/>
    public override TargetCapabilities Capabilities(EksTarget target) => EksValidator.Capabilities(target);

    /// <inheritdoc/>
    protected override EksTarget Portable(ModelDeployment deployment) => new(EksCluster.Existing(AwsPortability.ClusterName) with { PodIdentityAgentPresent = true });

    /// <inheritdoc/>
    protected override IEnumerable<Diagnostic> Validate(ModelDeployment deployment, EksTarget target, DeploymentPath path, Platform platform) =>
        EksValidator.Validate(deployment, target, path, platform).Concat(KubernetesWorkloadEmitter.Validate(deployment, path, target.Workload))
            .Concat(AwsCliImage.RequirePinnedInProduction(target.Workload.ModelLoaderImage, "target.workload.modelLoaderImage", "KubernetesWorkloadOptions.ModelLoaderImage", platform, path));

    /// <inheritdoc/>
    protected override void Plan(ModelDeployment deployment, EksTarget target, PlanContext context)
    {
        var d = deployment;
        var options = target.Workload;
        var scope = new AwsScope(d, context);
        var cluster = EksClusterBlock.For(context, target.Cluster);

        var key = SharedKeyBlock.For(scope, forAlertTopic: false);
        var (image, _, data, awaited) = ServingInputs.Create(scope, key, target.KeepImages, needsBucket: false);

        // EKS Pod Identity: the role is assumable only by the Pod Identity agent of this account, for this cluster;
        // the association below binds it to exactly one namespace/service account.
        var statements = new List<PolicyStatement>(data.ReadAccess);
        if (key.IsValueCreated && data.EncryptedWithDeploymentKey)
        {
            statements.Add(new PolicyStatement("UseDeploymentKey", ["kms:Decrypt"], [key.Value.Output("arn")]));
        }

        var role = scope.Add("role", AwsTypes.Role, Value.Map(
            ("description", $"Pod Identity role of {d.Name}: reads its model artifact"),
            ("assumeRolePolicy", PodIdentityTrust.Policy(scope.Account, cluster.Name)),
            ("maxSessionDuration", 3600),
            ("tags", scope.Tags)));
        var rolePolicy = scope.Add("role-policy", AwsTypes.RolePolicy, Value.Map(("role", role.Output("id")), ("policy", PolicyDocument.Json(statements))));

        // The Pod Identity webhook injects credentials only into pods created after the association exists, so the
        // association (service account = deployment name, the emitter's convention) comes before the workload.
        var serviceAccount = d.Name;
        var association = scope.Add("pod-identity", AwsTypes.EksPodIdentityAssociation, Value.Map(
            ("clusterName", cluster.Name),
            ("namespace", options.Namespace),
            ("serviceAccount", serviceAccount),
            ("roleArn", role.Output("arn")),
            ("tags", scope.Tags)),
            new ResourceOptions { DependsOn = cluster.PodIdentityAgent is { } agent ? [agent] : [] });

        // Deployments sharing a namespace: the first creates it, the others wait for it.
        var ns = NamespaceClaims.Claim(context, EksClusterBlock.Prefix(target.Cluster), options, cluster.Provider);
        var internetFacing = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")]);
        var workload = KubernetesWorkload.FromOptions(d, cluster.Provider, image.Reference, Loader(target, data, scope.Account), options, scope, ns, target.Cluster is NewEksCluster, internetFacing) with
        {
            DependsOn = [rolePolicy, association, .. awaited, .. ns is null ? Array.Empty<Resource>() : [ns], .. cluster.GpuNodeGroup is { } g && d.Compute.Gpu is not null ? [g] : Array.Empty<Resource>(), .. cluster.DevicePlugin is { } p && d.Compute.Gpu is not null ? [p] : Array.Empty<Resource>()],
        };
        var resources = KubernetesWorkloadEmitter.Emit(workload, scope);
        if (resources.ServiceAccountName != serviceAccount || resources.Namespace != options.Namespace)
        {
            throw new InvalidOperationException($"the workload's service account is {resources.Namespace}/{resources.ServiceAccountName}, but the Pod Identity association names {options.Namespace}/{serviceAccount}.");
        }


        if (!cluster.Created && cluster.PodIdentityAgent is null)
        {
            scope.Note("identity agent", Fidelity.Approximated, "existing cluster: declared to run the eks-pod-identity-agent already (PodIdentityAgentPresent)");
        }

        if (cluster.Created)
        {
            scope.Note("monitoring.operator", Fidelity.Approximated, "a cluster the SDK creates has no Prometheus Operator, so no ServiceMonitor or PrometheusRule is emitted; install kube-prometheus-stack and add the rules yourself, or deploy onto an existing cluster that runs it");
        }

        if (d.Compute.Gpu is not null && !cluster.Created)
        {
            scope.Note("gpu", Fidelity.Approximated, "existing cluster: GPU nodes must run the NVIDIA device plugin and carry the nvidia.com/gpu:NoSchedule taint; the SDK installs neither there");
        }

        scope.Note("identity", Fidelity.Native, $"EKS Pod Identity: role bound to {options.Namespace}/{serviceAccount}; reads only {(data.Kind == ModelDataKind.Prefix ? "the artifact prefix" : "the artifact object")}");
        scope.Note("logs", Fidelity.Approximated, "container logs stay on the nodes unless the cluster ships them (e.g. the amazon-cloudwatch-observability add-on); Monitoring.LogRetentionDays is not applied");
        scope.Output("cluster-url", resources.ClusterUrl);
        scope.Output("registry-url", image.RegistryUrl);
        scope.Output("image", image.Reference);
        scope.Output("image-digest", image.Digest);
        scope.Output("model-data", data.S3Uri);
    }

    /// <summary>The init container: the AWS CLI copies the artifact into the model volume (a tarball is unpacked on the way, by Python: the image has no tar) and checks its digest.</summary>
    private static ModelLoader Loader(EksTarget target, ModelData data, AwsAccount account)
    {
        var image = target.Workload.ModelLoaderImage ?? AwsCliImage.Default;
        var loader = new ModelLoader(image, ["/bin/sh", "-c"], AwsModelLoader.Arguments(data, "$(MODEL_DIR)"));
        return loader with
        {
            Env = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("AWS_REGION", account.RegionName)]),
        };
    }

    private static EksTarget DocumentedTarget() => new(new ExistingEksCluster("ml"));
}
