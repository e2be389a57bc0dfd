using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Kubernetes;

/// <summary>
/// One model server as a Kubernetes workload: the cloud-neutral deployment plus the cloud-specific parts an EKS, AKS
/// or GKE planner supplies (provider, image reference, identity binding, GPU placement, model loader, exposure).
/// </summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Provider">The explicit <c>pulumi:providers:kubernetes</c> resource every object is created with.</param>
/// <param name="Image">The serving image reference, pinned by digest (<c>registry/repository@sha256:...</c>).</param>
/// <param name="ModelLoader">The init container that copies the model into <see cref="Serving.ModelDir"/>.</param>
public sealed record KubernetesWorkload(ModelDeployment Deployment, Resource Provider, Value Image, ModelLoader ModelLoader)
{
    /// <summary>Gets the namespace the workload runs in; never <c>default</c>.</summary>
    public string Namespace { get; init; } = "ml-serving";

    /// <summary>
    /// Gets the namespace resource when the SDK manages it (<see cref="NamespaceClaims"/>), so every object waits for
    /// it; null when the namespace exists already.
    /// </summary>
    public Resource? NamespaceResource { get; init; }

    /// <summary>Gets the cloud identity binding of the workload's ServiceAccount.</summary>
    public WorkloadIdentity Identity { get; init; } = WorkloadIdentity.None;

    /// <summary>Gets where GPU pods are placed; used only when the deployment requests GPUs.</summary>
    public GpuScheduling GpuScheduling { get; init; } = GpuScheduling.TaintedGpuNodes;

    /// <summary>Gets how the Service is exposed (ClusterIP unless the cloud part asks for a load balancer).</summary>
    public ServiceExposure Exposure { get; init; } = ServiceExposure.ClusterIp;

    /// <summary>Gets the namespace (of the ingress controller or gateway) whose pods may reach the server.</summary>
    public string IngressNamespace { get; init; } = "ingress-nginx";

    /// <summary>Gets the Prometheus Operator monitoring (ServiceMonitor and PrometheusRule), or null for none.</summary>
    public PrometheusMonitoring? Prometheus { get; init; }

    /// <summary>
    /// Gets a value indicating whether the cluster serves per-pod custom metrics (<c>custom.metrics.k8s.io</c>, e.g.
    /// prometheus-adapter) named as in <see cref="PrometheusMonitoring"/>; without it only CPU scaling is native.
    /// </summary>
    public bool CustomMetrics { get; init; }

    /// <summary>Gets the KServe installation the workload is served by (an InferenceService), or null for a plain Deployment.</summary>
    public KServeMode? KServe { get; init; }

    /// <summary>The model volume's size when nothing says how large the model is.</summary>
    public const int DefaultModelStorageGiB = 20;

    /// <summary>Gets the size of the <c>emptyDir</c> the model is copied into, in GiB (also reserved as ephemeral storage).</summary>
    public int ModelStorageGiB { get; init; } = DefaultModelStorageGiB;

    /// <summary>Gets resources every workload object waits for (a cluster's node group, an add-on).</summary>
    public ImmutableArray<Resource> DependsOn { get; init; } = [];

