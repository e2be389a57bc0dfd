using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>A namespaced object that means nothing to the policies but where it lives (Secrets, PodDisruptionBudgets).</summary>
internal sealed record NamespacedObjectExtractor(string ResourceType, string Kind, string Name) : KubernetesExtractor(ResourceType, Kind)
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(NamespacePlacement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
        [new NamespacePlacement($"the {Name}", PodTemplates.InDefaultNamespace(resource))];
}

/// <summary>A ServiceAccount: whether pods using it get an API token.</summary>
internal sealed record ServiceAccountExtractor() : KubernetesExtractor(KubernetesTypes.ServiceAccount.Token, "Kubernetes ServiceAccount")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(ApiTokenMount), typeof(NamespacePlacement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new ApiTokenMount("the ServiceAccount", resource.Properties.Get("automountServiceAccountToken") is not BoolValue { Value: false }),
        new NamespacePlacement("the ServiceAccount", PodTemplates.InDefaultNamespace(resource)),
    ];
}

/// <summary>A Namespace the SDK creates.</summary>
internal sealed record NamespaceExtractor() : KubernetesExtractor(KubernetesTypes.Namespace.Token, "Kubernetes Namespace")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(NamespaceSecurity)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new NamespaceSecurity(
            "the namespace",
            ValuePath.GetString(resource.Properties, "metadata.name") == "default",
            ValuePath.Get(resource.Properties, "metadata.labels") is MapValue labels && labels.Get("pod-security.kubernetes.io/enforce") is StringValue { Value: "restricted" }),
    ];
}

/// <summary>A Service: how far it exposes the pods.</summary>
internal sealed record ServiceExtractor() : KubernetesExtractor(KubernetesTypes.Service.Token, "Kubernetes Service")
{
    /// <summary>The annotations (and values) that make a LoadBalancer Service internal on EKS, AKS and GKE.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> InternalAnnotations =
    [
        new("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
        new("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
        new("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
        new("networking.gke.io/load-balancer-type", "Internal"),
    ];

    private static readonly IReadOnlyList<Type> s_reports = [typeof(Exposure), typeof(NamespacePlacement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var type = ValuePath.GetString(resource.Properties, "spec.type") ?? "ClusterIP";
        var annotations = ValuePath.Get(resource.Properties, "metadata.annotations") as MapValue;
        yield return type switch
        {
            "NodePort" => new Exposure("the Service", true, "type NodePort opens the port on every node"),
            "LoadBalancer" when !InternalAnnotations.Any(a => annotations?.Get(a.Key) is StringValue s && s.Value == a.Value) =>
                new Exposure("the Service", true, "type LoadBalancer without an internal-scheme annotation"),
            _ => new Exposure("the Service", false, $"type {type}"),
        };

        if (ValuePath.Get(resource.Properties, "spec.externalIPs") is ListValue { Items.Length: > 0 })
        {
            yield return new Exposure("the Service", true, "spec.externalIPs");
        }

        yield return new NamespacePlacement("the Service", PodTemplates.InDefaultNamespace(resource));
    }
}

/// <summary>A HorizontalPodAutoscaler: whether it can scale at all.</summary>
internal sealed record AutoscalerExtractor() : KubernetesExtractor(KubernetesTypes.HorizontalPodAutoscaler.Token, "Kubernetes HorizontalPodAutoscaler")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(AutoscalerRange), typeof(NamespacePlacement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new AutoscalerRange("the HorizontalPodAutoscaler", ValuePath.GetNumber(resource.Properties, "spec.maxReplicas") > (ValuePath.GetNumber(resource.Properties, "spec.minReplicas") ?? 1)),
        new NamespacePlacement("the HorizontalPodAutoscaler", PodTemplates.InDefaultNamespace(resource)),
    ];
}

/// <summary>A NetworkPolicy: whether its ingress rules name their sources.</summary>
internal sealed record NetworkPolicyExtractor() : KubernetesExtractor(KubernetesTypes.NetworkPolicy.Token, "Kubernetes NetworkPolicy")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(IngressPolicyRules), typeof(NamespacePlacement)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new IngressPolicyRules("the NetworkPolicy", PodTemplates.Items(ValuePath.Get(resource.Properties, "spec.ingress")).Any(rule => rule.Get("from") is not ListValue { Items.Length: > 0 })),
        new NamespacePlacement("the NetworkPolicy", PodTemplates.InDefaultNamespace(resource)),
    ];
}
