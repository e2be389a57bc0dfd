using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>MLS-CTR-09: workloads stay out of the default namespace, and namespaces the SDK creates enforce the restricted Pod Security profile.</summary>
public sealed class NamespaceRestricted : Guardrail
{
    private static readonly string[] s_namespaced =
    [
        KubernetesTypes.ServiceAccount.Token, KubernetesTypes.Secret.Token, KubernetesTypes.Deployment.Token, KubernetesTypes.Service.Token,
        KubernetesTypes.HorizontalPodAutoscaler.Token, KubernetesTypes.PodDisruptionBudget.Token, KubernetesTypes.NetworkPolicy.Token,
    ];

    /// <inheritdoc/>
    public override string Id => "MLS-CTR-09";

    /// <inheritdoc/>
    public override string Title => "own namespace with Pod Security 'restricted'";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var ns in context.OfType(KubernetesTypes.Namespace.Token))
        {
            if (ValuePath.GetString(ns.Properties, "metadata.name") == "default")
            {
                yield return Fail(ns, "the namespace is 'default'");
            }

            if (ValuePath.Get(ns.Properties, "metadata.labels") is not MapValue labels || labels.Get("pod-security.kubernetes.io/enforce") is not StringValue { Value: "restricted" })
            {
                yield return Fail(ns, "label pod-security.kubernetes.io/enforce is not 'restricted'");
            }
        }

        foreach (var r in context.Graph.Resources.Where(r => s_namespaced.Contains(r.Type.Token, StringComparer.Ordinal)))
        {
            var ns = ValuePath.Get(r.Properties, "metadata.namespace");
            if (ns is null || ns is StringValue { Value: "default" })
            {
                yield return Fail(r, "the object is in the 'default' namespace");
            }
        }
    }
}

/// <summary>MLS-REL-02 (production): replicas are spread across zones.</summary>
public sealed class SpreadAcrossZones : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-02";

    /// <inheritdoc/>
    public override string Title => "replicas are spread across zones";

    /// <inheritdoc/>
    public override RuleLevel Level => RuleLevel.Production;

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from d in PodTemplates.Deployments(context)
        where !PodTemplates.Items(ValuePath.Get(d.Pod, "topologySpreadConstraints")).Any(c =>
            ValuePath.GetString(c, "topologyKey") == "topology.kubernetes.io/zone"
            && ValuePath.GetNumber(c, "maxSkew") >= 1
            && c.Get("labelSelector") is not null)
        select Fail(d.Deployment, "no topology spread constraint across topology.kubernetes.io/zone");
}