    /// <summary>
    /// The workload as the cluster targets (EKS, AKS, GKE) configure it from their shared options: the namespace, GPU
    /// placement (the SDK's dedicated GPU nodes on a cluster it creates, the tainted-node convention on one it does not,
    /// unless the options say), a public load balancer open to any address or ClusterIP, and the options' ingress
    /// namespace, Prometheus monitoring, model storage, custom metrics and KServe. The target adds its identity binding
    /// and what the objects wait for.
    /// </summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="provider">The cluster's Kubernetes provider.</param>
    /// <param name="image">The serving image reference, pinned by digest.</param>
    /// <param name="loader">The model loader.</param>
    /// <param name="options">The target's Kubernetes options.</param>
    /// <param name="scope">The deployment's scope (the model storage note).</param>
    /// <param name="namespaceResource">The namespace the SDK manages (<see cref="NamespaceClaims"/>), or null.</param>
    /// <param name="clusterCreated">Whether the SDK creates the cluster (and so its dedicated GPU nodes).</param>
    /// <param name="loadBalancerAnnotations">The cloud's annotations on a public load-balanced Service.</param>
    /// <returns>The workload.</returns>
    public static KubernetesWorkload FromOptions(
        ModelDeployment deployment,
        Resource provider,
        Value image,
        ModelLoader loader,
        KubernetesWorkloadOptions options,
        Targets.DeploymentScope scope,
        Resource? namespaceResource,
        bool clusterCreated,
        ImmutableSortedDictionary<string, string> loadBalancerAnnotations)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scope);
        return new(deployment, provider, image, loader)
        {
            Namespace = options.Namespace,
            NamespaceResource = namespaceResource,
            GpuScheduling = options.GpuScheduling ?? (clusterCreated ? GpuScheduling.DedicatedNodes : GpuScheduling.TaintedGpuNodes),
            Exposure = deployment.Network.Exposure == Model.Exposure.Public
                ? ServiceExposure.LoadBalancerService(loadBalancerAnnotations, ["0.0.0.0/0"])
                : ServiceExposure.ClusterIp,
            IngressNamespace = options.IngressNamespace,
            Prometheus = options.Prometheus,
            ModelStorageGiB = ModelStorage.GiB(deployment, options.ModelStorageGiB, scope.Context.RootDirectory, scope),
            CustomMetrics = options.CustomMetrics,
            KServe = options.KServe,
        };
    }
}

/// <summary>
/// How the workload's ServiceAccount is bound to a cloud identity. IRSA and AKS workload identity inject their own
/// projected token volume and GKE workload identity uses the metadata server, so the ServiceAccount token stays unmounted.
/// </summary>
public sealed record WorkloadIdentity
{
    /// <summary>Gets no cloud identity.</summary>
    public static WorkloadIdentity None { get; } = new();

    /// <summary>Gets annotations on the ServiceAccount (values may reference outputs, e.g. a role ARN).</summary>
    public ImmutableSortedDictionary<string, Value> ServiceAccountAnnotations { get; init; } = ImmutableSortedDictionary.Create<string, Value>(StringComparer.Ordinal);

    /// <summary>Gets extra labels on the pod template.</summary>
    public ImmutableSortedDictionary<string, string> PodLabels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>EKS IAM roles for service accounts: annotation <c>eks.amazonaws.com/role-arn</c>.</summary>
    /// <param name="roleArn">The IAM role ARN.</param>
    /// <returns>The binding.</returns>
    public static WorkloadIdentity EksIrsa(Value roleArn) => new()
    {
        ServiceAccountAnnotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("eks.amazonaws.com/role-arn", roleArn)]),
    };

    /// <summary>AKS workload identity: annotation <c>azure.workload.identity/client-id</c> and pod label <c>azure.workload.identity/use: "true"</c>.</summary>
    /// <param name="clientId">The managed identity's client id.</param>
    /// <returns>The binding.</returns>
    public static WorkloadIdentity AksWorkloadIdentity(Value clientId) => new()
    {
        ServiceAccountAnnotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("azure.workload.identity/client-id", clientId)]),
        PodLabels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("azure.workload.identity/use", "true")]),
    };

    /// <summary>GKE workload identity: annotation <c>iam.gke.io/gcp-service-account</c>.</summary>
    /// <param name="serviceAccountEmail">The Google service account e-mail.</param>
    /// <returns>The binding.</returns>
    public static WorkloadIdentity GkeWorkloadIdentity(Value serviceAccountEmail) => new()
    {
        ServiceAccountAnnotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, Value>("iam.gke.io/gcp-service-account", serviceAccountEmail)]),
    };
}

