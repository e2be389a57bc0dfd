using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Targets;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Ecs;

/// <summary>What ECS on Fargate cannot honour, reported before anything is deployed.</summary>
internal static partial class FargateValidator
{
    /// <summary>What ECS on Fargate can honour.</summary>
    public static TargetCapabilities Capabilities { get; } = AwsCapabilities.Base("ECS on Fargate services") with
    {
        // desiredCount 0 is accepted, but nothing wakes the service on a request (TARGETS.md 2.2).
        ScaleToZero = false,
        MaxReplicas = 1000,
        ScalingMetrics = [ScalingMetric.RequestsPerSecond, ScalingMetric.CpuUtilization],

        // The server samples payloads to the deployment's bucket itself (CAPTURE_* environment).
        DataCapture = true,
        SecretSources = [SecretSourceKind.Config, SecretSourceKind.Store],
        Unauthenticated = true,

        // ECS deploymentConfiguration strategies; bakeTimeInMinutes 0-1440.
        Rollouts = [new RolloutOffer(RolloutStrategy.Rolling), new RolloutOffer(RolloutStrategy.BlueGreen), new RolloutOffer(RolloutStrategy.Canary), new RolloutOffer(RolloutStrategy.Linear)],
        MaxBakeTime = TimeSpan.FromMinutes(1440),

        // The loader container fetches a DVC output's objects and checks their md5 (AwsModelLoader.DvcScript).
        ArtifactSources = [ArtifactSourceKind.File, ArtifactSourceKind.Uri, ArtifactSourceKind.Dvc],
        DvcHint = "file, .tar.gz and directory outputs (S3 remotes), each object md5-checked by the model loader",
        DvcChecked = true,
    };

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, FargateTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (c.Gpu is null && c.Cpu > 0 && c.MemoryGiB > 0 && FargateTaskSizes.Smallest(c) is null)
        {
            yield return p.Error("compute", $"no Fargate task size offers {Number(c.Cpu)} vCPU and {Number(c.MemoryGiB)} GiB", $"Fargate runs {FargateTaskSizes.Describe()}");
        }

