using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>
/// What a well-known model server answers, as data: its port and how to move it, liveness and readiness paths, the
/// prediction route, its metrics, how long it takes to start, and where it reads the model. <see cref="Serving.For"/>
/// turns one into the deployment's <see cref="Serving"/>, so every target's probes, ports, arguments, environment and
/// scraped metrics come from it; validation names the preset when a target imposes a contract it does not answer.
/// The catalogue (<see cref="All"/>) cites its sources in <see cref="Sources"/>; docs/PRESETS.md is generated from it.
/// </summary>
public sealed partial record ServingPreset
{
    /// <summary>Gets the preset's member name, e.g. <c>Tgi</c> (messages say <c>ServingPreset.Tgi</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the server's name in messages, e.g. "Hugging Face TGI".</summary>
    public required string Name { get; init; }

    /// <summary>Gets the port the server's image listens on when told nothing.</summary>
    public required int ImagePort { get; init; }

    /// <summary>Gets the command-line option that sets another port (e.g. <c>--port</c>), or null.</summary>
    public string? PortArgument { get; init; }

    /// <summary>Gets the environment variable that sets another port, or null.</summary>
    public string? PortVariable { get; init; }

    /// <summary>Gets the path that answers 200 while the process is alive.</summary>
    public required string LivenessPath { get; init; }

    /// <summary>Gets the path that answers 200 once the model is loaded and requests may arrive.</summary>
    public required string ReadinessPath { get; init; }

    /// <summary>Gets the prediction route (a placeholder such as <c>{model}</c> stands for the model's name).</summary>
    public required string PredictPath { get; init; }

    /// <summary>Gets the metrics the server exports, or null when it exports none.</summary>
    public ServingMetrics? Metrics { get; init; }

    /// <summary>Gets a typical start-up allowance: downloading nothing, loading the model from local disk.</summary>
    public required TimeSpan StartupTimeout { get; init; }

    /// <summary>Gets where the SDK places the model for this server.</summary>
    public required string ModelDir { get; init; }

    /// <summary>Gets the command-line option that tells the server where the model is (e.g. <c>--model</c>), or null.</summary>
    public string? ModelArgument { get; init; }

    /// <summary>Gets the environment variable that tells the server where the model is (e.g. <c>MODEL_ID</c>), or null.</summary>
    public string? ModelVariable { get; init; }

    /// <summary>Gets the leading container arguments the image needs (e.g. the <c>tritonserver</c> command), before the port and model options.</summary>
    public ImmutableArray<string> Args { get; init; } = [];

    /// <summary>Gets other environment variables the server expects.</summary>
    public ImmutableSortedDictionary<string, string> Env { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the same server in a documented mode that answers a platform-imposed contract (port 8080, <c>/ping</c>,
    /// <c>/invocations</c>, the model at <c>/opt/ml/model</c>), or null when it has none; validation suggests it.
    /// </summary>
    public ServingPreset? ContractMode { get; init; }

    /// <summary>Gets the documentation each fact comes from: fact, then URL.</summary>
    public ImmutableArray<PresetSource> Sources { get; init; } = [];

    /// <summary>Gets facts that could not be confirmed from the documentation and are left out of behaviour.</summary>
    public ImmutableArray<string> Unverified { get; init; } = [];

    /// <summary>Gets the port a deployment of this preset listens on: the image's, or 8080 when that is privileged and can be moved.</summary>
    public int DeployedPort => ImagePort < 1024 && (PortArgument is not null || PortVariable is not null) ? MovedPort : ImagePort;

    /// <summary>The port a privileged default is moved to (what SageMaker, Cloud Run and most examples use).</summary>
    internal const int MovedPort = 8080;
}

/// <summary>Where a preset's fact comes from.</summary>
/// <param name="Fact">What it says, e.g. "routes".</param>
/// <param name="Url">The documentation page or source file.</param>
public sealed record PresetSource(string Fact, string Url);