/// <summary>Where GPU pods are placed: a node selector and the tolerations for the GPU nodes' taints.</summary>
public sealed record GpuScheduling
{
    /// <summary>Gets the common convention: GPU nodes tainted <c>nvidia.com/gpu:NoSchedule</c>, no extra selector (the GPU request already needs a GPU node).</summary>
    public static GpuScheduling TaintedGpuNodes { get; } = new()
    {
        Tolerations = [new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")],
    };

    /// <summary>The label the GPU node groups and pools of a cluster the SDK creates carry (value <c>true</c>).</summary>
    public const string DedicatedNodeLabel = "nvidia.com/gpu.present";

    /// <summary>The key of the <c>NoSchedule</c> taint on the GPU nodes of a cluster the SDK creates.</summary>
    public const string DedicatedNodeTaintKey = "nvidia.com/gpu";

    /// <summary>
    /// Gets the placement on the GPU nodes of a cluster the SDK creates (EKS, AKS): selected by
    /// <see cref="DedicatedNodeLabel"/> and tolerating the <see cref="DedicatedNodeTaintKey"/> taint, so only GPU
    /// workloads land there and they land nowhere else.
    /// </summary>
    public static GpuScheduling DedicatedNodes { get; } = new()
    {
        NodeSelector = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>(DedicatedNodeLabel, "true")]),
        Tolerations = [new Toleration(DedicatedNodeTaintKey, "Exists", null, "NoSchedule")],
    };

    /// <summary>Gets the node selector, e.g. <c>cloud.google.com/gke-accelerator: nvidia-l4</c>.</summary>
    public ImmutableSortedDictionary<string, string> NodeSelector { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the tolerations.</summary>
    public ImmutableArray<Toleration> Tolerations { get; init; } = [];
}

/// <summary>A pod toleration.</summary>
/// <param name="Key">The taint key.</param>
/// <param name="Operator"><c>Exists</c> or <c>Equal</c>.</param>
/// <param name="Value">The taint value for <c>Equal</c>, otherwise null.</param>
/// <param name="Effect">The taint effect, e.g. <c>NoSchedule</c>.</param>
public sealed record Toleration(string Key, string Operator, string? Value, string Effect);

/// <summary>
/// The init container that delivers the model: it runs with the model <c>emptyDir</c> mounted writable at
/// <see cref="Serving.ModelDir"/> and <c>MODEL_DIR</c> set, so its arguments may say <c>$(MODEL_DIR)</c>;
/// e.g. an AWS CLI image running <c>aws s3 cp --recursive s3://bucket/prefix/ $(MODEL_DIR)</c>.
/// </summary>
/// <param name="Image">The loader image, pinned.</param>
/// <param name="Command">The entrypoint.</param>
/// <param name="Args">The arguments.</param>
public sealed record ModelLoader(string Image, ImmutableArray<Value> Command, ImmutableArray<Value> Args)
{
    /// <summary>Gets extra environment variables (e.g. the region); <c>MODEL_DIR</c> and <c>HOME=/tmp</c> are set by the emitter.</summary>
    public ImmutableSortedDictionary<string, Value> Env { get; init; } = ImmutableSortedDictionary.Create<string, Value>(StringComparer.Ordinal);
}

/// <summary>How the Service is exposed.</summary>
public sealed record ServiceExposure
{
    /// <summary>Gets cluster-internal exposure (type ClusterIP), reached through the ingress namespace.</summary>
    public static ServiceExposure ClusterIp { get; } = new();

    /// <summary>Gets a value indicating whether the Service is of type LoadBalancer.</summary>
    public bool LoadBalancer { get; init; }

    /// <summary>Gets the cloud's load-balancer annotations (e.g. the internal-scheme annotation).</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the client CIDRs the load balancer and the NetworkPolicy admit (required for a load balancer).</summary>
    public ImmutableArray<string> SourceCidrs { get; init; } = [];

    /// <summary>A LoadBalancer Service.</summary>
    /// <param name="annotations">The cloud's annotations; include its internal-scheme annotation unless the endpoint is public.</param>
    /// <param name="sourceCidrs">The client CIDRs to admit.</param>
    /// <returns>The exposure.</returns>
    public static ServiceExposure LoadBalancerService(ImmutableSortedDictionary<string, string> annotations, ImmutableArray<string> sourceCidrs) =>
        new() { LoadBalancer = true, Annotations = annotations, SourceCidrs = sourceCidrs };
}

