namespace MlDeploy.Model;

/// <summary>
/// The Prometheus metrics a serving image exports: where they are scraped and the names of the series that measure
/// request latency, errors and load. Targets that scrape the server (Kubernetes with a Prometheus Operator) read them;
/// the other targets watch the platform's own metrics. A name left null is a series the server does not export, and
/// the signal it would measure is reported as unmeasured.
/// </summary>
public sealed record ServingMetrics
{
    /// <summary>Gets the path the server exports metrics on.</summary>
    public string Path { get; init; } = "/metrics";

    /// <summary>Gets a separate metrics port, or null when metrics are served on the serving port.</summary>
    public int? Port { get; init; }

    /// <summary>Gets the request latency histogram (seconds, with the <c>le</c> label), or null.</summary>
    public string? LatencyHistogram { get; init; } = "http_request_duration_seconds";

    /// <summary>Gets the counter of all requests, or null.</summary>
    public string? RequestCounter { get; init; } = "http_requests_total";

    /// <summary>
    /// Gets the label of <see cref="RequestCounter"/> that carries the HTTP status code (errors are its 5xx share), or
    /// null when errors are counted by <see cref="FailureCounter"/>.
    /// </summary>
    public string? StatusLabel { get; init; } = "code";

    /// <summary>
    /// Gets the counter of failed requests, or null: errors are its share of <see cref="RequestCounter"/>, or of it plus
    /// <see cref="SuccessCounter"/> when the server counts no total.
    /// </summary>
    public string? FailureCounter { get; init; }

    /// <summary>Gets the counter of successful requests, used with <see cref="FailureCounter"/> when there is no <see cref="RequestCounter"/>.</summary>
    public string? SuccessCounter { get; init; }

    /// <summary>Gets the gauge of requests in flight or queued (concurrency scaling through custom metrics), or null.</summary>
    public string? InFlightGauge { get; init; } = "http_requests_in_flight";
}
