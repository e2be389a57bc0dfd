using MlDeploy.Aws.Ecs;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Ecs;

public class FargateValidationTests
{
    private static readonly ModelDeployment s_valid = FargateSamples.Internal();

    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> BadInputs => new()
    {
        { "internal admits everyone", d => d with { Target = ((FargateTarget)d.Target) with { IngressCidrs = ["0.0.0.0/0"] } }, "deployments[ranker].target.ingressCidrs: '0.0.0.0/0' admits every address to an internal load balancer (list the client ranges, or leave IngressCidrs empty to admit the VPC's own range)" },
        { "wildcard secret", d => d with { Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("arn:aws:secretsmanager:*:*:secret:*"))] }, "deployments[ranker].secrets[API_TOKEN].source: the secret ARN contains a wildcard, which would grant every matching secret (give the exact ARN of one secret)" },
        { "wildcard bucket", d => d with { Artifact = ModelArtifact.FromUri("s3://*/x/") }, "deployments[ranker].artifact.uri: '*' is not an S3 bucket name: it may contain only lowercase letters, digits, '.' and '-', and must begin and end with a letter or digit (use the bucket's exact name, as `aws s3 ls` lists it)" },
        { "gpu", d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.T4) } }, "deployments[ranker].compute.gpu: ECS on Fargate services have no GPUs (leave Gpu null, or use a target with T4 GPUs: EKS workloads, SageMaker real-time endpoints)" },
        { "too much cpu", d => d with { Compute = new Compute { Cpu = 32, MemoryGiB = 64 } }, "deployments[ranker].compute: no Fargate task size offers 32 vCPU and 64 GiB (Fargate runs " + Table + ")" },
        { "too much memory", d => d with { Compute = new Compute { Cpu = 16, MemoryGiB = 128 } }, "deployments[ranker].compute: no Fargate task size offers 16 vCPU and 128 GiB (Fargate runs " + Table + ")" },
        { "scale to zero", d => d with { Scaling = new Scaling { Min = 0, Max = 2 } }, "deployments[ranker].scaling.min: 0 replicas is not supported on ECS on Fargate services (use min >= 1, or use a target that scales to zero: EKS workloads, SageMaker serverless endpoints)" },
        { "concurrency scaling", d => d with { Scaling = new Scaling { Metric = ScalingMetric.Concurrency } }, "deployments[ranker].scaling.metric: ECS on Fargate services cannot scale on concurrency (use ScalingMetric.RequestsPerSecond or ScalingMetric.CpuUtilization)" },
        { "public without waiver", d => d with { Network = d.Network with { Exposure = Exposure.Public }, Target = Target(d) with { CertificateArn = FargateSamples.CertificateArn, LoadBalancerSubnetIds = FargateSamples.PublicSubnets } }, "deployments[ranker].network.exposure: a public endpoint needs an explicit waiver (add Waiver(\"MLS-NET-01\", \"<why it must be reachable from the internet>\"), or keep Exposure.Private)" },
        { "public without certificate", d => d with { Network = d.Network with { Exposure = Exposure.Public }, Target = Target(d) with { LoadBalancerSubnetIds = FargateSamples.PublicSubnets }, Waivers = [new Waiver("MLS-NET-01", "partners")] }, "deployments[ranker].target.certificateArn: a public load balancer must serve HTTPS (set CertificateArn to an ACM certificate ARN)" },
        { "public without own subnets", d => d with { Network = d.Network with { Exposure = Exposure.Public }, Target = Target(d) with { CertificateArn = FargateSamples.CertificateArn }, Waivers = [new Waiver("MLS-NET-01", "partners")] }, "deployments[ranker].target.loadBalancerSubnetIds: a public load balancer needs public subnets of its own (set LoadBalancerSubnetIds (the tasks stay in Network.SubnetIds))" },
        { "one subnet", d => d with { Network = d.Network with { SubnetIds = ["subnet-1"] } }, "deployments[ranker].network.subnetIds: an application load balancer needs at least 2 subnets in different availability zones, got 1 (give subnets in 2 or more zones)" },
        { "no subnets", d => d with { Network = d.Network with { SubnetIds = [] }, Target = Target(d) with { LoadBalancerSubnetIds = FargateSamples.PublicSubnets } }, "deployments[ranker].network.subnetIds: Fargate tasks need at least one subnet (set Network.SubnetIds to private subnets, ideally in 2 or more availability zones)" },
        { "no vpc", d => d with { Target = Target(d) with { VpcId = "" } }, "deployments[ranker].target.vpcId: '' is not a VPC id (set VpcId to the existing VPC, e.g. vpc-0123456789abcdef0)" },
        { "certificate not arn", d => d with { Target = Target(d) with { CertificateArn = "my-cert" } }, "deployments[ranker].target.certificateArn: 'my-cert' is not a certificate ARN (use arn:aws:acm:<region>:<account>:certificate/<id>)" },
        { "access logs arn", d => d with { Target = Target(d) with { AccessLogsBucket = "arn:aws:s3:::logs" } }, "deployments[ranker].target.accessLogsBucket: 'arn:aws:s3:::logs' is not an S3 bucket name: it may contain only lowercase letters, digits, '.' and '-', and must begin and end with a letter or digit (give the bucket's name (not its ARN or an s3:// URI))" },
        { "idle timeout", d => d with { Target = Target(d) with { IdleTimeoutSeconds = 5000 } }, "deployments[ranker].target.idleTimeoutSeconds: 5000 s is outside the load balancer's 1-4000 s (use the longest request time plus a margin)" },
        { "ingress cidr", d => d with { Target = Target(d) with { IngressCidrs = ["10.0.0.0"] } }, "deployments[ranker].target.ingressCidrs: '10.0.0.0' is not an IPv4 CIDR range (use a.b.c.d/n)" },
        { "cluster arn", d => d with { Target = Target(d) with { Cluster = "arn:aws:ecs:us-east-1:123456789012:service/x" } }, "deployments[ranker].target.cluster: 'arn:aws:ecs:us-east-1:123456789012:service/x' is not an ECS cluster ARN (use the cluster name or arn:aws:ecs:<region>:<account>:cluster/<name>)" },
        { "root user", d => d with { Target = Target(d) with { User = "0" } }, "deployments[ranker].target.user: '0' is not a non-root numeric uid[:gid] (use e.g. 1000:1000 (root and user names cannot be checked))" },
        { "loader latest", d => d with { Target = Target(d) with { ModelLoaderImage = "amazon/aws-cli:latest" } }, "deployments[ranker].target.modelLoaderImage: 'amazon/aws-cli:latest' is not a pinned image reference (use registry/repository:version or, in production, registry/repository@sha256:...)" },
        { "ephemeral storage", d => d with { Target = Target(d) with { EphemeralStorageGiB = 300 } }, "deployments[ranker].target.ephemeralStorageGiB: 300 GiB is outside Fargate's 21-200 GiB (size it to hold the model plus scratch space)" },
        { "keep no images", d => d with { Target = Target(d) with { KeepImages = 0 } }, "deployments[ranker].target.keepImages: 0 keeps no image to roll back to (keep at least 1 (30 is the default))" },
        { "artifact key not arn", d => d with { Target = Target(d) with { ArtifactKmsKeyArn = "alias/x" } }, "deployments[ranker].target.artifactKmsKeyArn: 'alias/x' is not a KMS key ARN (use arn:aws:kms:<region>:<account>:key/<id>)" },
        { "not ECR", d => d with { Image = ImageSource.Existing("ghcr.io/acme/server@sha256:" + new string('a', 64)) }, $"deployments[ranker].image.reference: ECS on Fargate services pull images from Amazon ECR only, and 'ghcr.io/acme/server@sha256:{new string('a', 64)}' is not in it (push the image to Amazon ECR, use ImageSource.Build so the SDK does, or, for a public image, ImageSource.Mirror(\"ghcr.io/acme/server@sha256:{new string('a', 64)}\") to copy it into the deployment's registry at deploy time)" },
        { "secret by name", d => d with { Secrets = [new SecretReference("DB_PASSWORD", SecretSource.Store("db-password"))] }, "deployments[ranker].secrets[DB_PASSWORD]: ECS injects secrets from Secrets Manager or SSM Parameter Store by exact ARN only (no wildcards) (use arn:aws:secretsmanager:<region>:<account>:secret:<name> or arn:aws:ssm:<region>:<account>:parameter/<name>)" },
        { "bake too long", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen, BakeTime = TimeSpan.FromDays(2) } }, "deployments[ranker].rollout.bakeTime: 48 h is longer than the longest bake time of ECS on Fargate services (24 h) (bake for at most 24 h per step)" },
        { "canary all", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 100 } }, "deployments[ranker].rollout.trafficPercent: 100 is not a percentage in [1, 99] (e.g. 10 for a 10 % canary)" },
        { "retention", d => d with { Monitoring = d.Monitoring with { LogRetentionDays = 10 } }, "deployments[ranker].monitoring.logRetentionDays: ECS on Fargate services cannot keep logs 10 days (use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)" },
        { "topic not arn", d => d with { Monitoring = d.Monitoring with { NotificationEmail = null, NotificationTopic = "ml-oncall" } }, "deployments[ranker].monitoring.notificationTopic: 'ml-oncall' is not an SNS topic ARN (use arn:aws:sns:<region>:<account>:<topic>)" },
        { "registry artifact", d => d with { Artifact = ModelArtifact.FromRegistry("arn:aws:sagemaker:us-east-1:123456789012:model-package/x/1"), Image = ImageSource.FromModelPackage }, "deployments[ranker].artifact: ECS on Fargate services cannot serve model registry entries (use ModelArtifact.FromFile or ModelArtifact.FromUri or ModelArtifact.FromDvc)" },
    };

    private static string Table => "0.25 vCPU: 0.5, 1 or 2 GiB; 0.5 vCPU: 1-4 GiB; 1 vCPU: 2-8 GiB; 2 vCPU: 4-16 GiB; 4 vCPU: 8-30 GiB (1 GiB steps); 8 vCPU: 16-60 GiB (4 GiB steps); 16 vCPU: 32-120 GiB (8 GiB steps)";

    [Fact]
    public void Validate_ReferenceDeployments_HaveNoProblems() =>
        Assert.Empty(FargateSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, FargateSamples.Internal(EnvironmentProfile.Production), FargateSamples.PublicWaived(EnvironmentProfile.Production)), Repo.Root));

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadInput_ReportsExactPathMessageAndHint(string scenario, Func<ModelDeployment, ModelDeployment> mutate, string expected)
    {
        var problems = FargateSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, mutate(s_valid)), Repo.Root);

        Assert.True(problems.Any(p => p.ToString() == expected), $"{scenario}: expected\n  {expected}\ngot\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void Validate_ImpossibleCombination_NamesEveryProblemAtOnce()
    {
        var bad = s_valid with { Compute = new Compute { Gpu = new Gpu(1, GpuKind.A10G) }, Scaling = new Scaling { Min = 0, Max = 2 }, Network = s_valid.Network with { Exposure = Exposure.Public } };

        var paths = FargateSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, bad), Repo.Root).Select(p => p.Path).ToList();

        Assert.Equal(
            ["deployments[ranker].compute.gpu", "deployments[ranker].scaling.min", "deployments[ranker].network.exposure", "deployments[ranker].target.certificateArn", "deployments[ranker].target.loadBalancerSubnetIds"],
            paths);
    }

    private static FargateTarget Target(ModelDeployment d) => (FargateTarget)d.Target;
}
