using System.Globalization;
using MlDeploy.Model;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The PromQL of one workload's monitoring signals, shared by its PrometheusRule (with a threshold) and its Grafana
/// dashboard (without), so both show the same series. Container metrics are cAdvisor's; the replica and restart
/// series are kube-state-metrics' (kube-state-metrics docs, docs/metrics/workload/deployment-metrics.md:
/// <c>kube_deployment_status_replicas_available</c>; pod-metrics.md: <c>kube_pod_container_status_restarts_total</c>,
/// <c>kube_pod_init_container_status_restarts_total</c>), which kube-prometheus-stack scrapes with the objects' own
/// <c>namespace</c> label. Under KServe the pods are KServe's (<see cref="KServeWorkload"/>): they are scraped by a
/// PodMonitor, whose targets carry <c>pod</c> and <c>container</c> but no <c>service</c> label (prometheus-operator
/// pkg/prometheus/promcfg.go, the pod monitor relabelings), so the request series are selected by pod and container.
/// </summary>
/// <param name="Name">The workload's name (Deployment and Service, or the InferenceService).</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Prometheus">How the cluster scrapes (the GPU metric).</param>
/// <param name="Server">What the server exports (<see cref="Serving.Metrics"/>), or null when nothing.</param>
/// <param name="KServe">The KServe mode serving it, or null for the plain Deployment.</param>
internal sealed record PrometheusQueries(string Name, string Namespace, PrometheusMonitoring Prometheus, ServingMetrics? Server, KServeMode? KServe = null)
{
    private string Service => KServe is null
        ? $"namespace=\"{Namespace}\",service=\"{Name}\""
        : $"{Pods},container=\"{KubernetesWorkloadEmitter.ServerContainerOf(KServe)}\"";

    // Deployment pods are named <deployment>-<replicaset hash>-<suffix>; the pattern excludes other deployments sharing a prefix.
    private string Pods => $"namespace=\"{Namespace}\",pod=~\"{KServeWorkload.DeploymentPattern(Name, KServe)}-[a-z0-9]+-[a-z0-9]+\"";

    /// <summary>Gets the p99 request latency in seconds over 5 minutes, or null when the server exports no latency histogram.</summary>
    public string? LatencyP99 => Server?.LatencyHistogram is { } histogram
        ? $"histogram_quantile(0.99, sum by (le) (rate({histogram}_bucket{{{Service}}}[5m])))"
        : null;

    /// <summary>
    /// Gets the share of failed requests over 5 minutes (0-1): the 5xx share of the request counter, or a failure
    /// counter's share of all requests (or of successes plus failures), or one minus the success share; null when the
    /// server counts no errors.
    /// </summary>
    public string? ErrorRate => Server switch
    {
        { RequestCounter: { } all, StatusLabel: { } status } => $"{Rate(all, $",{status}=~\"5..\"")} / {Rate(all)}",
        { FailureCounter: { } failed, RequestCounter: { } all } => $"{Rate(failed)} / {Rate(all)}",
        { FailureCounter: { } failed, SuccessCounter: { } succeeded } => $"{Rate(failed)} / ({Rate(failed)} + {Rate(succeeded)})",
        { SuccessCounter: { } succeeded, RequestCounter: { } all } => $"1 - {Rate(succeeded)} / {Rate(all)}",
        _ => null,
    };

    /// <summary>Gets the average CPU use per replica in cores.</summary>
    public string CpuCores => $"avg(sum by (pod) (rate(container_cpu_usage_seconds_total{{{Pods},container=\"{KubernetesWorkloadEmitter.ServerContainerOf(KServe)}\"}}[5m])))";

    /// <summary>Gets the fullest replica's working set in bytes.</summary>
    public string MemoryBytes => $"max(container_memory_working_set_bytes{{{Pods},container=\"{KubernetesWorkloadEmitter.ServerContainerOf(KServe)}\"}})";

    /// <summary>Gets the average GPU utilization in percent (dcgm-exporter).</summary>
    public string GpuPercent => $"avg({Prometheus.GpuUtilizationMetric}{{{Pods}}})";

    /// <summary>Gets the Deployment's available replicas (under KServe Serverless, summed over the revisions' Deployments).</summary>
    public string AvailableReplicas => KServe is { Serverless: true }
        ? $"sum({ReplicaSeries}{{namespace=\"{Namespace}\",deployment=~\"{KServeWorkload.DeploymentPattern(Name, KServe)}\"}})"
        : $"{ReplicaSeries}{{namespace=\"{Namespace}\",deployment=\"{KServeWorkload.DeploymentPattern(Name, KServe)}\"}}";

    /// <summary>Gets the kube-state-metrics series the replica alert reads.</summary>
    public const string ReplicaSeries = "kube_deployment_status_replicas_available";

    /// <summary>Gets the restarts of the server and model-loader containers over 15 minutes.</summary>
    public string Restarts => $"sum(increase(kube_pod_container_status_restarts_total{{{Pods}}}[15m])) + sum(increase(kube_pod_init_container_status_restarts_total{{{Pods}}}[15m]))";

    /// <summary>Gets what <see cref="ErrorRate"/> counts, for alert text: 5xx responses, or failed requests.</summary>
    public string ErrorKind => Server is { RequestCounter: not null, StatusLabel: not null } ? "5xx" : "failed-request";

    private string Rate(string counter, string filter = "") => $"sum(rate({counter}{{{Service}{filter}}}[5m]))";

    /// <summary>The CPU share of the request.</summary>
    /// <param name="compute">The workload's compute.</param>
    /// <returns>The expression (0-1).</returns>
    public string CpuShare(Compute compute) => $"{CpuCores} / {Quantities.Plain(compute.Cpu)}";

    /// <summary>The memory share of the limit.</summary>
    /// <param name="compute">The workload's compute.</param>
    /// <returns>The expression (0-1).</returns>
    public string MemoryShare(Compute compute) => $"{MemoryBytes} / {Quantities.Bytes(compute.MemoryGiB).ToString(CultureInfo.InvariantCulture)}";
}
