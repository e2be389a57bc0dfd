using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Pipeline;

public class ListOutputTests
{
    [Fact]
    public void Synthesize_ListOutput_MixesLiteralsAndReferencesInOrder()
    {
        var fraud = SampleDeployments.CpuEndpoint();
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, fraud) with
        {
            Outputs = [new PlatformOutput("privateSubnetIds", OutputValue.List("subnet-a", "subnet-b")), new PlatformOutput("endpoints", OutputValue.List(OutputValue.Of(fraud, "endpoint-name")))],
        };

        var program = PulumiYamlWriter.Write(SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging).Graph, "ml-platform", "list outputs");

        Assert.Contains("\n  endpoints:\n    - ${fraud-endpoint.name}\n", program, StringComparison.Ordinal);
        Assert.Contains("\n  privateSubnetIds:\n    - subnet-a\n    - subnet-b\n", program, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadListItem_IsNamedByItsPosition()
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, SampleDeployments.CpuEndpoint()) with
        {
            Outputs = [new PlatformOutput("endpoints", OutputValue.List("ok", OutputValue.Of(SampleDeployments.CpuEndpoint("ghost"), "endpoint-name")))],
        };

        var problems = SampleDeployments.Synthesizer().Validate(platform, Repo.Root);

        Assert.Equal(["outputs[endpoints][1]: refers to deployment 'ghost', which is not part of the platform (add it to Platform.Deployments, or refer to one of: fraud)"], problems.Select(p => p.ToString()));
    }
}
