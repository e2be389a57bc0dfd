using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The workload's Grafana dashboard as a ConfigMap labelled <c>grafana_dashboard: "1"</c>, the label Grafana's
/// dashboard sidecar loads by default (grafana/helm-charts, charts/grafana values.yaml: <c>sidecar.dashboards.label</c>;
/// kube-prometheus-stack enables the sidecar). Its panels are the PrometheusRule's expressions without thresholds
/// (<see cref="PrometheusQueries"/>), so the dashboard shows what the alerts watch.
/// </summary>
internal static class GrafanaDashboard
{
    private const int Width = 12;
    private const int Height = 8;

    public static MapValue ConfigMap(string name, Value ns, MapValue labels, ModelDeployment d, PrometheusQueries q, string uid)
    {
        var p = q.Prometheus;
        var namespaceName = q.Namespace;
        var m = d.Monitoring;
        var panels = new List<(string Title, string Expr, string Unit, decimal Threshold)>();
        if (q.LatencyP99 is { } latency)
        {
            panels.Add(("p99 latency", latency, "s", new AlarmSignals(m).LatencyP99(LatencyUnit.Seconds)));
        }

        if (q.ErrorRate is { } errors)
        {
            panels.Add(($"{q.ErrorKind} rate", errors, "percentunit", m.ErrorRatePercent / 100m));
        }

        panels.Add(("CPU of request", q.CpuShare(d.Compute), "percentunit", m.SaturationPercent / 100m));
        panels.Add(("memory of limit", q.MemoryShare(d.Compute), "percentunit", m.SaturationPercent / 100m));
        if (d.Compute.Gpu is not null && p.DcgmExporter)
        {
            panels.Add(("GPU utilization", q.GpuPercent, "percent", m.SaturationPercent));
        }

        panels.Add(("available replicas", q.AvailableReplicas, "short", d.Scaling.Min));
        panels.Add(("container restarts (15 min)", q.Restarts, "short", 0));

        var json = Value.Map(
            ("uid", uid),
            ("title", $"{name} ({namespaceName})"),
            ("tags", Value.List("mldeploy", "model-server")),
            ("schemaVersion", 39),
            ("time", Value.Map(("from", "now-6h"), ("to", "now"))),
            ("panels", Value.List(panels.Select((panel, i) => (Value?)Value.Map(
                ("id", i + 1),
                ("type", "timeseries"),
                ("title", panel.Title),
                ("gridPos", Value.Map(("x", i % 2 * Width), ("y", i / 2 * Height), ("w", Width), ("h", Height))),
                ("fieldConfig", Value.Map(("defaults", Value.Map(
                    ("unit", panel.Unit),
                    ("thresholds", Value.Map(
                        ("mode", "absolute"),
                        ("steps", Value.List(
                            Value.Map(("color", "green"), ("value", Value.Null)),
                            Value.Map(("color", "red"), ("value", panel.Threshold)))))))))),
                ("targets", Value.List(Value.Map(("refId", "A"), ("expr", panel.Expr)))))))));

        return Value.Map(
            ("metadata", Value.Map(
                ("name", $"{name}-dashboard"),
                ("namespace", ns),
                ("labels", labels.With("grafana_dashboard", "1")))),
            ("data", Value.Map(($"{name}.json", Fn.ToJson(json)))));
    }
}
