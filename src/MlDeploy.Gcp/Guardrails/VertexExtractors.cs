using MlDeploy.Gcp.Vertex;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Gcp.Guardrails;

/// <summary>
/// A Vertex AI endpoint: public unless Private Service Connect or VPC peering makes it private (every prediction is an
/// IAM-authenticated API call), HTTPS only, and the signals it must have alerts on.
/// </summary>
internal sealed record AiEndpointExtractor() : GcpExtractor(GcpTypes.AiEndpoint.Token, "Vertex AI endpoint")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(Transport), typeof(RequiredSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var isPrivate = ValuePath.GetBool(p, "privateServiceConnectConfig.enablePrivateServiceConnect") == true || p.Get("network") is not null;
        yield return new Exposure("the endpoint", !isPrivate, isPrivate ? "private endpoint" : "public endpoint") { AuthenticatedBy = "IAM (aiplatform.endpoints.predict)" };
        yield return new Transport("the endpoint", PlaintextFromInternet: false, AllowsTlsBelow12: false);
        yield return new RequiredSignals("the endpoint", [VertexPlanner.LatencyMetric, VertexPlanner.ResponseCountMetric]);
    }
}

/// <summary>
/// The Vertex AI gcloud steps (<c>command:local:Command</c> with the Vertex environment; other commands report nothing):
/// the upload's image and container environment; the deploy step's runtime identity, machine, capacity, rollout and
/// request timeout. Vertex runs the container without privileges or host access.
/// </summary>
internal sealed record VertexStepExtractor() : GcpExtractor(GcpTypes.LocalCommand.Token, "Vertex AI gcloud step")
{
    private static readonly IReadOnlyList<Type> s_reports =
    [
        typeof(ImageReference), typeof(PlainEnvironment), typeof(HealthChecks), typeof(ComputeBounds), typeof(Privileges), typeof(HostAccess), typeof(RuntimeIdentity),
        typeof(ServingCapacity), typeof(RolloutGuard), typeof(RequestTimeout),
    ];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        if (resource.Properties.Get("environment") is not MapValue env)
        {
            yield break;
        }

        if (env.Get("MODEL_PREFIX") is not null)
        {
            yield return new ImageReference("the model", env.Get("IMAGE"));
            yield return new PlainEnvironment("the model", [.. Variables(ValueText(env.Get("CONTAINER_ENV")))]);
            yield return new HealthChecks("the model")
            {
                StartupName = "deployment timeout",
                StartupAllowance = env.Get("DEPLOY_TIMEOUT") is not null,
                StartupAllowanceSeconds = decimal.TryParse(ValueText(env.Get("DEPLOY_TIMEOUT")), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null,

                // Vertex routes traffic to a replica once the health route answers, and keeps checking it.
                Readiness = env.Get("HEALTH_ROUTE") is not null,
                Liveness = env.Get("HEALTH_ROUTE") is not null,
                ChecksServer = env.Get("HEALTH_ROUTE") is not null,
            };
        }

        if (env.Get("MACHINE_TYPE") is not null)
        {
            const string Label = "the deployed model";
            yield return new ComputeBounds(Label, MemoryLimited: true) { RequestsCpu = true };
            yield return new Privileges(Label, Privileged: false, CanEscalate: null);
            yield return new HostAccess(Label, OwnNetwork: true, [], [], []);

            // Without --service-account a deployed model runs as a Google-managed service agent shared by the project.
            var own = env.Get("SERVICE_ACCOUNT") is { } account && ValueText(account) != string.Empty;
            yield return new RuntimeIdentity(Label, own, SharesPlatformIdentity: !own);
            yield return new ServingCapacity(Label, decimal.TryParse(ValueText(env.Get("MIN_REPLICAS")), System.Globalization.CultureInfo.InvariantCulture, out var min) ? min : 1);

            // Each revision is a new deployed model beside the serving one; traffic moves only once it is deployed.
            yield return new RolloutGuard(Label) { Gradual = true };
            yield return new RequestTimeout(Label, (decimal)VertexCapabilities.MaxRequestTimeout.TotalSeconds, (decimal)VertexCapabilities.MaxRequestTimeout.TotalSeconds, context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);
        }
    }

    /// <summary>The <c>KEY=VALUE</c> items of a gcloud list value, with or without a <c>^DELIM^</c> prefix.</summary>
    private static IEnumerable<KeyValuePair<string, Value?>> Variables(string? list)
    {
        if (string.IsNullOrEmpty(list))
        {
            yield break;
        }

        var delimiter = ",";
        if (list.StartsWith('^') && list.IndexOf('^', 1) is > 1 and var end)
        {
            delimiter = list[1..end];
            list = list[(end + 1)..];
        }

        foreach (var item in list.Split(delimiter))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0 ? new(item, null) : new(item[..eq], item[(eq + 1)..]);
        }
    }
}
