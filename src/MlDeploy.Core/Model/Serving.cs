using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>The serving contract of the container image.</summary>
public sealed record Serving
{
    private readonly ImmutableSortedDictionary<string, string> _env = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    private readonly ImmutableArray<string> _notSecret = [];

    /// <summary>Gets the port the server listens on.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Gets the health check path (answers 200 once the model is loaded).</summary>
    public string HealthPath { get; init; } = "/ping";

    /// <summary>Gets the prediction path.</summary>
    public string PredictPath { get; init; } = "/invocations";

    /// <summary>Gets the directory where the server finds the model, read-only, before it starts.</summary>
    public string ModelDir { get; init; } = "/opt/ml/model";

    /// <summary>Gets environment variables (not secrets: use <see cref="ModelDeployment.Secrets"/>).</summary>
    public IReadOnlyDictionary<string, string> Env
    {
        get => _env;

        // Stored sorted, whatever dictionary the stack program passes, so the program text never depends on its order.
        init => _env = (value ?? throw new ArgumentNullException(nameof(value))).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Gets the names of <see cref="Env"/> variables that look like secrets but are not (a pass count, a public key id):
    /// the plaintext-secret guardrail (MLS-SEC-01) accepts their literal values, and the plan lists them. A value in a
    /// known credential format is refused even here.
    /// </summary>
    public ImmutableArray<string> NotSecret
    {
        get => _notSecret;

        // default(ImmutableArray) would throw wherever the list is read; it means "none".
        init => _notSecret = value.IsDefault ? [] : value;
    }

    /// <summary>Gets container arguments.</summary>
    public ImmutableArray<string> Args { get; init; } = [];

    /// <summary>Gets how long the server may take to download and load the model before it must be healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
