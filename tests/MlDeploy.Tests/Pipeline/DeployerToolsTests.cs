using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Aks;
using MlDeploy.Tests.Azure;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipeline;

/// <summary>The programs a synthesized program runs where pulumi up runs are reported, each with what it is for.</summary>
public class DeployerToolsTests
{
    [Fact]
    public void Synthesize_ExistingImageOnSageMaker_NeedsNoTool()
    {
        var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.GpuEndpoint()), SampleDeployments.Prod);

        Assert.Empty(synthesis.DeployerTools);
    }

    [Fact]
    public void Synthesize_BuiltImage_NeedsDockerBuildx()
    {
        var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint()), SampleDeployments.Prod);

        Assert.Equal(["docker"], synthesis.DeployerTools.Select(t => t.Name));
    }

    [Fact]
    public void Synthesize_EksCluster_NeedsTheAwsCliForItsKubeconfig()
    {
        var synthesis = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.ExistingClusterCpu(EnvironmentProfile.Production));

        Assert.Contains(synthesis.DeployerTools, t => t.Name == "aws" && t.Purpose.Contains("aws eks get-token", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthesize_AzureMlEndpoint_NeedsTheAzureCliWithItsMlExtensionOnce()
    {
        var synthesis = ContainerAppsSamples.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, AzureMlSamples.Staging(), AzureMlSamples.Staging() with { Name = "second" }), SampleDeployments.Staging);

        Assert.Equal(
            [
                new DeployerTool("az", "the Azure CLI with its ml extension (az extension add --name ml), signed in: the traffic step runs az ml online-endpoint update"),
                new DeployerTool("az", "the Azure CLI, signed in (az login): az acr login --expose-token gives the image push its registry token"),
                new DeployerTool("docker", "buildx with a BuildKit builder (Docker Engine or buildkitd), to build and push images"),
            ],
            synthesis.DeployerTools.ToArray());
    }

    [Fact]
    public void Synthesize_AksClusterWithAzureCliLogin_NeedsKubeloginAndTheAzureCli()
    {
        var synthesis = AksSamples.Synthesize(EnvironmentProfile.Production, AksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

        Assert.Equal(["az", "kubelogin"], synthesis.DeployerTools.Select(t => t.Name).Distinct());
    }
}
