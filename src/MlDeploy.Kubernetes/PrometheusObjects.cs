using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The ServiceMonitor and PrometheusRule objects (Prometheus Operator CRDs, emitted through a yaml/v2 ConfigGroup).
/// The PromQL reads the series the serving image exports (<see cref="Serving.Metrics"/>; a latency or error alert is
/// left out when the server exports no such series), assumes that Prometheus adds the <c>namespace</c>, <c>service</c>
/// and <c>pod</c> target labels (the Prometheus Operator does), that cAdvisor metrics are scraped (kube-prometheus-stack
/// does), and for GPUs that dcgm-exporter is scraped with its pod labels kept (honorLabels, as the GPU Operator does).
/// </summary>
internal static class PrometheusObjects
{
    public static Value ServiceMonitor(string name, Value ns, MapValue labels, MapValue selector, string port, PrometheusMonitoring p, ServingMetrics server, string namespaceName) =>
        Value.Map(
            ("apiVersion", "monitoring.coreos.com/v1"),
            ("kind", "ServiceMonitor"),
            ("metadata", Value.Map(("name", name), ("namespace", ns), ("labels", labels))),
            ("spec", Value.Map(
                ("selector", Value.Map(("matchLabels", selector))),
                ("namespaceSelector", Value.Map(("matchNames", Value.List(namespaceName)))),
                ("endpoints", Value.List(Value.Map(
                    ("port", port),
                    ("path", server.Path),
                    ("interval", p.Interval),
                    ("scheme", "http")))))));

    // KServe's pods sit behind Services KServe or Knative name (one per revision under Knative), so they are scraped
    // through a PodMonitor on the named container port instead.
    public static Value PodMonitor(string name, Value ns, MapValue labels, MapValue selector, string port, PrometheusMonitoring p, ServingMetrics server, string namespaceName) =>
        Value.Map(
            ("apiVersion", "monitoring.coreos.com/v1"),
            ("kind", "PodMonitor"),
            ("metadata", Value.Map(("name", name), ("namespace", ns), ("labels", labels))),
            ("spec", Value.Map(
                ("selector", Value.Map(("matchLabels", selector))),
                ("namespaceSelector", Value.Map(("matchNames", Value.List(namespaceName)))),
                ("podMetricsEndpoints", Value.List(Value.Map(
                    ("port", port),
                    ("path", server.Path),
                    ("interval", p.Interval),
                    ("scheme", "http")))))));

    public static Value PrometheusRule(string name, Value ns, MapValue labels, ModelDeployment d, PrometheusMonitoring p, string namespaceName, KServeMode? kserve)
    {
        var m = d.Monitoring;
        var q = new PrometheusQueries(name, namespaceName, p, d.Serving.Metrics, kserve);
        var saturation = m.SaturationPercent / 100m;
        var rules = new List<Value>();
        if (q.LatencyP99 is { } latency)
        {
            rules.Add(Rule(
                "ModelServerLatencyP99High",
                $"{latency} > {Num(new AlarmSignals(m).LatencyP99(LatencyUnit.Seconds))}",
                "warning",
                name,
                $"p99 latency of {name} is above {m.LatencyP99Ms} ms",
                "The 99th percentile request latency over 5 minutes is {{ $value | humanizeDuration }}."));
        }

        if (q.ErrorRate is { } errors)
        {
            rules.Add(Rule(
                "ModelServerErrorRateHigh",
                $"{errors} > {Num(m.ErrorRatePercent / 100m)}",
                "critical",
                name,
                $"{q.ErrorKind} rate of {name} is above {Num(m.ErrorRatePercent)} %",
                q.ErrorKind == "5xx" ? "The share of 5xx responses over 5 minutes is {{ $value | humanizePercentage }}." : "The share of failed requests over 5 minutes is {{ $value | humanizePercentage }}."));
        }

        rules.AddRange(
        [
            Rule(
                "ModelServerCpuSaturated",
                $"{q.CpuShare(d.Compute)} > {Num(saturation)}",
                "warning",
                name,
                $"CPU of {name} is above {m.SaturationPercent} % of its request",
                "Average CPU use per replica is {{ $value | humanizePercentage }} of the request."),
            Rule(
                "ModelServerMemorySaturated",
                $"{q.MemoryShare(d.Compute)} > {Num(saturation)}",
                "warning",
                name,
                $"memory of {name} is above {m.SaturationPercent} % of its limit",
                "The fullest replica uses {{ $value | humanizePercentage }} of its memory limit."),
        ]);
        if (d.Compute.Gpu is not null && p.DcgmExporter)
        {
            rules.Add(Rule(
                "ModelServerGpuSaturated",
                $"{q.GpuPercent} > {m.SaturationPercent.ToString(CultureInfo.InvariantCulture)}",
                "warning",
                name,
                $"GPU utilization of {name} is above {m.SaturationPercent} %",
                "Average GPU utilization is {{ $value }} %."));
        }

        // A workload that may scale to zero has no floor to fall below.
        if (d.Scaling.Min > 0)
        {
            rules.Add(Rule(
                "ModelServerReplicasBelowMinimum",
                $"{q.AvailableReplicas} < {d.Scaling.Min.ToString(CultureInfo.InvariantCulture)}",
                "critical",
                name,
                $"fewer available replicas of {name} than its minimum of {d.Scaling.Min}",
                "{{ $value }} replicas are available."));
        }

        rules.Add(Rule(
            "ModelServerRestarting",
            $"{q.Restarts} > 0",
            "critical",
            name,
            $"containers of {name} restart (start-up or model-load failures, or crashes)",
            "{{ $value }} restarts of the server or model loader in 15 minutes."));

        return Value.Map(
            ("apiVersion", "monitoring.coreos.com/v1"),
            ("kind", "PrometheusRule"),
            ("metadata", Value.Map(("name", name), ("namespace", ns), ("labels", labels))),
            ("spec", Value.Map(("groups", Value.List(Value.Map(
                ("name", $"{name}.model-server"),
                ("rules", Value.List(rules))))))));
    }

    private static MapValue Rule(string alert, string expr, string severity, string deployment, string summary, string description) =>
        Value.Map(
            ("alert", alert),
            ("expr", expr),
            ("for", "5m"),
            ("labels", Value.Map(("severity", severity), ("deployment", deployment))),
            ("annotations", Value.Map(("summary", summary), ("description", description))));

    private static string Num(decimal value) => Quantities.Plain(value);
}
