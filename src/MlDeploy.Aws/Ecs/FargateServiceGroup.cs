using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// One application load balancer shared by several Fargate deployments: declared once and passed to each deployment's
/// <see cref="FargateTarget.Group"/>, where a <see cref="FargateRoute"/> sends the requests matching its host headers
/// and path patterns to that deployment's target groups. The load balancer, its listener and its security group are a
/// platform component named after the group (<c>fargate-&lt;name&gt;-...</c>), so adding, removing or reordering
/// deployments never renames or replaces them.
/// </summary>
/// <remarks>
/// The group holds every load-balancer-level setting; a deployment in a group must leave
/// <see cref="FargateTarget.LoadBalancerSubnetIds"/>, <see cref="FargateTarget.IngressCidrs"/>,
/// <see cref="FargateTarget.CertificateArn"/>, <see cref="FargateTarget.AccessLogsBucket"/>,
/// <see cref="FargateTarget.IdleTimeoutSeconds"/> and <see cref="FargateTarget.Authentication"/> unset. Groups compare
/// by value, so two separately written equal groups are one load balancer.
/// </remarks>
public sealed record FargateServiceGroup
{
    /// <summary>Gets the group's name (1-32 lowercase letters, digits and '-'); it names the load balancer's resources.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the id of the existing VPC of the load balancer; every deployment of the group must use the same <see cref="FargateTarget.VpcId"/>.</summary>
    public required string VpcId { get; init; }

    /// <summary>Gets the subnets of the load balancer (at least 2 zones): private ones for an internal group, public ones for a public group.</summary>
    public ImmutableArray<Identifier> SubnetIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Gets who can reach the load balancer; every deployment of the group must declare the same <see cref="Network.Exposure"/>.</summary>
    /// <value>The default value is <see cref="Exposure.Private"/> (an internal load balancer).</value>
    public Exposure Exposure { get; init; } = Exposure.Private;

    /// <summary>Gets the CIDR ranges that may reach the load balancer; empty admits the VPC's own range (internal) or the internet (public, waived by each deployment).</summary>
    public ImmutableArray<string> IngressCidrs { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Gets the ACM certificate ARN of the HTTPS listener; null serves plain HTTP, which only an internal group may do.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>Gets an existing S3 bucket (name) that receives the load balancer's access logs under the prefix of the group's name; null turns access logs off.</summary>
    public string? AccessLogsBucket { get; init; }

    /// <summary>Gets the load balancer's idle timeout in seconds (1-4000), which bounds the longest request of every deployment in the group.</summary>
    /// <value>The default value is 60.</value>
    public int IdleTimeoutSeconds { get; init; } = 60;

    /// <summary>Gets the OpenID Connect provider the load balancer authenticates every caller of every route with, or null when the servers (or nothing) authenticate them.</summary>
    public OidcAuthentication? Authentication { get; init; }

    /// <summary>Whether two groups describe the same load balancer: equal settings, lists compared element by element.</summary>
    /// <param name="other">The other group.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(FargateServiceGroup? other) =>
        other is not null && Name == other.Name && VpcId == other.VpcId && Exposure == other.Exposure
        && CertificateArn == other.CertificateArn && AccessLogsBucket == other.AccessLogsBucket
        && IdleTimeoutSeconds == other.IdleTimeoutSeconds && Authentication == other.Authentication
        && SubnetIds.SequenceEqual(other.SubnetIds) && IngressCidrs.SequenceEqual(other.IngressCidrs, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, VpcId, Exposure, CertificateArn, SubnetIds.Length, IngressCidrs.Length);
}
