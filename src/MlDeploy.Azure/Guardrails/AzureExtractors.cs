using MlDeploy.Azure.ContainerApps;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Azure.Guardrails;

/// <summary>The base of the Azure extractors (<see cref="FactExtractor"/>).</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record AzureExtractor(string ResourceType, string Kind) : FactExtractor(ResourceType, Kind);

/// <summary>
/// A Container App: per container (server and init containers) its image, environment, memory and privileges; for the
/// app its identity, host access, capacity, probes, ingress exposure and transport, rollout, request timeout and the
/// signals it must have alerts on. Container Apps has no security context: the user comes from the image and nothing
/// sets capabilities, seccomp or a read-only root, so those facts are not reported (docs/AZURE-RUNTIME.md); privileged
/// containers are not possible on the platform (docs, "Containers in Azure Container Apps").
/// </summary>
internal sealed record ContainerAppExtractor() : AzureExtractor(AzureTypes.ContainerApp.Token, "Container App")
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
        var containers = Items(ValuePath.Get(p, "template.containers")).OfType<MapValue>().Select(c => (Container: c, Init: false))
            .Concat(Items(ValuePath.Get(p, "template.initContainers")).OfType<MapValue>().Select(c => (Container: c, Init: true)));
        foreach (var (container, init) in containers)
        {
            var label = $"{(init ? "init container" : "container")} {ValuePath.GetString(container, "name") ?? "?"}";
            yield return new ImageReference(label, ValuePath.Get(container, "image"));
            yield return new PlainEnvironment(label, [.. Items(container.Get("env")).Where(e => ValuePath.Get(e, "value") is not null)
                .Select(e => new KeyValuePair<string, Value?>(ValuePath.GetString(e, "name") ?? string.Empty, ValuePath.Get(e, "value")))]);
            yield return new ComputeBounds(label, ValuePath.Get(container, "resources.memory") is not null) { RequestsCpu = ValuePath.Get(container, "resources.cpu") is not null };
            yield return new Privileges(label, Privileged: false, CanEscalate: null);
            if (!init)
            {
                yield return Probes(label, container);
            }
        }

        // Container Apps replicas share nothing with their host: no host network, namespaces, paths or ports exist in the API.
        yield return new HostAccess("the app", OwnNetwork: true, [], [], []);
        var identityType = ValuePath.GetString(p, "identity.type") ?? "None";
        yield return new RuntimeIdentity("the app", identityType.Contains("Assigned", StringComparison.Ordinal), SharesPlatformIdentity: false);
        yield return new ServingCapacity("the app", ValuePath.GetNumber(p, "template.scale.minReplicas") ?? 0);

        var external = ValuePath.GetBool(p, "configuration.ingress.external") == true;
        if (ValuePath.Get(p, "configuration.ingress") is not null)
        {
            yield return external ? new Exposure("the ingress", true, "external ingress") : new Exposure("the ingress", false, "internal ingress");

            // Ingress terminates TLS 1.2+ and redirects HTTP to HTTPS unless allowInsecure (docs, "Ingress in Azure Container Apps").
            yield return new Transport("the ingress", PlaintextFromInternet: external && ValuePath.GetBool(p, "configuration.ingress.allowInsecure") == true, AllowsTlsBelow12: false);
            yield return new RequestTimeout("the ingress", ContainerAppsPlanner.IngressTimeoutSeconds, ContainerAppsPlanner.IngressTimeoutSeconds, context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);
        }

        // Multiple mode keeps the old revision serving while the new one takes its share; Single replaces it outright.
        yield return new RolloutGuard("the app") { Gradual = ValuePath.GetString(p, "configuration.activeRevisionsMode") is "Multiple" or "Labels" };
        yield return new RequiredSignals("the app", ["ResponseTime", "Requests"]);
    }

    private static HealthChecks Probes(string label, MapValue container)
    {
        var probes = Items(container.Get("probes")).OfType<MapValue>().ToList();
        MapValue? Of(string type) => probes.FirstOrDefault(p => string.Equals(ValuePath.GetString(p, "type"), type, StringComparison.OrdinalIgnoreCase));
        var startup = Of("Startup");
        var readiness = Of("Readiness");
        var liveness = Of("Liveness");

        // Container Apps' defaults: period 10 s, failure threshold 3 (docs, "Health probes in Azure Container Apps").
        decimal? Allowance(MapValue probe) =>
            (ValuePath.GetNumber(probe, "initialDelaySeconds") ?? 0) + ((ValuePath.GetNumber(probe, "periodSeconds") ?? 10) * (ValuePath.GetNumber(probe, "failureThreshold") ?? 3));
        return new HealthChecks(label)
        {
            StartupName = "startup probe",
            StartupAllowance = startup is not null,
            StartupAllowanceSeconds = startup is null ? null : Allowance(startup),
            Readiness = readiness is not null,
            Liveness = liveness is not null,
            ReadinessDistinctFromLiveness = readiness is null || liveness is null ? null : !Value.StructurallyEqual(readiness.Without("type"), liveness.Without("type")),
            ChecksServer = readiness is null ? null : ValuePath.Get(readiness, "httpGet.path") is not null,
        };
    }
}