/// <summary>MLS-REL-03: the HPA alone owns the replica count, and two or more replicas have a PodDisruptionBudget that still allows evictions.</summary>
public sealed class DisruptionBudgetConsistent : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-03";

    /// <inheritdoc/>
    public override string Title => "HPA owns replicas; PodDisruptionBudget for 2+ replicas";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var hpas = context.OfType(KubernetesTypes.HorizontalPodAutoscaler.Token).ToList();
        var pdbs = context.OfType(KubernetesTypes.PodDisruptionBudget.Token).ToList();
        foreach (var deployment in context.OfType(KubernetesTypes.Deployment.Token))
        {
            var p = deployment.Properties;
            var ns = ValuePath.Get(p, "metadata.namespace");
            var selector = ValuePath.Get(p, "spec.selector.matchLabels");
            var hpa = hpas.FirstOrDefault(h =>
                PodTemplates.Same(ValuePath.Get(h.Properties, "metadata.namespace"), ns)
                && ValuePath.GetString(h.Properties, "spec.scaleTargetRef.kind") == "Deployment"
                && ValuePath.GetString(h.Properties, "spec.scaleTargetRef.name") == ValuePath.GetString(p, "metadata.name"));
            decimal min;
            if (hpa is not null)
            {
                min = ValuePath.GetNumber(hpa.Properties, "spec.minReplicas") ?? 1;
                if (p.Get("spec") is MapValue spec && spec.Get("replicas") is not null)
                {
                    yield return Fail(deployment, $"spec.replicas is set although {hpa.Name} owns the replica count (every update would reset the scale)");
                }

                if (!(ValuePath.GetNumber(hpa.Properties, "spec.maxReplicas") > min))
                {
                    yield return Fail(hpa, "maxReplicas is not above minReplicas");
                }
            }
            else
            {
                min = ValuePath.GetNumber(p, "spec.replicas") ?? 1;
            }

            if (min < 2)
            {
                continue;
            }

            var pdb = pdbs.FirstOrDefault(b =>
                PodTemplates.Same(ValuePath.Get(b.Properties, "metadata.namespace"), ns)
                && PodTemplates.Same(ValuePath.Get(b.Properties, "spec.selector.matchLabels"), selector));
            if (pdb is null)
            {
                yield return Fail(deployment, $"no PodDisruptionBudget selects its pods ({min} replicas)");
                continue;
            }

            var maxUnavailable = ValuePath.Get(pdb.Properties, "spec.maxUnavailable");
            var minAvailable = ValuePath.Get(pdb.Properties, "spec.minAvailable");
            if (maxUnavailable is null && minAvailable is null)
            {
                yield return Fail(pdb, "neither maxUnavailable nor minAvailable is set");
            }
            else if (maxUnavailable is NumberValue { Value: 0 } or StringValue { Value: "0%" } || minAvailable is StringValue { Value: "100%" })
            {
                yield return Fail(pdb, "the budget allows no voluntary eviction, so nodes cannot be drained");
            }
            else if (PodTemplates.Number(minAvailable) is { } available && available >= min)
            {
                yield return Fail(pdb, $"minAvailable {available} is not below the minimum of {min} replicas");
            }
        }
    }
}

/// <summary>MLS-REL-04 (MLS-REL-04 for Kubernetes): startup, readiness and liveness probes, readiness distinct from liveness, start-up allowance covering the model load.</summary>
public sealed class ProbesDistinct : Guardrail
{
    private static readonly string[] s_probes = ["startupProbe", "readinessProbe", "livenessProbe"];

    /// <inheritdoc/>
    public override string Id => "MLS-REL-04";

    /// <inheritdoc/>
    public override string Title => "startup, readiness and distinct liveness probes";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            var timeout = context.Platform.Deployments.FirstOrDefault(d => d.Name == deployment.Owner)?.Serving.StartupTimeout;
            foreach (var container in PodTemplates.Items(ValuePath.Get(pod, "containers")))
            {
                var label = $"container {ValuePath.GetString(container, "name")}";
                foreach (var probe in s_probes.Where(p => container.Get(p) is null))
                {
                    yield return Fail(deployment, $"{label} has no {probe}");
                }

                if (container.Get("readinessProbe") is { } readiness && PodTemplates.Same(readiness, container.Get("livenessProbe")))
                {
                    yield return Fail(deployment, $"{label} uses identical readiness and liveness probes");
                }

                if (container.Get("startupProbe") is { } startup && timeout is { } t)
                {
                    var allowance = (ValuePath.GetNumber(startup, "initialDelaySeconds") ?? 0)
                        + ((ValuePath.GetNumber(startup, "periodSeconds") ?? 10) * (ValuePath.GetNumber(startup, "failureThreshold") ?? 3));
                    if (allowance < (decimal)t.TotalSeconds)
                    {
                        yield return Fail(deployment, $"{label}'s startupProbe allows {allowance} s, less than the start-up timeout of {t.TotalSeconds} s");
                    }
                }
            }
        }
    }
}

