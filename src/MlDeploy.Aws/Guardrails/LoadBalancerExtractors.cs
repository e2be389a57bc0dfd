using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>An application load balancer.</summary>
internal sealed record LoadBalancerExtractor() : AwsExtractor(AwsTypes.LoadBalancer.Token, "Application load balancer")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(RequestHardening), typeof(RequestTimeout)];

    public override IReadOnlyList<Type> Reports => s_reports;

    /// <summary>
    /// The ALB idle timeout: 60 s unless set, at most 4000 s (Elastic Load Balancing User Guide for Application Load
    /// Balancers, "Connection idle timeout"; SECURITY.md section 3.4).
    /// </summary>
    public const int DefaultIdleTimeoutSeconds = 60;

    /// <summary>The longest idle timeout an ALB accepts.</summary>
    public const int MaxIdleTimeoutSeconds = 4000;

    public static bool InternetFacing(Resource lb) => ValuePath.GetBool(lb.Properties, "internal") != true;

    /// <summary>
    /// The authenticate action every listener of the load balancer runs first (an ALB authenticates callers only where
    /// a listener's default actions start with <c>authenticate-oidc</c> or <c>authenticate-cognito</c>), or null.
    /// With <paramref name="withRules"/>, every listener rule must authenticate first too.
    /// </summary>
    private static string? Authenticator(Resource[] ownListeners, GuardrailContext context, bool withRules)
    {
        // A listener rule is another path to the targets: it must authenticate first too, or it bypasses the default action.
        var rulesByListener = withRules ? ReferenceIndex.ByTarget(context, AwsTypes.ListenerRule.Token, "listenerArn") : null;
        var firstActions = new List<string?>(ownListeners.Length);
        foreach (var listener in ownListeners)
        {
            firstActions.Add(FirstAction(listener.Properties.Get("defaultActions")));
            foreach (var rule in rulesByListener?[listener.Name] ?? [])
            {
                firstActions.Add(FirstAction(rule.Properties.Get("actions")));
            }
        }

        return firstActions.Count > 0 && firstActions.All(IsAuthentication)
            ? $"the listeners' {string.Join(", ", firstActions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))} action"
            : null;
    }

    public static bool IsAuthentication(string? actionType) => actionType is "authenticate-oidc" or "authenticate-cognito";

    /// <summary>The type of the action that runs first (lowest <c>order</c>; listed order when none is set).</summary>
    public static string? FirstAction(Value? actions) =>
        PolicyStatements.Items(actions).OfType<MapValue>()
            .Select((a, i) => (Order: ValuePath.GetNumber(a, "order") ?? 50_000 + i, Type: ValuePath.GetString(a, "type")))
            .OrderBy(a => a.Order)
            .Select(a => a.Type)
            .FirstOrDefault();

    /// <summary>
    /// A load balancer's exposure. One owned by a deployment is that deployment's entry point. A service group's
    /// (owned by no deployment) is judged on its listeners' default actions only, the path of a request that matches no
    /// route: each route is a listener rule owned by its deployment (<see cref="ListenerRuleExtractor"/>), so each
    /// deployment's waivers or the group's authentication decide for its own route.
    /// </summary>
    private static Exposure ExposureOf(Resource lb, GuardrailContext context)
    {
        // Looked up by name (unique in a graph) in an index built once: a scan of every listener per load balancer was
        // quadratic (100 load balancers in the 1 000-deployment benchmark: 2.6 % of a synthesis).
        Resource[] ownListeners = [.. ReferenceIndex.ByTarget(context, AwsTypes.Listener.Token, "loadBalancerArn")[lb.Name]];
        if (lb.Owner is not null)
        {
            return (InternetFacing(lb) ? new Exposure("the load balancer", true, "internet-facing scheme") : new Exposure("the load balancer", false, "internal scheme"))
                with { AuthenticatedBy = Authenticator(ownListeners, context, withRules: true) };
        }

        var forwards = ownListeners.Any(l => PolicyStatements.Items(l.Properties.Get("defaultActions")).OfType<MapValue>().Any(a => ValuePath.GetString(a, "type") == "forward"));
        return !InternetFacing(lb) ? new Exposure("the load balancer", false, "internal scheme")
            : forwards ? new Exposure("the load balancer", true, "internet-facing scheme, default action forwards") { AuthenticatedBy = Authenticator(ownListeners, context, withRules: false) }
            : new Exposure("the load balancer", false, "internet-facing scheme, but its default action serves no deployment: each route is judged on its listener rule");
    }

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        ExposureOf(resource, context),
        new RequestHardening(
            "the load balancer",
            ValuePath.GetBool(resource.Properties, "dropInvalidHeaderFields") == true,
            ValuePath.GetString(resource.Properties, "desyncMitigationMode") is "defensive" or "strictest"),

        // The ALB closes a connection idle for longer than this, so a response slower than it never arrives.
        new RequestTimeout(
            "the load balancer",
            ValuePath.Get(resource.Properties, "idleTimeout") is NumberValue n ? n.Value : DefaultIdleTimeoutSeconds,
            MaxIdleTimeoutSeconds,
            context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms),
    ];
}