/// <summary>A Container Apps environment: whether its apps' logs are shipped.</summary>
internal sealed record ManagedEnvironmentExtractor() : AzureExtractor(AzureTypes.ManagedEnvironment.Token, "Container Apps environment")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PlatformInsights)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new PlatformInsights("the environment", "app log destination", ValuePath.GetString(resource.Properties, "appLogsConfiguration.destination") is "log-analytics" or "azure-monitor")];
}

/// <summary>A container registry: anonymous pull and the admin user are public or shared ways in.</summary>
internal sealed record RegistryExtractor() : AzureExtractor(AzureTypes.Registry.Token, "Azure Container Registry")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AnonymousAccess), typeof(LongLivedCredential)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        yield return new AnonymousAccess("the registry", ValuePath.GetBool(resource.Properties, "anonymousPullEnabled") == true ? ["anonymousPullEnabled"] : []);
        if (ValuePath.GetBool(resource.Properties, "adminUserEnabled") == true)
        {
            // The admin user is a shared user name and two long-lived passwords with push rights.
            yield return new LongLivedCredential("registry admin user");
        }
    }
}

/// <summary>A storage account: public blob access, plaintext and TLS versions.</summary>
internal sealed record StorageAccountExtractor() : AzureExtractor(AzureTypes.StorageAccount.Token, "Storage account")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PublicAccess), typeof(Transport)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;

        // Azure has no object ACLs: containers are private unless the account allows public blob access.
        yield return new PublicAccess("the storage account", ValuePath.GetBool(p, "allowBlobPublicAccess") == false ? [] : ["allowBlobPublicAccess"], AclsDisabled: true);
        yield return new Transport(
            "the storage account",
            ValuePath.GetBool(p, "enableHttpsTrafficOnly") == false,
            ValuePath.GetString(p, "minimumTlsVersion") is not ("TLS1_2" or "TLS1_3"));
    }
}

/// <summary>A blob container: its public access level.</summary>
internal sealed record BlobContainerExtractor() : AzureExtractor(AzureTypes.BlobContainer.Token, "Blob container")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PublicAccess)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new PublicAccess("the blob container", ValuePath.GetString(resource.Properties, "publicAccess") is null or "None" ? [] : ["publicAccess"], AclsDisabled: true)];
}

/// <summary>An Azure Monitor metric alert: the metrics its criteria read and whether it notifies an action group.</summary>
internal sealed record MetricAlertExtractor() : AzureExtractor(AzureTypes.MetricAlert.Token, "Azure Monitor metric alert")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AlarmedSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        yield return new AlarmedSignals(
            "the alert",
            [.. Items(ValuePath.Get(p, "criteria.allOf")).Select(c => ValuePath.GetString(c, "metricName")).OfType<string>()],
            ValuePath.GetBool(p, "enabled") != false && Items(p.Get("actions")).Any(a => ValuePath.Get(a, "actionGroupId") is not null));
    }
}

