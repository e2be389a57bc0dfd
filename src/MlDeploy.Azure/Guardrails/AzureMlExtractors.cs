using MlDeploy.Azure.MachineLearning;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Azure.Guardrails;

/// <summary>
/// An Azure ML online endpoint: its exposure (public network access; every request is authenticated with an Entra
/// token or a key, docs "Authentication for managed online endpoints"), its TLS-only scoring URI, its identity, and
/// endpoint keys as long-lived credentials.
/// </summary>
internal sealed record OnlineEndpointExtractor() : AzureExtractor(AzureTypes.OnlineEndpoint.Token, "Azure ML online endpoint")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(Transport), typeof(RuntimeIdentity), typeof(LongLivedCredential)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var authMode = ValuePath.GetString(p, "properties.authMode");
        var authenticatedBy = authMode switch
        {
            "AADToken" => "Microsoft Entra tokens",
            "AMLToken" => "Azure ML tokens",
            "Key" => "endpoint keys",
            _ => null,
        };

        // publicNetworkAccess defaults to Enabled.
        var isPublic = ValuePath.GetString(p, "properties.publicNetworkAccess") is not "Disabled";
        yield return new Exposure("the endpoint", isPublic, isPublic ? "public network access" : "public network access disabled") { AuthenticatedBy = authenticatedBy };

        // Scoring URIs are https only (the service answers no plain HTTP) with TLS 1.2 (Azure TLS policy).
        yield return new Transport("the endpoint", PlaintextFromInternet: false, AllowsTlsBelow12: false);
        var identityType = ValuePath.GetString(p, "identity.type") ?? "None";
        yield return new RuntimeIdentity("the endpoint", identityType.Contains("UserAssigned", StringComparison.Ordinal), SharesPlatformIdentity: false);
        if (authMode == "Key")
        {
            // Two endpoint keys that never expire, valid for every caller that holds them.
            yield return new LongLivedCredential("endpoint keys (authMode Key)");
        }
    }
}

/// <summary>
/// A managed online deployment: its environment variables, compute (a whole VM per instance), capacity, probes, request
/// timeout against the 180 s limit, rollout (a new deployment per revision next to the serving one) and the signals it
/// must have alerts on. Azure ML runs the container without privileges and exposes no host namespaces.
/// </summary>
internal sealed record OnlineDeploymentExtractor() : AzureExtractor(AzureTypes.OnlineDeployment.Token, "Azure ML online deployment")
{
    private static readonly IReadOnlyList<Type> s_reports =
    [
        typeof(PlainEnvironment), typeof(ComputeBounds), typeof(Privileges), typeof(HostAccess), typeof(ServingCapacity), typeof(HealthChecks),
        typeof(RequestTimeout), typeof(RolloutGuard), typeof(RequiredSignals),
    ];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var label = $"deployment {ValuePath.GetString(p, "deploymentName") ?? "?"}";
        yield return new PlainEnvironment(label, ValuePath.Get(p, "properties.environmentVariables") is MapValue env
            ? [.. env.Entries.Select(e => new KeyValuePair<string, Value?>(e.Key, e.Value))]
            : []);

        // The instance type is the whole VM: memory is bounded by it.
        yield return new ComputeBounds(label, ValuePath.Get(p, "properties.instanceType") is not null) { RequestsCpu = ValuePath.Get(p, "properties.instanceType") is not null };
        yield return new Privileges(label, Privileged: false, CanEscalate: null);
        yield return new HostAccess(label, OwnNetwork: true, [], [], []);
        yield return new ServingCapacity(label, ValuePath.GetNumber(p, "sku.capacity") ?? 1);
        yield return Probes(label, p);

        var timeout = Seconds(ValuePath.GetString(p, "properties.requestSettings.requestTimeout")) ?? 5;
        yield return new RequestTimeout(label, timeout, (decimal)AzureMlCapabilities.MaxRequestTimeout.TotalSeconds, context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);

        // Each revision is a new deployment beside the serving one; traffic moves only once it is healthy.
        yield return new RolloutGuard(label) { Gradual = true };
        yield return new RequiredSignals(label, ["RequestLatency_P99", "RequestsPerMinute"]);
    }

    private static HealthChecks Probes(string label, MapValue p)
    {
        var readiness = ValuePath.Get(p, "properties.readinessProbe") as MapValue;
        var liveness = ValuePath.Get(p, "properties.livenessProbe") as MapValue;

        // Azure ML's defaults: initial delay 10 s, period 10 s, failure threshold 30 (docs, "managed online deployment YAML schema").
        decimal Allowance(MapValue? probe) => probe is null
            ? 10 + (10 * 30)
            : (Seconds(ValuePath.GetString(probe, "initialDelay")) ?? 10) + ((Seconds(ValuePath.GetString(probe, "period")) ?? 10) * (ValuePath.GetNumber(probe, "failureThreshold") ?? 30));
        return new HealthChecks(label)
        {
            StartupName = "liveness allowance",
            StartupAllowance = true,
            StartupAllowanceSeconds = Allowance(liveness),

            // Azure ML probes the environment's readiness and liveness routes whether or not the deployment tunes them.
            Readiness = true,
            Liveness = true,
            ReadinessDistinctFromLiveness = readiness is null || liveness is null ? null : !Value.StructurallyEqual(readiness, liveness),
            ChecksServer = true,
        };
    }

    /// <summary>Seconds of an ISO 8601 duration the SDK writes (<c>PT&lt;n&gt;S</c>), or null.</summary>
    private static decimal? Seconds(string? iso) =>
        iso is { Length: > 3 } && iso.StartsWith("PT", StringComparison.Ordinal) && iso.EndsWith('S') && decimal.TryParse(iso[2..^1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
}

/// <summary>An Azure ML environment version: the image the deployment runs.</summary>
internal sealed record EnvironmentVersionExtractor() : AzureExtractor(AzureTypes.EnvironmentVersion.Token, "Azure ML environment version")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(ImageReference)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        ValuePath.Get(resource.Properties, "properties.image") is { } image ? [new ImageReference("the environment", image)] : [];
}

/// <summary>An Azure ML workspace: whether its telemetry goes to Application Insights.</summary>
internal sealed record MlWorkspaceExtractor() : AzureExtractor(AzureTypes.MlWorkspace.Token, "Azure ML workspace")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PlatformInsights)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new PlatformInsights("the workspace", "Application Insights", ValuePath.Get(resource.Properties, "applicationInsights") is not null)];
}