/// <summary>MLS-REL-05 (MLS-REL-05 for Kubernetes): rolling updates never take serving capacity away and wait long enough for the model to load.</summary>
public sealed class RollingUpdateKeepsCapacity : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-05";

    /// <inheritdoc/>
    public override string Title => "rolling updates keep capacity (maxUnavailable 0)";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var deployment in context.OfType(KubernetesTypes.Deployment.Token))
        {
            var spec = deployment.Properties.Get("spec");
            var maxUnavailable = ValuePath.Get(spec, "strategy.rollingUpdate.maxUnavailable");
            if (ValuePath.GetString(spec, "strategy.type") is not (null or "RollingUpdate") || maxUnavailable is not (NumberValue { Value: 0 } or StringValue { Value: "0%" }))
            {
                yield return Fail(deployment, "updates may take serving replicas away (use a RollingUpdate with maxUnavailable 0)");
            }

            var timeout = context.Platform.Deployments.FirstOrDefault(d => d.Name == deployment.Owner)?.Serving.StartupTimeout;
            var deadline = ValuePath.GetNumber(spec, "progressDeadlineSeconds") ?? 600;
            if (timeout is { } t && deadline < (decimal)t.TotalSeconds)
            {
                yield return Fail(deployment, $"progressDeadlineSeconds {deadline} is shorter than the start-up timeout of {t.TotalSeconds} s");
            }
        }
    }
}

/// <summary>MLS-KUBE-03: an ingress NetworkPolicy selects the server pods and every rule names its sources.</summary>
public sealed class ServerSelectedByNetworkPolicy : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-KUBE-03";

    /// <inheritdoc/>
    public override string Title => "server pods are selected by an ingress NetworkPolicy";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var policies = context.OfType(KubernetesTypes.NetworkPolicy.Token).ToList();
        foreach (var policy in policies)
        {
            if (PodTemplates.Items(ValuePath.Get(policy.Properties, "spec.ingress")).Any(rule => rule.Get("from") is not ListValue { Items.Length: > 0 }))
            {
                yield return Fail(policy, "an ingress rule admits every source");
            }
        }

        foreach (var deployment in context.OfType(KubernetesTypes.Deployment.Token))
        {
            var ns = ValuePath.Get(deployment.Properties, "metadata.namespace");
            var labels = ValuePath.Get(deployment.Properties, "spec.selector.matchLabels");
            if (!policies.Any(p =>
                PodTemplates.Same(ValuePath.Get(p.Properties, "metadata.namespace"), ns)
                && PodTemplates.Same(ValuePath.Get(p.Properties, "spec.podSelector.matchLabels"), labels)
                && PodTemplates.Strings(ValuePath.Get(p.Properties, "spec.policyTypes")).Contains("Ingress")))
            {
                yield return Fail(deployment, "no NetworkPolicy restricts ingress to its pods");
            }
        }
    }
}

/// <summary>MLS-NET-01: Services are private unless waived: ClusterIP, or a LoadBalancer with the cloud's internal annotation; never NodePort or external IPs.</summary>
public sealed class ServiceNotPublic : Guardrail
{
    /// <summary>The annotations (and values) that make a LoadBalancer Service internal on EKS, AKS and GKE.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> InternalAnnotations =
    [
        new("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
        new("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
        new("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
        new("networking.gke.io/load-balancer-type", "Internal"),
    ];

    /// <inheritdoc/>
    public override string Id => "MLS-NET-01";

    /// <inheritdoc/>
    public override string Title => "services are private by default";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var service in context.OfType(KubernetesTypes.Service.Token))
        {
            var type = ValuePath.GetString(service.Properties, "spec.type");
            if (type == "NodePort")
            {
                yield return Fail(service, "type NodePort exposes the pods on every node");
            }
            else if (type == "LoadBalancer" && !InternalAnnotations.Any(a => ValuePath.Get(service.Properties, "metadata.annotations") is MapValue m && m.Get(a.Key) is StringValue s && s.Value == a.Value))
            {
                yield return Fail(service, "type LoadBalancer without an internal-scheme annotation is reachable from the internet");
            }

            if (ValuePath.Get(service.Properties, "spec.externalIPs") is ListValue { Items.Length: > 0 })
            {
                yield return Fail(service, "spec.externalIPs exposes the service outside the cluster");
            }
        }
    }
}
