using System.Text.RegularExpressions;
using MlDeploy.Validation;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The Kubernetes settings every cluster target (EKS, AKS, GKE) shares: where the workload runs, who may reach it,
/// how it is monitored, and the image that delivers the model.
/// </summary>
public sealed partial record KubernetesWorkloadOptions
{
    /// <summary>Gets the namespace the workload runs in; never <c>default</c> or a system namespace.</summary>
    public string Namespace { get; init; } = "ml-serving";

    /// <summary>
    /// Gets a value indicating whether the SDK creates the namespace (labelled for the restricted Pod Security
    /// profile). Set false to run in a namespace the platform team already manages.
    /// </summary>
    public bool CreateNamespace { get; init; } = true;

    /// <summary>Gets the namespace of the ingress controller or gateway whose pods may reach the server.</summary>
    public string IngressNamespace { get; init; } = "ingress-nginx";

    /// <summary>
    /// Gets the Prometheus Operator the cluster already runs, or null (the default) when it runs none. Setting it
    /// declares that the operator's CRDs (ServiceMonitor, PrometheusRule) are installed: the workload then gets a
    /// ServiceMonitor and a PrometheusRule labelled with <see cref="PrometheusMonitoring.SelectorLabels"/> (default
    /// <c>release: kube-prometheus-stack</c>). Without the CRDs the yaml/v2 ConfigGroup holding them fails, so nothing
    /// is emitted unless declared, and a cluster the SDK creates has none.
    /// </summary>
    public PrometheusMonitoring? Prometheus { get; init; }

    /// <summary>Gets a value indicating whether the cluster serves per-pod custom metrics to the HorizontalPodAutoscaler (needed for GPU scaling).</summary>
    public bool CustomMetrics { get; init; }

    /// <summary>Gets the model-loader image, or null for the cloud's default (pin it by digest in production).</summary>
    public string? ModelLoaderImage { get; init; }

    /// <summary>
    /// Gets the size of the volume the model is copied into, in GiB (the pod also reserves it as ephemeral storage),
    /// or null to size it from the artifact: a local file or directory is measured (plus 10 %), anything else gets
    /// <see cref="KubernetesWorkload.DefaultModelStorageGiB"/>. Declare it for remote or compressed artifacts.
    /// </summary>
    public int? ModelStorageGiB { get; init; }

    /// <summary>Gets where GPU pods are placed, or null for the cluster's convention.</summary>
    public GpuScheduling? GpuScheduling { get; init; }

    /// <summary>
    /// Gets the KServe installation the cluster runs, or null (the default) for a plain Deployment. Setting it emits an
    /// InferenceService instead (decision 47); KServe, and Knative for <see cref="KServeMode.Serverless"/>, must already
    /// be installed: a cluster the SDK creates has neither.
    /// </summary>
    public KServeMode? KServe { get; init; }

    /// <summary>Checks the options.</summary>
    /// <param name="p">The deployment's path.</param>
    /// <returns>Every problem, at <c>target.workload.*</c>.</returns>
    public IEnumerable<Diagnostic> Validate(DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(p);
        foreach (var (member, value) in new[] { ("namespace", Namespace), ("ingressNamespace", IngressNamespace) }.Concat(KServe is { Serverless: true } k ? [("kServe.knativeNamespace", k.KnativeNamespace)] : []))
        {
            if (value is null || value.Length > 63 || !DnsLabel().IsMatch(value))
            {
                yield return p.Error($"target.workload.{member}", $"'{value}' is not a Kubernetes namespace name", "use a DNS-1123 label of at most 63 characters");
            }
        }

        if (Namespace is "default" or "kube-system" or "kube-public" or "kube-node-lease")
        {
            yield return p.Error("target.workload.namespace", $"workloads do not belong in '{Namespace}'", "use a namespace of their own, e.g. ml-serving");
        }

        if (ModelStorageGiB is < 1 or > 1024)
        {
            yield return p.Error("target.workload.modelStorageGiB", $"{ModelStorageGiB} GiB is not a model volume size", "give the unpacked model's size in GiB, between 1 and 1024");
        }

        if (ModelLoaderImage is { } loader && (string.IsNullOrWhiteSpace(loader) || loader.Any(char.IsWhiteSpace) || loader.EndsWith(":latest", StringComparison.Ordinal)))
        {
            yield return p.Error("target.workload.modelLoaderImage", $"'{loader}' is not a pinned image reference", "use registry/repository:version or, in production, registry/repository@sha256:...");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
