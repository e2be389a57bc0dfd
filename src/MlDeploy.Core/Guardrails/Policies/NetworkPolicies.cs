using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>MLS-NET-01: public serving is a legitimate choice, but an explicit one (a waiver).</summary>
internal sealed class PrivateExposurePolicy : PolicyRule<Exposure>
{
    public override Policy Policy { get; } = new("MLS-NET-01", "private exposure by default", RuleLevel.Default, ["AZP 783ea2a8", "AVD-AWS-0053", "KS service-type"]);

    protected override IEnumerable<string> Problems(Exposure fact, GuardrailContext context) =>
        fact.Public ? [$"{fact.Subject} is reachable from outside the private network ({fact.Via})"] : [];
}

/// <summary>
/// MLS-NET-02: a public entry point whose callers nothing in the program authenticates (a Fargate internet-facing load
/// balancer without an authenticate action, a public Kubernetes LoadBalancer Service) trusts the server or a gateway the
/// SDK cannot see. That can be right, so it is waivable, but it is said explicitly, with the reason in the plan.
/// </summary>
internal sealed class PublicAuthenticationPolicy : PolicyRule<Exposure>
{
    public override Policy Policy { get; } = new("MLS-NET-02", "public endpoints authenticate callers", RuleLevel.Default, ["CKV_GCP_102", "KICS 07a27a3b"]);

    protected override IEnumerable<string> Problems(Exposure fact, GuardrailContext context) =>
        fact.Public && fact.AuthenticatedBy is null
            ? [$"{fact.Subject} is reachable from outside the private network ({fact.Via}) and nothing the program sets up authenticates its callers"]
            : [];
}

/// <summary>MLS-NET-03.</summary>
internal sealed class TlsOnlyPolicy : PolicyRule<Transport>
{
    public override Policy Policy { get; } = new("MLS-NET-03", "TLS only, TLS 1.2 or later", RuleLevel.Default, ["CKV_AWS_2", "CKV_AWS_103", "CKV2_AWS_20", "AZP 0e80e269", "CKV_AZURE_44"]);

    protected override IEnumerable<string> Problems(Transport fact, GuardrailContext context) =>
        (fact.PlaintextFromInternet ? new[] { $"{fact.Subject} accepts requests without TLS" } : [])
            .Concat(fact.AllowsTlsBelow12 ? [$"{fact.Subject} allows TLS below 1.2"] : []);
}

/// <summary>MLS-NET-04.</summary>
internal sealed class RequestHardeningPolicy : PolicyRule<RequestHardening>
{
    public override Policy Policy { get; } = new("MLS-NET-04", "load balancers drop invalid headers and mitigate desync", RuleLevel.Default, ["CKV_AWS_131", "CKV_AWS_328", "AVD-AWS-0052"]);

    protected override IEnumerable<string> Problems(RequestHardening fact, GuardrailContext context) =>
        (fact.DropsInvalidHeaders ? [] : new[] { $"{fact.Subject} passes invalid header fields on" })
            .Concat(fact.MitigatesDesync ? [] : [$"{fact.Subject} does not mitigate HTTP desync (defensive or strictest)"]);
}

/// <summary>MLS-NET-05.</summary>
internal sealed class PrivateTasksPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-NET-05", "tasks are reachable only through the load balancer", RuleLevel.Default, ["CKV_AWS_333", "SH ECS.2", "CKV_AWS_260", "CKV_AWS_277"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(PublicAddress), typeof(WorkloadIngress)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<PublicAddress>())
        {
            if (at.Fact.Assigned)
            {
                yield return Fail(at, $"{at.Fact.Subject} gives its tasks public IP addresses");
            }
        }

        foreach (var at in facts.Of<WorkloadIngress>())
        {
            if (at.Fact.ProtectedGroup is not null && !at.Fact.FromLoadBalancerOnly)
            {
                yield return Fail(at, $"admits traffic to the tasks' group {at.Fact.ProtectedGroup} from something other than the load balancer's group");
            }
        }
    }
}

/// <summary>MLS-NET-06.</summary>
internal sealed class ModelIsolationPolicy : PolicyRule<ModelEgress>
{
    public override Policy Policy { get; } = new("MLS-NET-06", "SageMaker models are network-isolated", RuleLevel.Default, ["CKV_AWS_370", "SH SageMaker.5"]);

    protected override IEnumerable<string> Problems(ModelEgress fact, GuardrailContext context) =>
        fact.Isolated ? [] : [$"{fact.Subject} is neither network-isolated nor in a VPC"];
}

/// <summary>MLS-KUBE-03 (SECURITY.md section 2.24.8).</summary>
internal sealed class IngressPolicyPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-KUBE-03", "server pods are selected by an ingress NetworkPolicy", RuleLevel.Default,
        ["CKV2_K8S_6", "KS pod-networkpolicy", "POL missingNetworkPolicy", "CIS-EKS 4.3.2", "CIS-GKE 4.3.2", "CIS-AKS 4.4.2"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(IngressPolicyCoverage), typeof(IngressPolicyRules)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<IngressPolicyRules>())
        {
            if (at.Fact.AdmitsEverySource)
            {
                yield return Fail(at, "an ingress rule admits every source");
            }
        }

        foreach (var at in facts.Of<IngressPolicyCoverage>())
        {
            if (!at.Fact.Selected)
            {
                yield return Fail(at, "no NetworkPolicy restricts ingress to its pods");
            }
        }
    }
}
