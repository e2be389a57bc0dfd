using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Pipeline;

public class ComponentNameClashTests
{
    [Fact]
    public void Synthesize_DeploymentNamedLikeASharedImagesScope_IsAnInputErrorNotACrash()
    {
        var image = ImageSource.Shared("scorer", "examples/model-server", "1.4.2");
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, SampleDeployments.CpuEndpoint("image-scorer") with { Image = image });

        var error = Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("has the same logical name", StringComparison.Ordinal) && d.Hint is not null);
    }
}
