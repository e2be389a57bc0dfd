using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>Ingress and network placement. Private and authenticated by default.</summary>
public sealed record Network
{
    /// <summary>Gets who can reach the endpoint.</summary>
    public Exposure Exposure { get; init; } = Exposure.Private;

    /// <summary>
    /// Gets a value indicating whether callers must authenticate. Where the target's entry point does not authenticate
    /// callers itself (a load balancer, a Kubernetes Service), a public endpoint needs waiver MLS-NET-02 either way: the
    /// guardrail reads the program, and authentication then lives in the server or a gateway the SDK cannot see.
    /// </summary>
    public bool RequireAuth { get; init; } = true;

    /// <summary>Gets the subnets the serving instances run in (private placement); literal or from another stack.</summary>
    public ImmutableArray<Identifier> SubnetIds { get; init; } = [];

    /// <summary>Gets the security groups (or the cloud's equivalent) attached to the serving instances; literal or from another stack.</summary>
    public ImmutableArray<Identifier> SecurityGroupIds { get; init; } = [];
}

/// <summary>Who can reach an endpoint.</summary>
public enum Exposure
{
    /// <summary>Only from inside the given network.</summary>
    Private,

    /// <summary>From the internet (authentication still required unless waived).</summary>
    Public,
}
