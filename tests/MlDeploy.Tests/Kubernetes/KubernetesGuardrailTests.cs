using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>Every policy over Kubernetes objects: silent on the reference workloads, and firing on one mutation of the CPU one.</summary>
public class KubernetesGuardrailTests
{
    private static readonly Planned s_cpu = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g));
    private static readonly Planned s_gpu = KubernetesSamples.Plan(KubernetesSamples.GpuWorkload);

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> Violations => new()
    {
        { "MLS-CTR-01", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.runAsNonRoot", false), "fraud-deployment", "container server may run as root" },
        { "MLS-REL-01", g => g.Set("fraud-autoscaler", "spec.minReplicas", 1), "fraud-deployment", "the Deployment starts with fewer than 2 instances (one zone failure takes it down)" },
        { "MLS-CTR-02", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation", true), "fraud-deployment", "container server may escalate privileges (allowPrivilegeEscalation is not false)" },
        { "MLS-CTR-03", g => g.Set("fraud-deployment", "spec.template.spec.initContainers[0].securityContext.capabilities.add", Value.List("NET_ADMIN")), "fraud-deployment", "init container model-loader adds capability NET_ADMIN" },
        { "MLS-CTR-04", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem", false), "fraud-deployment", "container server has a writable root file system" },
        { "MLS-CTR-05", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.seccompProfile", Value.Map(("type", "Unconfined"))), "fraud-deployment", "container server runs with seccomp profile Unconfined, not RuntimeDefault" },
        { "MLS-CTR-06", g => g.Set("fraud-deployment", "spec.template.spec.hostNetwork", true), "fraud-deployment", "the pod has no network namespace of its own" },
        { "MLS-CTR-07", g => g.Set("fraud-service-account", "automountServiceAccountToken", true), "fraud-service-account", "the ServiceAccount does not set automountServiceAccountToken: false" },
        { "MLS-CTR-08", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].resources.limits.memory", "16Gi"), "fraud-deployment", "container server has a memory limit different from its request" },
        { "MLS-CTR-09", g => g.Set("cluster-namespace-ml-serving", "metadata.labels", Value.Map(("pod-security.kubernetes.io/enforce", "baseline"))), "cluster-namespace-ml-serving", "label pod-security.kubernetes.io/enforce is not 'restricted'" },
        { "MLS-REL-02", g => g.Set("fraud-deployment", "spec.template.spec.topologySpreadConstraints", Value.List()), "fraud-deployment", "no topology spread constraint across topology.kubernetes.io/zone" },
        { "MLS-REL-03", g => g.WithoutResource("fraud-disruption-budget"), "fraud-deployment", "no PodDisruptionBudget selects its pods (2 replicas)" },
        { "MLS-REL-04", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].livenessProbe", ValuePath.Get(g.Resources.Single(r => r.Name == "fraud-deployment").Properties, "spec.template.spec.containers[0].readinessProbe")), "fraud-deployment", "container server uses identical readiness and liveness checks" },
        { "MLS-REL-05", g => g.Set("fraud-deployment", "spec.strategy.rollingUpdate.maxUnavailable", "25%"), "fraud-deployment", "updates may take serving replicas away (use a RollingUpdate with maxUnavailable 0)" },
        { "MLS-KUBE-03", g => g.WithoutResource("fraud-network-policy"), "fraud-deployment", "no NetworkPolicy restricts ingress to its pods" },
        { "MLS-NET-01", g => g.Set("fraud-service", "spec.type", "LoadBalancer"), "fraud-service", "the Service is reachable from outside the private network (type LoadBalancer without an internal-scheme annotation)" },
        { "MLS-NET-02", g => g.Set("fraud-service", "spec.type", "LoadBalancer"), "fraud-service", "the Service is reachable from outside the private network (type LoadBalancer without an internal-scheme annotation) and nothing the program sets up authenticates its callers" },
        { "MLS-SEC-01", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].env", Value.List(Value.Map(("name", "API_TOKEN"), ("value", "sk-live-123")))), "fraud-deployment", "environment variable API_TOKEN of container server looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)" },
        { "MLS-IMG-01", g => g.Set("fraud-deployment", "spec.template.spec.initContainers[0].image", "public.ecr.aws/aws-cli/aws-cli:2.22.35"), "fraud-deployment", "the image of init container model-loader is not pinned by digest" },
    };

    /// <summary>Further failing cases of rules with several conditions.</summary>
    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> MoreViolations => new()
    {
        { "MLS-CTR-01", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.runAsUser", 0), "fraud-deployment", "container server may run as root" },
        { "MLS-CTR-02", g => g.Set("fraud-deployment", "spec.template.spec.initContainers[0].securityContext.privileged", true), "fraud-deployment", "init container model-loader is privileged" },
        { "MLS-CTR-03", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.capabilities.drop", Value.List("NET_RAW")), "fraud-deployment", "container server does not drop ALL capabilities" },
        { "MLS-CTR-06", g => g.Set("fraud-deployment", "spec.template.spec.volumes[1]", Value.Map(("name", "tmp"), ("hostPath", Value.Map(("path", "/tmp"))))), "fraud-deployment", "volume tmp is a hostPath" },
        { "MLS-CTR-06", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].ports[0].hostPort", 8080), "fraud-deployment", "container server binds a host port" },
        { "MLS-IAM-05", g => g.Set("fraud-deployment", "spec.template.spec.serviceAccountName", "default"), "fraud-deployment", "the pod has no identity of its own" },
        { "MLS-CTR-07", g => g.Set("fraud-deployment", "spec.template.spec.automountServiceAccountToken", null), "fraud-deployment", "the pod does not set automountServiceAccountToken: false" },
        { "MLS-CTR-08", g => g.Set("fraud-deployment", "spec.template.spec.initContainers[0].resources.requests.cpu", null), "fraud-deployment", "init container model-loader requests no cpu" },
        { "MLS-CTR-08", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].resources.limits.ephemeral-storage", null), "fraud-deployment", "container server has no ephemeral-storage request and limit" },
        { "MLS-CTR-09", g => g.Set("fraud-service", "metadata.namespace", "default"), "fraud-service", "the Service is in the 'default' namespace" },
        { "MLS-REL-03", g => g.Set("fraud-deployment", "spec.replicas", 2), "fraud-deployment", "spec.replicas is set although fraud-autoscaler owns the replica count (every update would reset the scale)" },
        { "MLS-REL-03", g => g.Set("fraud-disruption-budget", "spec.maxUnavailable", 0), "fraud-disruption-budget", "the budget allows no voluntary eviction, so nodes cannot be drained" },
        { "MLS-REL-03", g => g.Set("fraud-disruption-budget", "spec.maxUnavailable", null).Set("fraud-disruption-budget", "spec.minAvailable", 2), "fraud-disruption-budget", "minAvailable 2 is not below the minimum of 2 replicas" },
        { "MLS-REL-03", g => g.Set("fraud-autoscaler", "spec.maxReplicas", 2), "fraud-autoscaler", "maxReplicas is not above minReplicas" },
        { "MLS-REL-04", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].startupProbe", null), "fraud-deployment", "container server has no startupProbe" },
        { "MLS-REL-04", g => g.Set("fraud-deployment", "spec.template.spec.containers[0].startupProbe.failureThreshold", 30), "fraud-deployment", "container server's startupProbe allows 300 s, less than the start-up timeout of 600 s" },
        { "MLS-REL-05", g => g.Set("fraud-deployment", "spec.progressDeadlineSeconds", 300), "fraud-deployment", "progressDeadlineSeconds 300 is shorter than the start-up timeout of 600 s" },
        { "MLS-KUBE-03", g => g.Set("fraud-network-policy", "spec.ingress[0].from", null), "fraud-network-policy", "an ingress rule admits every source" },
        { "MLS-NET-01", g => g.Set("fraud-service", "spec.type", "NodePort"), "fraud-service", "the Service is reachable from outside the private network (type NodePort opens the port on every node)" },
        { "MLS-NET-01", g => g.Set("fraud-service", "spec.externalIPs", Value.List("203.0.113.10")), "fraud-service", "the Service is reachable from outside the private network (spec.externalIPs)" },
    };

    [Fact]
    public void Catalogue_EveryPolicyReadingKubernetesFactsHasAViolationCase()
    {
        var engine = PolicyChecks.Engine(KubernetesFacts.All);
        var covering = engine.Policies.Where(p => engine.Covering(p.Id).Any()).Select(p => p.Id);

        Assert.Subset(Violations.Concat(MoreViolations).Select(row => (string)row[0]).ToHashSet(), covering.ToHashSet());
    }

    [Fact]
    public void ReferenceWorkloads_PassEveryRule()
    {
        Assert.Empty(PolicyChecks.Engine(KubernetesFacts.All).Check(new GuardrailContext(s_cpu.Graph, s_cpu.Platform)));
        Assert.Empty(PolicyChecks.Engine(KubernetesFacts.All).Check(new GuardrailContext(s_gpu.Graph, s_gpu.Platform)));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    [MemberData(nameof(MoreViolations))]
    public void Rule_OneMutation_FiresOnThatResource(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        var findings = PolicyChecks.Findings(ruleId, mutate(s_cpu.Graph), s_cpu.Platform, KubernetesFacts.All);

        // The namespace is the cluster's, owned by no deployment.
        Assert.Equal([new Finding(ruleId, resource.StartsWith("cluster-", StringComparison.Ordinal) ? null : "fraud", resource, message)], findings);
    }

    [Fact]
    public void Ctr08_GpuRequestsDifferentFromLimits_Fires()
    {
        var graph = s_gpu.Graph.Set("llm-deployment", "spec.template.spec.containers[0].resources.limits", Value.Map(("memory", "28160Mi"), ("ephemeral-storage", "62Gi"), ("nvidia.com/gpu", "2")));

        var finding = Assert.Single(PolicyChecks.Findings("MLS-CTR-08", graph, s_gpu.Platform, KubernetesFacts.All));

        Assert.Equal("container server requests a different number of GPUs than it limits", finding.Message);
    }

    [Fact]
    public void Net01Net02_InternalLoadBalancer_Passes_PublicOneIsWaivable()
    {
        Assert.Empty(PolicyChecks.Findings("MLS-NET-01", s_gpu.Graph, s_gpu.Platform, KubernetesFacts.All));
        Assert.Empty(PolicyChecks.Findings("MLS-NET-02", s_gpu.Graph, s_gpu.Platform, KubernetesFacts.All));
        var graph = s_gpu.Graph.Set("llm-service", "metadata.annotations", Value.Map(("service.beta.kubernetes.io/azure-load-balancer-internal", "false")));
        var waivers = new[] { new Waiver("MLS-NET-01", "partner API reached from the internet"), new Waiver("MLS-NET-02", "partner API, authenticated by the gateway") };
        var onlyNet01 = s_gpu.Platform with { Deployments = [s_gpu.Platform.Deployments[0] with { Waivers = [waivers[0]] }] };
        var both = s_gpu.Platform with { Deployments = [s_gpu.Platform.Deployments[0] with { Waivers = [.. waivers] }] };

        Assert.Equal(
            [("MLS-NET-01", GuardrailStatus.Waived), ("MLS-NET-02", GuardrailStatus.Violation)],
            PolicyChecks.Engine(KubernetesFacts.All).Check(new GuardrailContext(graph, onlyNet01)).Select(o => (o.Finding.RuleId, o.Status)));
        Assert.Equal(
            [("MLS-NET-01", GuardrailStatus.Waived), ("MLS-NET-02", GuardrailStatus.Waived)],
            PolicyChecks.Engine(KubernetesFacts.All).Check(new GuardrailContext(graph, both)).Select(o => (o.Finding.RuleId, o.Status)));
    }

    [Fact]
    public void Rel02_InDevelopment_IsAdvisory()
    {
        var dev = s_cpu.Platform with { Profile = EnvironmentProfile.Development };
        var graph = s_cpu.Graph.Set("fraud-deployment", "spec.template.spec.topologySpreadConstraints", null);

        var outcome = Assert.Single(PolicyChecks.Engine(KubernetesFacts.All).Check(new GuardrailContext(graph, dev)));

        Assert.Equal(("MLS-REL-02", GuardrailStatus.Advisory), (outcome.Finding.RuleId, outcome.Status));
    }
}