/// <summary>A load balancer listener: internal listeners may be plain HTTP; HTTPS ones must refuse TLS below 1.2.</summary>
internal sealed record ListenerExtractor() : AwsExtractor(AwsTypes.Listener.Token, "Load balancer listener")
{
    private static readonly string[] s_modernPolicies = ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06"];
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Transport)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var protocol = ValuePath.GetString(resource.Properties, "protocol");
        var lb = (resource.Properties.Get("loadBalancerArn") as OutputReference)?.Target as Resource;
        yield return new Transport(
            "the listener",
            protocol != "HTTPS" && lb is not null && LoadBalancerExtractor.InternetFacing(lb),
            protocol == "HTTPS" && !s_modernPolicies.Contains(ValuePath.GetString(resource.Properties, "sslPolicy"), StringComparer.Ordinal));
    }
}

/// <summary>
/// A listener rule on a load balancer its deployment shares (a service group's): the deployment's own entry point, so
/// its exposure (MLS-NET-01), whether it authenticates first (MLS-NET-02) and whether the shared idle timeout fits the
/// deployment's latency (MLS-REL-06) are judged here, on a resource the deployment owns and can waive for. A rule on a
/// deployment's own load balancer is judged with that load balancer.
/// </summary>
internal sealed record ListenerRuleExtractor() : AwsExtractor(AwsTypes.ListenerRule.Token, "Load balancer listener rule")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(RequestTimeout)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var listener = (resource.Properties.Get("listenerArn") as OutputReference)?.Target as Resource;
        if ((listener?.Properties.Get("loadBalancerArn") as OutputReference)?.Target is not Resource lb || lb.Owner == resource.Owner)
        {
            yield break;
        }

        var first = LoadBalancerExtractor.FirstAction(resource.Properties.Get("actions"));
        yield return (LoadBalancerExtractor.InternetFacing(lb)
                ? new Exposure("the route", true, $"a rule of the internet-facing load balancer {lb.Name}")
                : new Exposure("the route", false, $"a rule of the internal load balancer {lb.Name}"))
            with { AuthenticatedBy = LoadBalancerExtractor.IsAuthentication(first) ? $"the route's {first} action" : null };
        yield return new RequestTimeout(
            "the route's load balancer",
            ValuePath.Get(lb.Properties, "idleTimeout") is NumberValue n ? n.Value : LoadBalancerExtractor.DefaultIdleTimeoutSeconds,
            LoadBalancerExtractor.MaxIdleTimeoutSeconds,
            context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);
    }
}

/// <summary>A target group: whether its health check asks the server.</summary>
internal sealed record TargetGroupExtractor() : AwsExtractor(AwsTypes.TargetGroup.Token, "Load balancer target group")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(HealthChecks)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new HealthChecks("the target group") { ChecksServer = ValuePath.GetString(resource.Properties, "healthCheck.path") is not null }];
}

/// <summary>A security group ingress rule: whether it opens the tasks' group to anything but the load balancer's group.</summary>
internal sealed record SecurityGroupIngressExtractor() : AwsExtractor(AwsTypes.SecurityGroupIngressRule.Token, "Security group ingress rule")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(WorkloadIngress)];
    private static readonly object s_taskGroups = new();
    private static readonly object s_loadBalancerGroups = new();

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        // The same two sets for every rule of the graph: built once (per rule they made the guardrails quadratic).
        var taskGroups = context.Index(s_taskGroups, c => GroupNames(c.OfType(AwsTypes.EcsService.Token).SelectMany(s => PolicyStatements.Items(ValuePath.Get(s.Properties, "networkConfiguration.securityGroups")))));
        var lbGroups = context.Index(s_loadBalancerGroups, c => GroupNames(c.OfType(AwsTypes.LoadBalancer.Token).SelectMany(l => PolicyStatements.Items(l.Properties.Get("securityGroups")))));
        var group = ValuePath.Get(resource.Properties, "securityGroupId") is OutputReference { Target: Resource g } && taskGroups.Contains(g.Name) ? g.Name : null;
        yield return new WorkloadIngress(
            "the rule",
            group,
            ValuePath.Get(resource.Properties, "referencedSecurityGroupId") is OutputReference { Target: Resource source } && lbGroups.Contains(source.Name));
    }

    private static HashSet<string> GroupNames(IEnumerable<Value> references) =>
        references.OfType<OutputReference>().Select(r => r.Target).OfType<Resource>().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
}
