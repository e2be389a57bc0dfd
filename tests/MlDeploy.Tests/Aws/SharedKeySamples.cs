using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Aws;

/// <summary>A stack-level key and alert channel shared by deployments on every AWS target.</summary>
internal static class SharedKeySamples
{
    public static EncryptionKey Key { get; } = new("ml");

    public static AlertChannel Channel { get; } = new("ml-oncall") { Emails = ["risk-team@example.com", "ml-oncall@example.com"], Key = Key };

    /// <summary>The deployment encrypted with the shared key, its alarms notifying the shared channel (and no topic of its own).</summary>
    public static ModelDeployment Using(ModelDeployment d, EncryptionKey? key = null, AlertChannel? channel = null) => d with
    {
        Encryption = key ?? Key,
        Monitoring = d.Monitoring with { NotificationEmail = null, NotificationTopic = null, Channel = channel ?? Channel },
    };

    /// <summary>A SageMaker endpoint, a Fargate service and an EKS workload.</summary>
    public static ModelDeployment[] ThreeTargets() =>
    [
        Using(SampleDeployments.CpuEndpoint("fraud")),
        Using(Ecs.FargateSamples.Internal(EnvironmentProfile.Production)),
        Using(Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Name = "recommender" }),
    ];

    /// <summary>Ten deployments over the three AWS targets.</summary>
    public static ModelDeployment[] Ten() =>
    [
        .. Enumerable.Range(0, 4).Select(i => Using(SampleDeployments.CpuEndpoint($"sm-{i}"))),
        .. Enumerable.Range(0, 4).Select(i => Using(Ecs.FargateSamples.Internal(EnvironmentProfile.Production) with { Name = $"ecs-{i}" })),
        .. Enumerable.Range(0, 2).Select(i => Using(Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production) with { Name = $"eks-{i}" })),
    ];

    public static Synthesis Synthesize(params ModelDeployment[] deployments) => Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, deployments));

    public static Synthesis Synthesize(Platform platform) => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod);

    public static IReadOnlyList<string> Problems(params ModelDeployment[] deployments) => Problems(SampleDeployments.Platform(EnvironmentProfile.Production, deployments));

    public static IReadOnlyList<string> Problems(Platform platform) =>
        [.. SampleDeployments.Synthesizer().Validate(platform, Repo.Root).Select(p => p.ToString())];
}