/// <summary>
/// A role assignment: a built-in data role on a registry or blob container is a store grant (read-only roles pass
/// MLS-IAM-06 on one resource); Owner, Contributor and User Access Administrator are administrator-class (MLS-IAM-03);
/// any role on a subscription or resource group counts as granted on every resource.
/// </summary>
internal sealed record RoleAssignmentExtractor() : AzureExtractor(AzureTypes.RoleAssignment.Token, "Azure role assignment")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(StoreGrant), typeof(AttachedPolicy)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var role = RoleId(p.Get("roleDefinitionId"));
        var subject = $"assignment of {AzureRoles.Name(role)}";
        var broad = !NamesOneResource(p.Get("scope"));
        switch (role)
        {
            case AzureRoles.AcrPull:
                yield return new StoreGrant(subject, "the registry", [], broad);
                break;
            case AzureRoles.AcrPush:
                yield return new StoreGrant(subject, "the registry", ["AcrPush"], broad);
                break;
            case AzureRoles.StorageBlobDataReader:
                yield return new StoreGrant(subject, "the artifact store", [], broad);
                break;
            case AzureRoles.StorageBlobDataContributor:
                yield return new StoreGrant(subject, "the artifact store", ["Storage Blob Data Contributor"], broad);
                break;
            case AzureRoles.Owner or AzureRoles.Contributor or AzureRoles.UserAccessAdministrator:
                yield return new AttachedPolicy(subject, AzureRoles.Name(role), AdministratorClass: true);
                break;
        }
    }

    /// <summary>The role's GUID: the last segment of the role definition id (a literal, or the subscription-scoped interpolation).</summary>
    private static string RoleId(Value? definition) => definition switch
    {
        StringValue s => s.Value[(s.Value.LastIndexOf('/') + 1)..],
        Interpolation { Parts: [.., StringValue last] } => last.Value[(last.Value.LastIndexOf('/') + 1)..],
        _ => string.Empty,
    };

    /// <summary>
    /// Whether a scope is one resource (or one of its children): the id of a resource the program creates, or a literal
    /// or interpolated id with a <c>/providers/</c> segment. A subscription or resource group is every resource in it.
    /// </summary>
    private static bool NamesOneResource(Value? scope) => scope switch
    {
        OutputReference { Path: "id" } => true,

        // The storage account of an existing Azure ML workspace, as the workspace reports it: one account's id.
        OutputReference { Target: Invoke i, Path: "storageAccount" } when i.Function == AzureTypes.GetMlWorkspace => true,
        StringValue s => s.Value.Contains("/providers/", StringComparison.OrdinalIgnoreCase),
        Interpolation i => i.Parts.OfType<StringValue>().Any(s => s.Value.Contains("/providers/", StringComparison.OrdinalIgnoreCase)) || i.Parts is [OutputReference { Path: "id" }, ..],
        _ => false,
    };
}

/// <summary>The fact extractors for the Azure resources the Container Apps and Azure ML planners emit.</summary>
public static class AzureFacts
{
    /// <summary>Gets every Azure extractor.</summary>
    public static IReadOnlyList<IFactExtractor> All { get; } =
    [
        new ContainerAppExtractor(), new ManagedEnvironmentExtractor(), new RegistryExtractor(), new StorageAccountExtractor(), new BlobContainerExtractor(),
        new LogRetentionExtractor(AzureTypes.Workspace.Token, "Log Analytics workspace", "the workspace"), new MetricAlertExtractor(), new RoleAssignmentExtractor(),
        new OnlineEndpointExtractor(), new OnlineDeploymentExtractor(), new EnvironmentVersionExtractor(), new MlWorkspaceExtractor(),
    ];
}
