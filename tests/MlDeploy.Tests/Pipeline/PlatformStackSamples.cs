using MlDeploy.Aws.Eks;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipeline;

/// <summary>A platform stack: a created EKS cluster and a shared image, exported for model stacks, with no deployment.</summary>
internal static class PlatformStackSamples
{
    /// <summary>The GPU cluster of the EKS samples, pinned for production.</summary>
    public static NewEksCluster Cluster { get; } = EksSamples.GpuCluster with { DevicePluginImage = EksSamples.PinnedDevicePlugin };

    public static SharedImage Image { get; } = (SharedImage)ImageSource.Shared("scorer", "examples/model-server", "1.4.2");

    public static Platform Platform(EnvironmentProfile profile = EnvironmentProfile.Production) => new()
    {
        Profile = profile,
        Components = [Cluster, Image],
        Outputs =
        [
            new PlatformOutput("clusterName", OutputValue.Of(Cluster, "name")),
            new PlatformOutput("clusterOidcProvider", OutputValue.Of(Cluster, "oidc-provider-arn")),
            new PlatformOutput("scorerImage", OutputValue.Of(Image, "image")),
            new PlatformOutput("scorerRepository", OutputValue.Of(Image, "repository-url")),
        ],
    };

    public static Synthesis Synthesize(Platform platform) => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod);
}