/// <summary>
/// Prometheus Operator monitoring: a ServiceMonitor scraping the server and a PrometheusRule with the deployment's
/// latency, error and saturation alerts. What the server exports (path, port, series names) is the deployment's
/// <see cref="Serving.Metrics"/>, set by its <see cref="ServingPreset"/>; this record says how the cluster scrapes.
/// </summary>
public sealed record PrometheusMonitoring
{
    /// <summary>Gets the namespace Prometheus runs in; the NetworkPolicy lets it reach the metrics port.</summary>
    public string Namespace { get; init; } = "monitoring";

    /// <summary>
    /// Gets labels the Prometheus instance selects ServiceMonitors and PrometheusRules by. The default,
    /// <c>release: kube-prometheus-stack</c>, is what the kube-prometheus-stack Helm chart's Prometheus selects when
    /// installed under that release name (its serviceMonitorSelector/ruleSelector default to the release label,
    /// prometheus-community/helm-charts values.yaml, <c>serviceMonitorSelectorNilUsesHelmValues</c>); give your
    /// release name, or an empty map for a Prometheus that selects everything.
    /// </summary>
    public ImmutableSortedDictionary<string, string> SelectorLabels { get; init; } =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("release", "kube-prometheus-stack")]);

    /// <summary>
    /// Gets a value indicating whether NVIDIA dcgm-exporter runs on the GPU nodes and Prometheus scrapes it; only then
    /// is the GPU saturation alert emitted (its metric comes from dcgm-exporter, which the SDK does not install).
    /// </summary>
    public bool DcgmExporter { get; init; }

    /// <summary>Gets the scrape interval.</summary>
    public string Interval { get; init; } = "30s";

    /// <summary>Gets the per-pod requests/s metric name the custom metrics adapter serves (for requests/s scaling).</summary>
    public string RequestRateMetric { get; init; } = "http_requests_per_second";

    /// <summary>Gets the per-pod GPU utilization metric (percent) from the NVIDIA DCGM exporter.</summary>
    public string GpuUtilizationMetric { get; init; } = "DCGM_FI_DEV_GPU_UTIL";

    /// <summary>Gets resources the monitoring objects wait for (the release that installs the Prometheus Operator CRDs).</summary>
    public ImmutableArray<Resource> DependsOn { get; init; } = [];
}

/// <summary>The objects the emitter created, for the cloud part to reference (identity trust, outputs).</summary>
/// <param name="Namespace">The namespace name.</param>
/// <param name="Name">The name of the ServiceAccount, Deployment and Service (the deployment's name), e.g. for IRSA trust conditions.</param>
/// <param name="ServiceAccount">The ServiceAccount resource.</param>
/// <param name="Deployment">The Deployment resource, or under KServe the ConfigGroup holding the InferenceService that creates it.</param>
/// <param name="Service">The Service resource, or under KServe the ConfigGroup holding the InferenceService that creates it.</param>
public sealed record KubernetesWorkloadResources(string Namespace, string Name, Resource ServiceAccount, Resource Deployment, Resource Service)
{
    /// <summary>Gets the Namespace resource when the emitter created it.</summary>
    public Resource? NamespaceResource { get; init; }

    /// <summary>Gets the HorizontalPodAutoscaler, or null when min equals max.</summary>
    public Resource? Autoscaler { get; init; }

    /// <summary>Gets the PodDisruptionBudget, or null below two replicas.</summary>
    public Resource? DisruptionBudget { get; init; }

    /// <summary>Gets the NetworkPolicy.</summary>
    public Resource? NetworkPolicy { get; init; }

    /// <summary>Gets the ConfigGroup holding the ServiceMonitor and PrometheusRule, or null when monitoring is off.</summary>
    public Resource? Monitoring { get; init; }

    /// <summary>Gets the Secret holding the deployment's config secrets, or null when it has none.</summary>
    public Resource? Secrets { get; init; }

    /// <summary>Gets the ServiceAccount's name (for IRSA trust conditions and EKS pod identity associations).</summary>
    public string ServiceAccountName => Name;

    /// <summary>Gets the name of the Service clients call: the deployment's name, or under KServe its predictor's (<c>&lt;name&gt;-predictor</c>).</summary>
    public string? ServiceName { get; init; }

    /// <summary>Gets the in-cluster base URL of the Service (port 80).</summary>
    public string ClusterUrl => $"http://{ServiceName ?? Name}.{Namespace}.svc.cluster.local";
}
