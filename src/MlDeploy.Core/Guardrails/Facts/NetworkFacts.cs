namespace MlDeploy.Guardrails.Facts;

/// <summary>Whether something is reachable from outside the private network.</summary>
/// <param name="Subject">The entry point, e.g. <c>the load balancer</c>.</param>
/// <param name="Public">Whether it is public.</param>
/// <param name="Via">How it is public (or internal), e.g. <c>internet-facing scheme</c>.</param>
public sealed record Exposure(string Subject, bool Public, string Via) : Fact(Subject)
{
    /// <summary>
    /// Gets what the program itself sets up to authenticate callers at this entry point (e.g. a listener's
    /// <c>authenticate-oidc</c> action), or null when authentication, if any, lives outside the SDK (in the server, a
    /// gateway in front). MLS-NET-02 refuses a public entry point without it unless waived.
    /// </summary>
    public string? AuthenticatedBy { get; init; }
}

/// <summary>Whether an endpoint accepts plaintext or outdated TLS.</summary>
/// <param name="Subject">The endpoint.</param>
/// <param name="PlaintextFromInternet">Whether it accepts requests without TLS from outside the private network.</param>
/// <param name="AllowsTlsBelow12">Whether its TLS policy admits versions below 1.2.</param>
public sealed record Transport(string Subject, bool PlaintextFromInternet, bool AllowsTlsBelow12) : Fact(Subject);

/// <summary>Whether a proxy defends against malformed requests.</summary>
/// <param name="Subject">The proxy.</param>
/// <param name="DropsInvalidHeaders">Whether it drops invalid header fields.</param>
/// <param name="MitigatesDesync">Whether HTTP desync mitigation is defensive or strictest.</param>
public sealed record RequestHardening(string Subject, bool DropsInvalidHeaders, bool MitigatesDesync) : Fact(Subject);

/// <summary>Whether workload instances get public addresses.</summary>
/// <param name="Subject">The service.</param>
/// <param name="Assigned">Whether they do.</param>
public sealed record PublicAddress(string Subject, bool Assigned) : Fact(Subject);

/// <summary>An ingress rule of a firewall that protects workload instances.</summary>
/// <param name="Subject">The rule.</param>
/// <param name="ProtectedGroup">The workload's group it admits traffic to, or null when it protects something else.</param>
/// <param name="FromLoadBalancerOnly">Whether its only source is the load balancer's group.</param>
public sealed record WorkloadIngress(string Subject, string? ProtectedGroup, bool FromLoadBalancerOnly) : Fact(Subject);

/// <summary>Whether a model container can reach the network.</summary>
/// <param name="Subject">The model.</param>
/// <param name="Isolated">Whether it has no network access, or only inside a VPC that controls egress.</param>
public sealed record ModelEgress(string Subject, bool Isolated) : Fact(Subject);

/// <summary>Whether an ingress network policy selects a workload's pods.</summary>
/// <param name="Subject">The workload.</param>
/// <param name="Selected">Whether one does.</param>
public sealed record IngressPolicyCoverage(string Subject, bool Selected) : Fact(Subject);

/// <summary>Whether a network policy's ingress rules name their sources.</summary>
/// <param name="Subject">The policy.</param>
/// <param name="AdmitsEverySource">Whether a rule admits every source.</param>
public sealed record IngressPolicyRules(string Subject, bool AdmitsEverySource) : Fact(Subject);
