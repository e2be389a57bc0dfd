using MlDeploy.Tests.Golden;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Conformance;

public class ConformanceTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    [Fact]
    public void Conformance_EverySynthesizedProgram_TypeChecksAndRunsUnderTheOfficialSdks()
    {
        using var dir = new TempDirectory();
        foreach (var (file, synthesize) in GoldenScenarios.All)
        {
            File.WriteAllText(Path.Combine(dir.Path, file), synthesize());
        }

        // The program Pulumi gets when it runs the compiler without a stack, to find plugins.
        var discovery = TestHost.Run(["compile"]);
        Assert.Equal(0, discovery.ExitCode);
        File.WriteAllText(Path.Combine(dir.Path, "example-stack.plugin-discovery.yaml"), discovery.Stdout);

        var result = conformance.Check(dir.Path);

        Assert.Equal(GoldenScenarios.All.Count + 1, result.Programs.Count);
        Assert.All(result.Programs, p => Assert.True(p.Ok, $"{p.File}:\n{string.Join("\n", p.Errors)}"));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Conformance_PlantedDefects_AreRejected()
    {
        var program = GoldenScenarios.All[0].Synthesize();
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "misspelled-property.yaml"), Plant(program, "      enableNetworkIsolation: true\n", "      enableNetworkIsolaton: true\n"));
        File.WriteAllText(Path.Combine(dir.Path, "bad-output-reference.yaml"), Plant(program, "executionRoleArn: ${fraud-role.arn}", "executionRoleArn: ${fraud-role.roleArn}"));
        File.WriteAllText(Path.Combine(dir.Path, "wrong-version.yaml"), Plant(program, "version: \"0.0.22\"", "version: \"0.0.21\""));

        var result = conformance.Check(dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.All(result.Programs, p => Assert.False(p.Ok, $"{p.File} should have been rejected"));
        Assert.Contains("enableNetworkIsolaton", string.Join("\n", result.Programs.Single(p => p.File == "misspelled-property.yaml").Errors), StringComparison.Ordinal);
        Assert.Contains("roleArn", string.Join("\n", result.Programs.Single(p => p.File == "bad-output-reference.yaml").Errors), StringComparison.Ordinal);
        Assert.Contains("0.0.21", string.Join("\n", result.Programs.Single(p => p.File == "wrong-version.yaml").Errors), StringComparison.Ordinal);
    }

    private static string Plant(string program, string original, string defect)
    {
        Assert.Contains(original, program, StringComparison.Ordinal);
        return program.Replace(original, defect, StringComparison.Ordinal);
    }
}
