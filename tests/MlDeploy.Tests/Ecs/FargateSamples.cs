using System.Collections.Immutable;
using MlDeploy.Aws;
using MlDeploy.Aws.Ecs;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Ecs;

/// <summary>Reference Fargate deployments for goldens, planner, validation and guardrail tests.</summary>
internal static class FargateSamples
{
    public const string VpcId = "vpc-0ccc0000000000001";

    public const string CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    /// <summary>The AWS CLI loader image pinned by digest, as production stacks must (the digest is illustrative).</summary>
    public const string PinnedLoader = "public.ecr.aws/aws-cli/aws-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    public static ImmutableArray<Identifier> PublicSubnets { get; } = ["subnet-0ddd0000000000001", "subnet-0ddd0000000000002"];

    /// <summary>An internal service: built image, model uploaded from a local directory, rolling rollout, a config secret, capture.</summary>
    public static ModelDeployment Internal(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        new("ranker", ImageSource.Build("examples/model-server", "2.0.1"), ModelArtifact.FromFile("examples/model-server/model"), Target(profile))
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 3 },
            Network = new Network { SubnetIds = SampleDeployments.Subnets, SecurityGroupIds = SampleDeployments.SecurityGroups },
            Rollout = new Rollout { Strategy = RolloutStrategy.Rolling, TrafficPercent = 25 },
            Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("rankerApiToken"))],
            Monitoring = new Monitoring { DataCapturePercent = 10, NotificationEmail = "oncall@example.com" },
        };

    /// <summary>A public service (waived): existing pinned image, S3 tarball, existing cluster, HTTPS, access logs, blue/green, CPU scaling.</summary>
    public static ModelDeployment PublicWaived(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        new("scorer", ImageSource.Existing(SampleDeployments.PinnedImage), ModelArtifact.FromUri("s3://models-prod/scorer/v3/model.tar.gz"), Target(profile) with
        {
            Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/ml-shared",
            LoadBalancerSubnetIds = PublicSubnets,
            CertificateArn = CertificateArn,
            AccessLogsBucket = "acme-alb-logs",
            IdleTimeoutSeconds = 120,
        })
        {
            Compute = new Compute { Cpu = 3, MemoryGiB = 10 },
            Scaling = new Scaling { Min = 2, Max = 10, Metric = ScalingMetric.CpuUtilization, Target = 60 },
            Network = new Network { Exposure = Exposure.Public, SubnetIds = SampleDeployments.Subnets },
            Rollout = new Rollout { Strategy = RolloutStrategy.BlueGreen, BakeTime = TimeSpan.FromMinutes(15) },
            Serving = new Serving { Port = 9000, HealthPath = "/healthz", PredictPath = "/predict", StartupTimeout = TimeSpan.FromMinutes(15) },
            Secrets = [new SecretReference("DB_PASSWORD", SecretSource.Store("arn:aws:ssm:us-east-1:123456789012:parameter/ml/scorer/db-password"))],
            Monitoring = new Monitoring { LatencyP99Ms = 500, NotificationTopic = "arn:aws:sns:us-east-1:123456789012:ml-oncall" },
            Waivers =
            [
                new Waiver("MLS-NET-01", "partner integrations call the scorer from the internet"),
                new Waiver("MLS-NET-02", "the server checks each partner's API key; the load balancer cannot"),
            ],
        };

    /// <summary>The example server's own health check (its slim image has no curl).</summary>
    public static ImmutableArray<string> ExampleHealthCheck { get; } = ["CMD", "python", "/app/model_server.py", "healthcheck"];

    public static FargateTarget Target(EnvironmentProfile profile) => profile == EnvironmentProfile.Production
        ? new FargateTarget { VpcId = VpcId, ModelLoaderImage = PinnedLoader, HealthCheckCommand = ExampleHealthCheck }
        : new FargateTarget { VpcId = VpcId, HealthCheckCommand = ExampleHealthCheck };

    public static Synthesizer Synthesizer() => new(AwsTargets.All);

    public static StackIdentity Stack(EnvironmentProfile profile) => profile == EnvironmentProfile.Production ? SampleDeployments.Prod : SampleDeployments.Staging;

    public static Synthesis Synthesize(ModelDeployment deployment, EnvironmentProfile profile = EnvironmentProfile.Development) =>
        Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployment), Stack(profile));

    public static string Program(ModelDeployment deployment, EnvironmentProfile profile) => Program(profile, deployment);

    public static string Program(EnvironmentProfile profile, params ModelDeployment[] deployments)
    {
        var stack = Stack(profile);
        return PulumiYamlWriter.Write(Synthesizer().Synthesize(SampleDeployments.Platform(profile, deployments), stack).Graph, stack.Project, $"golden scenario for {stack.Stack}");
    }

    /// <summary>An internal service group: HTTPS with the sample certificate, access logs, in the tasks' private subnets.</summary>
    public static FargateServiceGroup InternalGroup { get; } = new()
    {
        Name = "edge",
        VpcId = VpcId,
        SubnetIds = SampleDeployments.Subnets,
        CertificateArn = CertificateArn,
        AccessLogsBucket = "acme-alb-logs",
        IdleTimeoutSeconds = 120,
    };

    /// <summary>
    /// Three deployments on <paramref name="group"/>: ranker (rolling, path /ranker/*, a cluster of its own), scorer
    /// (blue/green, path /scorer/*) and fraud (canary, host fraud.ml.example.com), both on the existing cluster ml-shared.
    /// </summary>
    public static ModelDeployment[] Grouped(EnvironmentProfile profile = EnvironmentProfile.Development, FargateServiceGroup? group = null)
    {
        var g = group ?? InternalGroup;
        var exposure = g.Exposure;
        var ranker = Internal(profile);
        var scorer = PublicWaived(profile);
        return
        [
            ranker with
            {
                Target = Target(profile) with { Group = g, Route = new FargateRoute { Priority = 10, PathPatterns = ["/ranker/*"] } },
                Network = ranker.Network with { Exposure = exposure },
                Serving = ranker.Serving with { PredictPath = "/ranker/predict" },
            },
            scorer with
            {
                Target = Target(profile) with { Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/ml-shared", Group = g, Route = new FargateRoute { Priority = 20, PathPatterns = ["/scorer/*"] } },
                Network = scorer.Network with { Exposure = exposure },
                Serving = scorer.Serving with { PredictPath = "/scorer/predict" },
                Waivers = [],
            },
            new ModelDeployment("fraud", ImageSource.Existing(SampleDeployments.PinnedImage), ModelArtifact.FromUri("s3://models-prod/fraud/"), Target(profile) with { Cluster = "ml-shared", Group = g, Route = new FargateRoute { Priority = 30, HostHeaders = ["fraud.ml.example.com"] } })
            {
                Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
                Network = new Network { Exposure = exposure, SubnetIds = SampleDeployments.Subnets },
                Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10, BakeTime = TimeSpan.FromMinutes(10) },
                Monitoring = new Monitoring { NotificationTopic = "arn:aws:sns:us-east-1:123456789012:ml-oncall" },
            },
        ];
    }

    /// <summary>The Fargate golden programs: internal and public-waived, each for a staging and a prod stack.</summary>
    public static IReadOnlyList<(string File, Func<string> Synthesize)> Goldens { get; } =
    [
        ("fargate-internal.staging.yaml", () => Program(Internal(), EnvironmentProfile.Development)),
        ("fargate-internal.prod.yaml", () => Program(Internal(EnvironmentProfile.Production), EnvironmentProfile.Production)),
        ("fargate-public-waived.staging.yaml", () => Program(PublicWaived(), EnvironmentProfile.Development)),
        ("fargate-public-waived.prod.yaml", () => Program(PublicWaived(EnvironmentProfile.Production), EnvironmentProfile.Production)),
        ("fargate-public-oidc.prod.yaml", () => Program(PublicOidc(EnvironmentProfile.Production), EnvironmentProfile.Production)),
        ("fargate-service-group.prod.yaml", () => Program(EnvironmentProfile.Production, Grouped(EnvironmentProfile.Production))),
        ("fargate-dvc-model.prod.yaml", () => Program(DvcTracked(EnvironmentProfile.Production), EnvironmentProfile.Production)),
    ];

    /// <summary>The internal service serving a DVC 3 single-file output (fraud.pkl) read from its S3 remote (decision 48).</summary>
    public static ModelDeployment DvcTracked(EnvironmentProfile profile = EnvironmentProfile.Development) =>
        Internal(profile) with { Artifact = ModelArtifact.FromDvc("tests/MlDeploy.Tests/Fixtures/Dvc/v3/models/fraud.pkl.dvc") };

    /// <summary>The public sample authenticated at the load balancer with OpenID Connect instead of the MLS-NET-02 waiver.</summary>
    public static ModelDeployment PublicOidc(EnvironmentProfile profile = EnvironmentProfile.Development)
    {
        var d = PublicWaived(profile);
        return d with
        {
            Target = ((FargateTarget)d.Target) with
            {
                Authentication = new OidcAuthentication(
                    "https://login.example.com", "https://login.example.com/authorize", "https://login.example.com/token", "https://login.example.com/userinfo", "ml-scorer", "oidcClientSecret"),
            },
            Waivers = [.. d.Waivers.Where(w => w.RuleId != "MLS-NET-02")],
        };
    }
}