        foreach (var problem in ValidateNetwork(d, t, p).Concat(ValidateSources(d, t, p)).Concat(AwsValidation.Validate(d, t.KeepImages, t.ArtifactKmsKeyArn, p)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<Diagnostic> ValidateNetwork(ModelDeployment d, FargateTarget t, DeploymentPath p)
    {
        var n = d.Network;
        var isPublic = n.Exposure == Exposure.Public;
        if (!VpcId().IsMatch(t.VpcId ?? string.Empty))
        {
            yield return p.Error("target.vpcId", $"'{t.VpcId}' is not a VPC id", "set VpcId to the existing VPC, e.g. vpc-0123456789abcdef0");
        }

        if (n.SubnetIds.IsEmpty)
        {
            yield return p.Error("network.subnetIds", "Fargate tasks need at least one subnet", "set Network.SubnetIds to private subnets, ideally in 2 or more availability zones");
        }

        if (t.Cluster is { } cluster && cluster.StartsWith("arn:", StringComparison.Ordinal) && !cluster.Contains(":cluster/", StringComparison.Ordinal))
        {
            yield return p.Error("target.cluster", $"'{cluster}' is not an ECS cluster ARN", "use the cluster name or arn:aws:ecs:<region>:<account>:cluster/<name>");
        }

        // In a service group the load balancer is the group's: FargateGroupValidator checks its settings and the route.
        if (t.Group is not null)
        {
            yield break;
        }

        if (t.Authentication is { } oidc)
        {
            foreach (var problem in ValidateOidc(oidc, t.CertificateArn, "target.authentication", p))
            {
                yield return problem;
            }
        }

        if (isPublic && t.CertificateArn is null)
        {
            yield return p.Error("target.certificateArn", "a public load balancer must serve HTTPS", "set CertificateArn to an ACM certificate ARN");
        }

        var lbSubnets = t.LoadBalancerSubnetIds.IsEmpty ? n.SubnetIds : t.LoadBalancerSubnetIds;
        if (isPublic && t.LoadBalancerSubnetIds.IsEmpty)
        {
            yield return p.Error("target.loadBalancerSubnetIds", "a public load balancer needs public subnets of its own", "set LoadBalancerSubnetIds (the tasks stay in Network.SubnetIds)");
        }
        else if (lbSubnets.Length < 2)
        {
            yield return p.Error(t.LoadBalancerSubnetIds.IsEmpty ? "network.subnetIds" : "target.loadBalancerSubnetIds", $"an application load balancer needs at least 2 subnets in different availability zones, got {lbSubnets.Length}", "give subnets in 2 or more zones");
        }

        foreach (var problem in ValidateListener(t.CertificateArn, t.AccessLogsBucket, t.IdleTimeoutSeconds, t.IngressCidrs, isPublic, "target", p))
        {
            yield return problem;
        }

    }

    /// <summary>The OpenID Connect settings of a load balancer (<paramref name="at"/> is the target's or the group's).</summary>
    public static IEnumerable<Diagnostic> ValidateOidc(OidcAuthentication oidc, string? certificateArn, string at, DeploymentPath p)
    {
        // ALB authenticate actions are supported on HTTPS listeners only (ELB User Guide, "Authenticate users using an Application Load Balancer").
        if (certificateArn is null)
        {
            yield return p.Error(at, "the load balancer authenticates callers only on an HTTPS listener", "set CertificateArn to an ACM certificate ARN");
        }

        foreach (var (member, url) in new[] { ("issuer", oidc.Issuer), ("authorizationEndpoint", oidc.AuthorizationEndpoint), ("tokenEndpoint", oidc.TokenEndpoint), ("userInfoEndpoint", oidc.UserInfoEndpoint) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                yield return p.Error($"{at}.{member}", $"'{url}' is not an https URL", "use the provider's https endpoint from its discovery document (/.well-known/openid-configuration)");
            }
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            yield return p.Error($"{at}.clientId", "the client id is empty", "give the client id registered with the identity provider");
        }

        if (!ConfigKey().IsMatch(oidc.ClientSecretConfigKey ?? string.Empty))
        {
            yield return p.Error($"{at}.clientSecretConfigKey", $"'{oidc.ClientSecretConfigKey}' is not a config key", "use the key you set with `pulumi config set --secret <key>` (letters, digits, '_' and '-')");
        }
    }

    /// <summary>The listener-level settings of a load balancer (<paramref name="at"/> is <c>target</c> or <c>target.group</c>).</summary>
    public static IEnumerable<Diagnostic> ValidateListener(string? certificateArn, string? accessLogsBucket, int idleTimeoutSeconds, ImmutableArray<string> ingressCidrs, bool isPublic, string at, DeploymentPath p)
    {
        if (certificateArn is { } cert && !cert.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error($"{at}.certificateArn", $"'{cert}' is not a certificate ARN", "use arn:aws:acm:<region>:<account>:certificate/<id>");
        }

        if (accessLogsBucket is { } bucket && AwsArns.BucketNameProblem(bucket) is { } bucketProblem)
        {
            yield return p.Error($"{at}.accessLogsBucket", $"'{bucket}' is not an S3 bucket name: it {bucketProblem}", "give the bucket's name (not its ARN or an s3:// URI)");
        }

        if (idleTimeoutSeconds is < 1 or > 4000)
        {
            yield return p.Error($"{at}.idleTimeoutSeconds", $"{idleTimeoutSeconds} s is outside the load balancer's 1-4000 s", "use the longest request time plus a margin");
        }

        foreach (var cidr in ingressCidrs.Where(c => !Cidr().IsMatch(c)))
        {
            yield return p.Error($"{at}.ingressCidrs", $"'{cidr}' is not an IPv4 CIDR range", "use a.b.c.d/n");
        }

        // An internal load balancer admitting 0.0.0.0/0 admits every network routed into the VPC (peerings, VPN,
        // Transit Gateway): public in all but name.
        foreach (var cidr in ingressCidrs.Where(c => !isPublic && c.EndsWith("/0", StringComparison.Ordinal)))
        {
            yield return p.Error($"{at}.ingressCidrs", $"'{cidr}' admits every address to an internal load balancer", "list the client ranges, or leave IngressCidrs empty to admit the VPC's own range");
        }
    }

    /// <summary>Whether <paramref name="vpcId"/> looks like a VPC id.</summary>
    public static bool IsVpcId(string? vpcId) => VpcId().IsMatch(vpcId ?? string.Empty);

    private static IEnumerable<Diagnostic> ValidateSources(ModelDeployment d, FargateTarget t, DeploymentPath p)
    {
        foreach (var secret in d.Secrets)
        {
            if (secret.Source is StoredSecret s && !(AwsArns.IsSecret(s.Id) || AwsArns.IsParameter(s.Id)))
            {
                yield return p.Error($"secrets[{secret.Name}]", "ECS injects secrets from Secrets Manager or SSM Parameter Store by exact ARN only (no wildcards)", "use arn:aws:secretsmanager:<region>:<account>:secret:<name> or arn:aws:ssm:<region>:<account>:parameter/<name>");
            }
        }

        if (string.IsNullOrWhiteSpace(t.ModelLoaderImage) || t.ModelLoaderImage.Any(char.IsWhiteSpace) || t.ModelLoaderImage.EndsWith(":latest", StringComparison.Ordinal))
        {
            yield return p.Error("target.modelLoaderImage", $"'{t.ModelLoaderImage}' is not a pinned image reference", "use registry/repository:version or, in production, registry/repository@sha256:...");
        }

        if (!User().IsMatch(t.User ?? string.Empty))
        {
            yield return p.Error("target.user", $"'{t.User}' is not a non-root numeric uid[:gid]", "use e.g. 1000:1000 (root and user names cannot be checked)");
        }

        if (t.EphemeralStorageGiB is < 21 or > 200)
        {
            yield return p.Error("target.ephemeralStorageGiB", $"{t.EphemeralStorageGiB} GiB is outside Fargate's 21-200 GiB", "size it to hold the model plus scratch space");
        }

    }

    /// <summary>Tells SSM Parameter Store ARNs from Secrets Manager ARNs (they need different read rights).</summary>
    public static bool IsSsmParameter(string arn) => arn.Contains(":ssm:", StringComparison.Ordinal);

    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^vpc-[0-9a-f]{8,17}$")]
    private static partial Regex VpcId();

    [GeneratedRegex(@"^(\d{1,3}\.){3}\d{1,3}/\d{1,2}$")]
    private static partial Regex Cidr();

    [GeneratedRegex("^[1-9][0-9]{0,9}(:[0-9]{1,10})?$")]
    private static partial Regex User();
}
