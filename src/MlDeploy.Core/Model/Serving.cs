using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>The serving contract of the container image.</summary>
public sealed record Serving
{
    private readonly ImmutableSortedDictionary<string, string> _env = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    private readonly ImmutableArray<string> _notSecret = [];

    /// <summary>Gets the port the server listens on.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Gets the health check path (answers 200 once the model is loaded): the readiness and start-up check.</summary>
    public string HealthPath { get; init; } = "/ping";

    /// <summary>Gets the liveness path where it differs from <see cref="HealthPath"/> (answers 200 while the process is alive), or null.</summary>
    public string? LivenessPath { get; init; }

    /// <summary>Gets the path liveness checks ask: <see cref="LivenessPath"/>, else <see cref="HealthPath"/>.</summary>
    public string LivePath => LivenessPath ?? HealthPath;

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

    /// <summary>Gets the Prometheus metrics the server exports, or null when it exports none.</summary>
    public ServingMetrics? Metrics { get; init; } = new();

    /// <summary>Gets the preset this contract was made from (<see cref="For"/>), or null; validation names it.</summary>
    public ServingPreset? Preset { get; init; }

    /// <summary>
    /// The serving contract of a well-known server: its port (a privileged default moved to 8080 through the server's
    /// own option), paths, metrics, start-up allowance and model directory, with the arguments and environment that tell
    /// it where the model is. Adjust the result with <c>with { ... }</c>.
    /// </summary>
    /// <param name="preset">The server, e.g. <see cref="ServingPreset.Tgi"/>.</param>
    /// <param name="model">The model's name where the server routes per model (<c>{model}</c> in its paths), or null.</param>
    /// <returns>The contract.</returns>
    public static Serving For(ServingPreset preset, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var port = preset.DeployedPort;
        var args = preset.Args.ToBuilder();
        var env = new SortedDictionary<string, string>(preset.Env, StringComparer.Ordinal);
        if (port != preset.ImagePort)
        {
            var value = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (preset.PortArgument is { } option)
            {
                args.AddRange(option, value);
            }
            else
            {
                env[preset.PortVariable!] = value;
            }
        }

        if (preset.ModelArgument is { } modelOption)
        {
            args.AddRange(modelOption, preset.ModelDir);
        }

        if (preset.ModelVariable is { } variable)
        {
            env[variable] = preset.ModelDir;
        }

        return new Serving
        {
            Port = port,
            HealthPath = preset.ReadinessPath,
            LivenessPath = preset.LivenessPath == preset.ReadinessPath ? null : preset.LivenessPath,
            PredictPath = model is null ? preset.PredictPath : preset.PredictPath.Replace("{model}", model, StringComparison.Ordinal),
            ModelDir = preset.ModelDir,
            Env = env,
            Args = args.ToImmutable(),
            StartupTimeout = preset.StartupTimeout,
            Metrics = preset.Metrics,
            Preset = preset,
        };
    }
}
