using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>
/// A model-server Deployment: its pod template, plus what serving needs (probes, zone spread, replica ownership and
/// disruption budget, ingress policy, rollout), which reads the HPA, PDB and NetworkPolicy that select it.
/// </summary>
internal sealed record DeploymentExtractor() : KubernetesExtractor(KubernetesTypes.Deployment.Token, "Kubernetes Deployment")
{
    private static readonly IReadOnlyList<Type> s_reports = PodTemplateExtractor.With(
        typeof(HealthChecks), typeof(ZoneSpread), typeof(ReplicaManagement), typeof(ServingCapacity), typeof(IngressPolicyCoverage), typeof(RolloutGuard));

    // Where each companion kind keeps the namespace and the selector (or the target's name) a Deployment is matched by.
    private static readonly Companion s_networkPolicies = new(KubernetesTypes.NetworkPolicy.Token, "spec.podSelector.matchLabels", ByName: false);
    private static readonly Companion s_autoscalers = new(KubernetesTypes.HorizontalPodAutoscaler.Token, "spec.scaleTargetRef.name", ByName: true);
    private static readonly List<Resource> s_none = [];
    private static readonly Companion s_budgets = new(KubernetesTypes.PodDisruptionBudget.Token, "spec.selector.matchLabels", ByName: false);

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var pod = ValuePath.Get(p, "spec.template.spec");
        var ns = ValuePath.Get(p, "metadata.namespace");
        var selector = ValuePath.Get(p, "spec.selector.matchLabels");
        foreach (var fact in PodTemplateExtractor.Extract(resource, "Deployment", nodeAgent: false))
        {
            yield return fact;
        }

        foreach (var container in PodTemplates.Items(ValuePath.Get(pod, "containers")))
        {
            yield return Probes($"container {ValuePath.GetString(container, "name")}", container);
        }

        yield return new ZoneSpread("the pod", PodTemplates.Items(ValuePath.Get(pod, "topologySpreadConstraints")).Any(c =>
            ValuePath.GetString(c, "topologyKey") == "topology.kubernetes.io/zone"
            && ValuePath.GetNumber(c, "maxSkew") >= 1
            && c.Get("labelSelector") is not null));
        var replicas = Replicas(resource, context, ns, selector);
        yield return replicas;

        // MLS-REL-01 on Kubernetes: the floor is the HPA's minReplicas, or the fixed replica count.
        yield return new ServingCapacity("the Deployment", replicas.MinReplicas);
        yield return new IngressPolicyCoverage("the pod", Selecting(context, s_networkPolicies, ns, selector).Any(np =>
            Value.StructurallyEqual(ValuePath.Get(np.Properties, "metadata.namespace"), ns)
            && Value.StructurallyEqual(ValuePath.Get(np.Properties, "spec.podSelector.matchLabels"), selector)
            && PodTemplates.Strings(ValuePath.Get(np.Properties, "spec.policyTypes")).Contains("Ingress")));

        var spec = p.Get("spec");
        var maxUnavailable = ValuePath.Get(spec, "strategy.rollingUpdate.maxUnavailable");
        yield return new RolloutGuard("the Deployment")
        {
            KeepsCapacity = ValuePath.GetString(spec, "strategy.type") is null or "RollingUpdate" && maxUnavailable is NumberValue { Value: 0 } or StringValue { Value: "0%" },

            // Kubernetes' default deadline.
            ProgressDeadlineSeconds = ValuePath.GetNumber(spec, "progressDeadlineSeconds") ?? 600,
        };
    }

    private static HealthChecks Probes(string label, MapValue container)
    {
        var startup = container.Get("startupProbe");
        var readiness = container.Get("readinessProbe");
        return new HealthChecks(label)
        {
            StartupName = "startupProbe",
            StartupAllowance = startup is not null,
            Readiness = readiness is not null,
            Liveness = container.Get("livenessProbe") is not null,
            ReadinessDistinctFromLiveness = readiness is null ? null : !Value.StructurallyEqual(readiness, container.Get("livenessProbe")),

            // Kubernetes' defaults: no initial delay, every 10 s, 3 failures.
            StartupAllowanceSeconds = startup is null ? null
                : (ValuePath.GetNumber(startup, "initialDelaySeconds") ?? 0) + ((ValuePath.GetNumber(startup, "periodSeconds") ?? 10) * (ValuePath.GetNumber(startup, "failureThreshold") ?? 3)),
        };
    }

    private static ReplicaManagement Replicas(Resource deployment, GuardrailContext context, Value? ns, Value? selector)
    {
        var p = deployment.Properties;
        var hpa = Selecting(context, s_autoscalers, ns, Name(ValuePath.Get(p, "metadata.name"))).FirstOrDefault(h =>
            Value.StructurallyEqual(ValuePath.Get(h.Properties, "metadata.namespace"), ns)
            && ValuePath.GetString(h.Properties, "spec.scaleTargetRef.kind") == "Deployment"
            && ValuePath.GetString(h.Properties, "spec.scaleTargetRef.name") == ValuePath.GetString(p, "metadata.name"));
        var min = hpa is not null ? ValuePath.GetNumber(hpa.Properties, "spec.minReplicas") ?? 1 : ValuePath.GetNumber(p, "spec.replicas") ?? 1;
        var pdb = Selecting(context, s_budgets, ns, selector).FirstOrDefault(b =>
            Value.StructurallyEqual(ValuePath.Get(b.Properties, "metadata.namespace"), ns)
            && Value.StructurallyEqual(ValuePath.Get(b.Properties, "spec.selector.matchLabels"), selector));
        var maxUnavailable = ValuePath.Get(pdb?.Properties, "spec.maxUnavailable");
        var minAvailable = ValuePath.Get(pdb?.Properties, "spec.minAvailable");
        return new ReplicaManagement("the Deployment", hpa?.Name, hpa is not null && ValuePath.Get(p, "spec.replicas") is not null, min, pdb)
        {
            BudgetHasPolicy = maxUnavailable is not null || minAvailable is not null,
            BudgetAllowsEviction = !(maxUnavailable is NumberValue { Value: 0 } or StringValue { Value: "0%" } || minAvailable is StringValue { Value: "100%" }),
            BudgetMinAvailable = PodTemplates.Number(minAvailable),
        };
    }

    /// <summary>
    /// The companions of one kind that may select a Deployment: those whose namespace and selector hash like the
    /// Deployment's, in graph order. Callers still compare exactly; the index (built once per graph) only spares
    /// every Deployment a scan of every companion.
    /// </summary>
    private static List<Resource> Selecting(GuardrailContext context, Companion companion, Value? ns, Value? selector)
    {
        var index = context.Index(companion, c =>
        {
            var byKey = new Dictionary<int, List<Resource>>();
            foreach (var r in c.ResourcesOf(companion.Token))
            {
                var selects = ValuePath.Get(r.Properties, companion.Selector);
                var key = Key(ValuePath.Get(r.Properties, "metadata.namespace"), companion.ByName ? Name(selects) : selects);
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey.Add(key, list = []);
                }

                list.Add(r);
            }

            return byKey;
        });
        return index.TryGetValue(Key(ns, selector), out var found) ? found : s_none;
    }

    private static int Key(Value? ns, Value? selector) =>
        HashCode.Combine(Value.StructuralHashCode(ns), Value.StructuralHashCode(selector));

    // Names are compared as literal strings (anything else reads as null), so they are hashed that way too.
    private static StringValue? Name(Value? name) => name as StringValue;

    private sealed record Companion(string Token, string Selector, bool ByName);
}
