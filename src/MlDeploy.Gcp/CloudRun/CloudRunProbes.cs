using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>
/// The probes of the serving container. Cloud Run's default startup probe is a TCP check allowing 240 s (Cloud Run docs,
/// "Configure container health checks for services", the default TCP startup probe): an open port says nothing about a
/// loaded model, and large models take longer. The SDK's HTTP startup probe asks the health path for the whole
/// start-up timeout: up to 240 s of <c>failureThreshold</c> x <c>periodSeconds</c>, the rest as <c>initialDelaySeconds</c>
/// (at most 240), so at most 480 s (docs/GCP-RUNTIME.md).
/// </summary>
internal static class CloudRunProbes
{
    /// <summary>The most <c>failureThreshold</c> x <c>periodSeconds</c> (and the most <c>initialDelaySeconds</c>) a startup probe takes.</summary>
    public const int MaxWindowSeconds = 240;

    public static MapValue Startup(Serving s)
    {
        var total = (int)Math.Ceiling(s.StartupTimeout.TotalSeconds);
        var delay = Math.Clamp(total - MaxWindowSeconds, 0, MaxWindowSeconds);
        var window = Math.Max(1, total - delay);
        var period = Math.Min(10, window);
        return Value.Map(
            ("httpGet", Value.Map(("path", s.HealthPath), ("port", s.Port))),
            ("initialDelaySeconds", delay),
            ("periodSeconds", period),
            ("timeoutSeconds", Math.Min(5, period)),
            ("failureThreshold", (int)Math.Ceiling(window / (decimal)period)));
    }

    /// <summary>Liveness every 30 s on the health path, active once the startup probe has passed.</summary>
    public static MapValue Liveness(Serving s) => Value.Map(
        ("httpGet", Value.Map(("path", s.LivePath), ("port", s.Port))),
        ("periodSeconds", 30),
        ("timeoutSeconds", 5),
        ("failureThreshold", 3));
}
