using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Aws.Blocks;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Ecs;

/// <summary>What ECS on Fargate cannot honour, reported before anything is deployed.</summary>
internal static partial class FargateValidator
{
    public const string PublicWaiver = "MLS-NET-01";

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, FargateTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (c.Gpu is not null)
        {
            yield return p.Error("compute.gpu", "Fargate tasks have no GPUs", "use SageMaker or EKS with GPU nodes, or leave Gpu null");
        }
        else if (c.Cpu > 0 && c.MemoryGiB > 0 && FargateTaskSizes.Smallest(c) is null)
        {
            yield return p.Error("compute", $"no Fargate task size offers {Number(c.Cpu)} vCPU and {Number(c.MemoryGiB)} GiB", $"Fargate runs {FargateTaskSizes.Describe()}");
        }

        if (d.Scaling.Min == 0)
        {
            yield return p.Error("scaling.min", "0 is not supported by ECS on Fargate: nothing wakes the service on a request", "use min >= 1, or a target that scales to zero (SageMaker serverless)");
        }

        if (d.Scaling.Metric is ScalingMetric.Concurrency or ScalingMetric.GpuUtilization)
        {
            yield return p.Error("scaling.metric", $"Fargate services scale on requests per target or CPU utilization, not {(d.Scaling.Metric == ScalingMetric.Concurrency ? "concurrency" : "GPU utilization")}", "use ScalingMetric.RequestsPerSecond or ScalingMetric.CpuUtilization");
        }

        if (!LogGroupBlock.AllowedRetentionDays.Contains(d.Monitoring.LogRetentionDays))
        {
            yield return p.Error("monitoring.logRetentionDays", $"CloudWatch Logs cannot keep logs {d.Monitoring.LogRetentionDays} days", $"use one of {string.Join(", ", LogGroupBlock.AllowedRetentionDays.Order())}");
        }

        if (d.Monitoring.NotificationTopic is { } topic && !topic.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not an SNS topic ARN", "use arn:aws:sns:<region>:<account>:<topic>");
        }

        foreach (var problem in ValidateRollout(d.Rollout, p).Concat(ValidateNetwork(d, t, p)).Concat(ValidateSources(d, t, p)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<Diagnostic> ValidateRollout(Rollout r, DeploymentPath p)
    {
        if (r.BakeTime.TotalMinutes > 1440)
        {
            yield return p.Error("rollout.bakeTime", $"{Number((decimal)r.BakeTime.TotalMinutes)} minutes is longer than ECS's 1440-minute bake time", "bake for at most one day");
        }

        if (r.Strategy is RolloutStrategy.Canary or RolloutStrategy.Linear && r.TrafficPercent is < 1 or > 99)
        {
            yield return p.Error("rollout.trafficPercent", $"{r.TrafficPercent} % is not a share ECS can shift first", "use 1-99");
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

        if (isPublic && !d.Waivers.Any(w => w.RuleId == PublicWaiver))
        {
            yield return p.Error("network.exposure", "a public load balancer needs an explicit waiver", $"add Waiver(\"{PublicWaiver}\", \"<why it must be reachable from the internet>\") or keep Exposure.Private");
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

        if (t.CertificateArn is { } cert && !cert.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("target.certificateArn", $"'{cert}' is not a certificate ARN", "use arn:aws:acm:<region>:<account>:certificate/<id>");
        }

        if (t.AccessLogsBucket is { } bucket && !BucketName().IsMatch(bucket))
        {
            yield return p.Error("target.accessLogsBucket", $"'{bucket}' is not an S3 bucket name", "give the bucket's name (not its ARN or an s3:// URI)");
        }

        if (t.IdleTimeoutSeconds is < 1 or > 4000)
        {
            yield return p.Error("target.idleTimeoutSeconds", $"{t.IdleTimeoutSeconds} s is outside the load balancer's 1-4000 s", "use the longest request time plus a margin");
        }

        foreach (var cidr in t.IngressCidrs.Where(c => !Cidr().IsMatch(c)))
        {
            yield return p.Error("target.ingressCidrs", $"'{cidr}' is not an IPv4 CIDR range", "use a.b.c.d/n");
        }

        if (t.Cluster is { } cluster && cluster.StartsWith("arn:", StringComparison.Ordinal) && !cluster.Contains(":cluster/", StringComparison.Ordinal))
        {
            yield return p.Error("target.cluster", $"'{cluster}' is not an ECS cluster ARN", "use the cluster name or arn:aws:ecs:<region>:<account>:cluster/<name>");
        }
    }

    private static IEnumerable<Diagnostic> ValidateSources(ModelDeployment d, FargateTarget t, DeploymentPath p)
    {
        switch (d.Image)
        {
            case ExistingImage e when ContainerImageBlock.ParseEcr(e.Reference) is null:
                yield return p.Error("image.reference", $"the SDK grants the task pull rights on Amazon ECR only, and '{e.Reference}' is not an ECR image", "push the image to ECR, or use ImageSource.Build so the SDK does");
                break;
            case PackagedImage:
                yield return p.Error("image", "ECS on Fargate has no model registry", "use ImageSource.Build or ImageSource.Existing");
                break;
        }

        if (d.Artifact is RegistryArtifact)
        {
            yield return p.Error("artifact", "model registry entries cannot be served on ECS on Fargate", "use ModelArtifact.FromUri (s3://) or ModelArtifact.FromFile");
        }

        foreach (var secret in d.Secrets)
        {
            if (secret.Source is StoredSecret s && !(s.Id.StartsWith("arn:", StringComparison.Ordinal) && (IsSsmParameter(s.Id) || s.Id.Contains(":secretsmanager:", StringComparison.Ordinal))))
            {
                yield return p.Error($"secrets[{secret.Name}]", "ECS injects secrets from Secrets Manager or SSM Parameter Store by ARN only", "use arn:aws:secretsmanager:... or arn:aws:ssm:...:parameter/...");
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

        if (t.KeepImages < 1)
        {
            yield return p.Error("target.keepImages", $"{t.KeepImages} keeps no image to roll back to", "keep at least 1 (30 is the default)");
        }

        if (t.ArtifactKmsKeyArn is { } keyArn && !keyArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("target.artifactKmsKeyArn", $"'{keyArn}' is not a KMS key ARN", "use arn:aws:kms:<region>:<account>:key/<id>");
        }
    }

    /// <summary>Tells SSM Parameter Store ARNs from Secrets Manager ARNs (they need different read rights).</summary>
    public static bool IsSsmParameter(string arn) => arn.Contains(":ssm:", StringComparison.Ordinal);

    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^vpc-[0-9a-f]{8,17}$")]
    private static partial Regex VpcId();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^(\d{1,3}\.){3}\d{1,3}/\d{1,2}$")]
    private static partial Regex Cidr();

    [GeneratedRegex("^[1-9][0-9]{0,9}(:[0-9]{1,10})?$")]
    private static partial Regex User();
}
