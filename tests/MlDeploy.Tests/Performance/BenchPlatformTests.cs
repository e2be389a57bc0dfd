using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Benchmarks;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Performance;

/// <summary>The benchmarks measure a platform that synthesizes: an input error would time only the validation.</summary>
public class BenchPlatformTests
{
    [Theory]
    [InlineData(8, false)]
    [InlineData(20, true)]
    public void Create_BenchmarkPlatform_Synthesizes(int deployments, bool mixed)
    {
        var synthesis = new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All).Synthesize(BenchPlatform.Create(deployments, mixed: mixed), SampleDeployments.Staging);

        Assert.Equal(deployments, synthesis.Graph.Resources.Select(r => r.Owner).OfType<string>().Distinct().Count());
    }
}
