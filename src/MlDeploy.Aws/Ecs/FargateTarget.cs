using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// Deploy to an ECS service on Fargate behind an application load balancer, in an existing VPC. The tasks run in
/// <see cref="Network.SubnetIds"/> with the SDK's security group plus <see cref="Network.SecurityGroupIds"/>.
/// </summary>
public sealed record FargateTarget : DeploymentTarget
{
    /// <summary>The default model-loader image: the AWS CLI from ECR Public, by version tag.</summary>
    public const string DefaultModelLoaderImage = Blocks.AwsCliImage.Default;

    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Aws;

    /// <inheritdoc/>
    public override string DisplayName => "ECS on Fargate";

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, Identifier>> Identifiers() =>
        LoadBalancerSubnetIds.Select((id, i) => new KeyValuePair<string, Identifier>(IdentifierRules.Indexed("loadBalancerSubnetIds", i), id))
            .Concat((Group?.SubnetIds ?? []).Select((id, i) => new KeyValuePair<string, Identifier>(IdentifierRules.Indexed("group.subnetIds", i), id)));

    /// <summary>Gets the id of the existing VPC the load balancer, target group and security groups live in (<c>vpc-...</c>).</summary>
    public required string VpcId { get; init; }

    /// <summary>Gets an existing ECS cluster by name or ARN; null creates one with Container Insights on.</summary>
    public string? Cluster { get; init; }

    /// <summary>Gets the subnets of the load balancer (at least 2 zones); empty uses <see cref="Network.SubnetIds"/>, which only an internal load balancer may do.</summary>
    public ImmutableArray<Identifier> LoadBalancerSubnetIds { get; init; } = [];

    /// <summary>Gets the CIDR ranges that may reach the load balancer; empty admits the VPC's own range (internal) or the internet (public, waived).</summary>
    public ImmutableArray<string> IngressCidrs { get; init; } = [];

    /// <summary>Gets the ACM certificate ARN of the HTTPS listener; null serves plain HTTP, which only an internal load balancer may do.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>Gets an existing S3 bucket (name) that receives the load balancer's access logs; null turns access logs off.</summary>
    public string? AccessLogsBucket { get; init; }

    /// <summary>Gets the load balancer's idle timeout in seconds (1-4000), which bounds the longest request.</summary>
    public int IdleTimeoutSeconds { get; init; } = 60;

    /// <summary>Gets the image of the init container that copies the model into the shared volume; it must provide <c>aws</c> and <c>sh</c>. Production stacks pin it by digest.</summary>
    public string ModelLoaderImage { get; init; } = DefaultModelLoaderImage;

    /// <summary>Gets the non-root <c>uid[:gid]</c> the server runs as (the example image's user is 10001).</summary>
    public string User { get; init; } = "10001:10001";

    /// <summary>Gets the task's ephemeral storage in GiB (21-200); it holds the model copy and the scratch volume.</summary>
    public int EphemeralStorageGiB { get; init; } = 21;

    /// <summary>Gets the container health check command (ECS form, e.g. <c>["CMD", "/bin/health"]</c>); empty runs <c>curl -fsS http://localhost:&lt;port&gt;&lt;healthPath&gt;</c>, which needs curl in the image.</summary>
    public ImmutableArray<string> HealthCheckCommand { get; init; } = [];

    /// <summary>Gets the OpenID Connect provider callers authenticate with at the load balancer, or null when the server (or nothing) authenticates them.</summary>
    public OidcAuthentication? Authentication { get; init; }

    /// <summary>
    /// Gets the service group whose shared load balancer serves this deployment, or null for a load balancer of its own.
    /// With a group, <see cref="Route"/> says which requests reach this deployment, and the load-balancer settings
    /// (subnets, ingress ranges, certificate, access logs, idle timeout, authentication) are the group's.
    /// </summary>
    public FargateServiceGroup? Group { get; init; }

    /// <summary>Gets the requests of <see cref="Group"/>'s load balancer that reach this deployment (required with a group, refused without one).</summary>
    public FargateRoute? Route { get; init; }

    /// <summary>Gets how many images the ECR lifecycle policy keeps for rollback.</summary>
    public int KeepImages { get; init; } = 30;

    /// <summary>Gets the KMS key that encrypts an existing S3 artifact (<see cref="ModelArtifact.FromUri"/>), if any, so the task role may decrypt it.</summary>
    public string? ArtifactKmsKeyArn { get; init; }
}
