using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Pipeline;

public class PlatformOutputTests
{
    private static readonly ModelDeployment s_fraud = SampleDeployments.CpuEndpoint();

    private static Platform With(params PlatformOutput[] outputs) =>
        SampleDeployments.Platform(EnvironmentProfile.Development, s_fraud) with { Outputs = [.. outputs] };

    private static string Program(Platform platform) =>
        PulumiYamlWriter.Write(SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging).Graph, "ml-platform", "test");

    private static string[] Problems(Platform platform) =>
        [.. Assert.Throws<InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Staging)).Diagnostics.Select(p => p.ToString())];

    [Fact]
    public void Outputs_LiteralsAndDeploymentOutputs_AreWrittenBesideTheSdksInNameOrder()
    {
        var program = Program(With(
            new PlatformOutput("team", "risk-ml"),
            new PlatformOutput("maxReplicas", 4),
            new PlatformOutput("canary", true),
            new PlatformOutput("fraudEndpoint", OutputValue.Of(s_fraud, "endpoint-name")),
            new PlatformOutput("template", "${not-a-reference}")));

        var outputs = program[program.IndexOf("\noutputs:\n", StringComparison.Ordinal)..].Split('\n');
        Assert.Contains("  canary: true", outputs);
        Assert.Contains("  fraudEndpoint: ${fraud-endpoint.name}", outputs);
        Assert.Contains("  maxReplicas: 4", outputs);
        Assert.Contains("  team: risk-ml", outputs);
        Assert.Contains("  template: $${not-a-reference}", outputs);
        Assert.Contains("  fraud-endpoint-name: ${fraud-endpoint.name}", outputs);
        Assert.True(Array.IndexOf(outputs, "  canary: true") < Array.IndexOf(outputs, "  fraud-endpoint-name: ${fraud-endpoint.name}"));
    }

    [Fact]
    public void Output_NamedLikeAnSdkOutput_IsAClash()
    {
        Assert.Equal(
            ["outputs[fraud-endpoint-name]: is already an output of the SDK (deployment 'fraud') (choose another name; the SDK's outputs are <deployment>-<part>)"],
            Problems(With(new PlatformOutput("fraud-endpoint-name", "x"))));
    }

    [Fact]
    public void Output_NamedTwice_IsAClash()
    {
        Assert.Equal(
            ["outputs[team]: is exported twice (give each custom output its own name)"],
            Problems(With(new PlatformOutput("team", "a"), new PlatformOutput("team", "b"))));
    }

    [Fact]
    public void Output_OfAnOutputTheDeploymentDoesNotExport_ListsTheOnesItDoes()
    {
        Assert.Equal(
            ["outputs[fraudUrl]: deployment 'fraud' exports no output 'url' (use one of its outputs: endpoint-arn, endpoint-config-name, endpoint-name, image, image-digest, invoke-url, model-data, model-name, model-sha256, registry-url)"],
            Problems(With(new PlatformOutput("fraudUrl", OutputValue.Of(s_fraud, "url")))));
    }

    [Fact]
    public void Output_OfADeploymentOutsideThePlatform_IsRefusedBeforePlanning()
    {
        var churn = SampleDeployments.Serverless();

        Assert.Equal(
            ["outputs[churnImage]: refers to deployment 'churn', which is not part of the platform (add it to Platform.Deployments, or refer to one of: fraud)"],
            Problems(With(new PlatformOutput("churnImage", OutputValue.Of(churn, "image")))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("${x}")]
    public void Output_WithAnUnusableName_IsRefused(string name)
    {
        Assert.Equal(
            [$"outputs[{name}]: is not a usable output name (start with a letter and use letters, digits, '-' and '_' (at most 128 characters), e.g. fraudScorerEndpoint)"],
            Problems(With(new PlatformOutput(name, "x"))));
    }

    [Fact]
    public void Output_ClashInTheStackProgram_ExitsTwo()
    {
        var run = TestHost.Run(["synth", "--stack", "staging"], define: stack =>
        {
            var platform = MlPlatform.Stacks.ModelPlatform.Define(stack);
            return platform with { Outputs = [new PlatformOutput("fraud-scorer-image", "x")] };
        });

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: outputs[fraud-scorer-image]: is already an output of the SDK (deployment 'fraud-scorer') (choose another name; the SDK's outputs are <deployment>-<part>)\n", run.Stderr);
    }
}
