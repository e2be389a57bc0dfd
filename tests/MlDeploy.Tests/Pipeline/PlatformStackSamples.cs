using MlDeploy.Aws.Eks;
using MlDeploy.Azure.Aks;
using MlDeploy.Gcp.Gke;
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

    /// <summary>The GPU clusters of the AKS and GKE samples, pinned for production.</summary>
    public static NewAksCluster AksCluster { get; } = Aks.AksSamples.GpuCluster with { DevicePluginImage = EksSamples.PinnedDevicePlugin };

    public static NewGkeCluster GkeCluster { get; } = Gke.GkeSamples.GpuCluster with { Name = "ml-gke" };

    /// <summary>A platform stack on the two other clouds: an AKS and a GKE cluster, each exporting what model stacks need.</summary>
    public static Platform ClustersOnAzureAndGoogleCloud() => new()
    {
        Profile = EnvironmentProfile.Production,
        Components = [AksCluster, GkeCluster],
        Outputs =
        [
            new PlatformOutput("aksClusterName", OutputValue.Of(AksCluster, "name")),
            new PlatformOutput("aksOidcIssuer", OutputValue.Of(AksCluster, "oidc-issuer-url")),
            new PlatformOutput("gkeClusterName", OutputValue.Of(GkeCluster, "name")),
            new PlatformOutput("gkeWorkloadPool", OutputValue.Of(GkeCluster, "workload-pool")),
        ],
    };

    public static Synthesis Synthesize(Platform platform) => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod);
}
