using MlDeploy.Gcp.CloudRun;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Gcp.Guardrails;

/// <summary>The base of the Google Cloud extractors (<see cref="FactExtractor"/>).</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record GcpExtractor(string ResourceType, string Kind) : FactExtractor(ResourceType, Kind)
{
    /// <summary>Whether an IAM member is everyone (CKV_GCP_101/102 and friends: <c>allUsers</c>, <c>allAuthenticatedUsers</c>).</summary>
    protected static bool IsEveryone(Value? member) => ValueText(member) is "allUsers" or "allAuthenticatedUsers";

    protected static string? ValueText(Value? value) => value is StringValue s ? s.Value : null;
}

/// <summary>
/// A Cloud Run v2 service: per container its image, environment, memory and probes; for the service its runtime
/// identity, capacity, ingress exposure (authenticated by IAM unless <c>invokerIamDisabled</c>), transport, rollout,
/// request timeout and the signals it must have alerts on. Cloud Run sandboxes every instance (gVisor or the second
/// generation microVM) and has no security context, host access or privileged mode (docs/GCP-RUNTIME.md).
/// </summary>
internal sealed record CloudRunServiceExtractor() : GcpExtractor(GcpTypes.CloudRunService.Token, "Cloud Run service")
{
    private static readonly IReadOnlyList<Type> s_reports =
    [
        typeof(ImageReference), typeof(PlainEnvironment), typeof(ComputeBounds), typeof(Privileges), typeof(HostAccess), typeof(RuntimeIdentity),
        typeof(ServingCapacity), typeof(HealthChecks), typeof(Exposure), typeof(Transport), typeof(RolloutGuard), typeof(RequestTimeout), typeof(RequiredSignals),
    ];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        foreach (var container in Items(ValuePath.Get(p, "template.containers")).OfType<MapValue>())
        {
            var label = $"container {ValuePath.GetString(container, "name") ?? "?"}";
            yield return new ImageReference(label, ValuePath.Get(container, "image"));
            yield return new PlainEnvironment(label, [.. Items(container.Get("envs")).Where(e => ValuePath.Get(e, "value") is not null)
                .Select(e => new KeyValuePair<string, Value?>(ValuePath.GetString(e, "name") ?? string.Empty, ValuePath.Get(e, "value")))]);
            yield return new ComputeBounds(label, ValuePath.Get(container, "resources.limits.memory") is not null) { RequestsCpu = ValuePath.Get(container, "resources.limits.cpu") is not null };
            yield return new Privileges(label, Privileged: false, CanEscalate: null);
            yield return Probes(label, container);
        }

        yield return new HostAccess("the service", OwnNetwork: true, [], [], []);

        // Without template.serviceAccount a revision runs as the Compute Engine default service account (SECURITY.md 2.20).
        yield return new RuntimeIdentity("the service", ValuePath.Get(p, "template.serviceAccount") is not null, SharesPlatformIdentity: ValuePath.Get(p, "template.serviceAccount") is null);
        yield return new ServingCapacity("the service", ValuePath.GetNumber(p, "template.scaling.minInstanceCount") ?? 0);

        // The default ingress is INGRESS_TRAFFIC_ALL (Cloud Run v2 API, Service.ingress).
        var ingress = ValuePath.GetString(p, "ingress") ?? "INGRESS_TRAFFIC_ALL";
        var isPublic = ingress == "INGRESS_TRAFFIC_ALL";
        yield return new Exposure("the service", isPublic, isPublic ? "ingress INGRESS_TRAFFIC_ALL" : $"ingress {ingress}")
        {
            AuthenticatedBy = ValuePath.GetBool(p, "invokerIamDisabled") == true ? null : "IAM (roles/run.invoker)",
        };

        // Cloud Run serves HTTPS only on its URLs (TLS 1.2+; plain HTTP is redirected), whatever the settings.
        yield return new Transport("the service", PlaintextFromInternet: false, AllowsTlsBelow12: false);
        var timeout = ValuePath.GetString(p, "template.timeout") is { } text && text.EndsWith('s') && decimal.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 300;
        yield return new RequestTimeout("the service", timeout, (decimal)CloudRunCapabilities.MaxRequestTimeout.TotalSeconds, context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);

        // Revisions are kept and explicit traffic targets decide their shares, so a stable revision keeps serving while the
        // latest takes its share (like Container Apps' multiple revision mode); without traffics the latest takes all.
        yield return new RolloutGuard("the service") { Gradual = Items(p.Get("traffics")).Any() };
        yield return new RequiredSignals("the service", [CloudRunPlanner.LatencyMetric, CloudRunPlanner.RequestCountMetric]);
    }

    private static HealthChecks Probes(string label, MapValue container)
    {
        var startup = container.Get("startupProbe") as MapValue;
        var liveness = container.Get("livenessProbe") as MapValue;

        // Without a startup probe Cloud Run checks the port over TCP for up to 240 s (the default TCP startup probe).
        return new HealthChecks(label)
        {
            StartupName = "startup probe",
            StartupAllowance = startup is not null,
            StartupAllowanceSeconds = startup is null ? null
                : (ValuePath.GetNumber(startup, "initialDelaySeconds") ?? 0) + ((ValuePath.GetNumber(startup, "periodSeconds") ?? 10) * (ValuePath.GetNumber(startup, "failureThreshold") ?? 3)),

            // Traffic reaches an instance once its startup probe passes; Cloud Run has no GA readiness probe.
            Readiness = null,
            Liveness = liveness is not null,
            ChecksServer = startup is null ? false : ValuePath.Get(startup, "httpGet.path") is not null,
        };
    }
}

/// <summary>
/// An invoker grant on a Cloud Run service: <c>allUsers</c> or <c>allAuthenticatedUsers</c> invoke without proving who
/// they are (CKV_GCP_102, KICS 07a27a3b for the v1 resources; the same logic for v2). The grant exposes the service
/// publicly only when its ingress takes all traffic (an unknown service counts as public).
/// </summary>
internal sealed record CloudRunInvokerExtractor() : GcpExtractor(GcpTypes.CloudRunIamMember.Token, "Cloud Run invoker grant")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        if (ValuePath.GetString(p, "role") != "roles/run.invoker" || !IsEveryone(p.Get("member")))
        {
            yield break;
        }

        var service = p.Get("name") is OutputReference { Target: Resource target } ? target : null;
        var ingress = service is null ? null : ValuePath.GetString(service.Properties, "ingress");
        yield return new Exposure("the invoker grant", ingress is null or "INGRESS_TRAFFIC_ALL", $"roles/run.invoker for {ValueText(p.Get("member"))}");
    }
}
