using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>
/// One model server deployment, declared once and planned onto any target. Every part has a default that is
/// safe for production; override with <c>with { ... }</c>.
/// </summary>
/// <param name="Name">The deployment name: a DNS-1123 label of at most 32 characters, stable across environments.</param>
/// <param name="Image">Where the serving container image comes from.</param>
/// <param name="Artifact">Where the model artifact comes from.</param>
/// <param name="Target">The platform to deploy to, with its platform-specific options.</param>
public sealed record ModelDeployment(string Name, ImageSource Image, ModelArtifact Artifact, DeploymentTarget Target)
{
    private static readonly Serving DefaultServing = new();
    private static readonly Serving MlflowServing = Serving.For(ServingPreset.Mlflow);

    private readonly ImmutableSortedDictionary<string, string> _tags = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    // Null until the program sets it: the default depends on the artifact (an MLflow model is served by MLflow's server).
    private readonly Serving? _serving;

    /// <summary>
    /// Gets the serving contract of the container. Unless set, <see cref="Serving.For"/>(<see cref="ServingPreset.Mlflow"/>)
    /// for an MLflow model (<see cref="ModelArtifact.FromMlflow"/>), else the SageMaker-style contract of <c>new Serving()</c>.
    /// </summary>
    public Serving Serving
    {
        get => _serving ?? (Artifact?.Format == ModelFormat.Mlflow ? MlflowServing : DefaultServing);
        init => _serving = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the per-replica resources.</summary>
    public Compute Compute { get; init; } = new();

    /// <summary>Gets the autoscaling settings.</summary>
    public Scaling Scaling { get; init; } = new();

    /// <summary>Gets the alarms, log retention and data capture settings.</summary>
    public Monitoring Monitoring { get; init; } = new();

    /// <summary>Gets the ingress settings (private and authenticated by default).</summary>
    public Network Network { get; init; } = new();

    /// <summary>Gets how new versions roll out.</summary>
    public Rollout Rollout { get; init; } = new();

    /// <summary>
    /// Gets the stack-level key that encrypts the deployment's data (repository, artifact bucket, captured data, volumes,
    /// secrets, log group and its own alert topic) instead of a key of its own; null gives the deployment its own key.
    /// </summary>
    public EncryptionKey? Encryption { get; init; }

    /// <summary>
    /// Gets the sample request <c>verify</c> sends after <c>pulumi up</c> to prove the model answers; null skips the
    /// smoke check (reported as skipped, never as passed).
    /// </summary>
    public SmokeTest? Smoke { get; init; }

    /// <summary>Gets the secrets the server needs, as references (never values).</summary>
    public ImmutableArray<SecretReference> Secrets { get; init; } = [];

    /// <summary>Gets tags applied to every taggable resource of the deployment.</summary>
    public IReadOnlyDictionary<string, string> Tags
    {
        get => _tags;

        // Stored sorted, whatever dictionary the stack program passes, so the program text never depends on its order.
        init => _tags = (value ?? throw new ArgumentNullException(nameof(value))).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets guardrails waived for this deployment, each with a written reason shown in the plan.</summary>
    public ImmutableArray<Waiver> Waivers { get; init; } = [];

    /// <summary>Gets adjustments to the emitted resources, applied in order before the guardrails run.</summary>
    public ImmutableArray<Customization> Customizations { get; init; } = [];

    /// <summary>Returns a copy with one more adjustment of the emitted resources.</summary>
    /// <param name="description">Why it is needed (shown in the plan).</param>
    /// <param name="apply">The adjustment.</param>
    /// <returns>The deployment.</returns>
    public ModelDeployment Customize(string description, Action<IResourceCustomizer> apply) =>
        this with { Customizations = Customizations.Add(new Customization(description, apply)) };
}
