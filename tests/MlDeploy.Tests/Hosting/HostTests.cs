using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlPlatform.Stacks;

namespace MlDeploy.Tests.Hosting;

public class HostTests
{
    private static string GoldenProgram(string file) =>
        File.ReadAllText(Path.Combine(Repo.Root, "tests", "MlDeploy.Tests", "Golden", "Programs", file)).ReplaceLineEndings("\n");

    [Fact]
    public void Compile_WithPulumiStackEnvironment_PrintsOnlyTheProgram()
    {
        var run = TestHost.Run(["compile"], TestHost.CompilerEnvironment("prod"));

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Equal(GoldenProgram("example-stack.prod.yaml"), run.Stdout);
    }

    [Fact]
    public void Compile_InvalidConfig_ExitsTwoWithMessagesOnStderrOnly()
    {
        var env = TestHost.CompilerEnvironment("prod");
        env["PULUMI_CONFIG"] = env["PULUMI_CONFIG"].Replace("\"ml-platform:minReplicas\":\"2\"", "\"ml-platform:minReplicas\":\"two\"", StringComparison.Ordinal)
            .Replace("\"ml-platform:maxReplicas\":\"6\"", "\"ml-platform:maxReplicas\":\"0\"", StringComparison.Ordinal);

        var run = TestHost.Run(["compile"], env);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: PULUMI_CONFIG (stack prod): ml-platform:minReplicas: 'two' is not a whole number (set a number, e.g. 2)\n", run.Stderr);
    }

    [Fact]
    public void Compile_BakeTimeOutOfTheProgramsBounds_NamesTheConfigKey()
    {
        var env = TestHost.CompilerEnvironment("prod");
        env["PULUMI_CONFIG"] = env["PULUMI_CONFIG"].Replace("\"ml-platform:bakeTime\":\"10m\"", "\"ml-platform:bakeTime\":\"0s\"", StringComparison.Ordinal);

        var run = TestHost.Run(["compile"], env);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: PULUMI_CONFIG (stack prod): ml-platform:bakeTime: 0s is less than the minimum 1m (set a duration from 1m to 1h)\n", run.Stderr);
    }

    [Fact]
    public void Synth_StackFileDurationIsNotADuration_NamesTheLine()
    {
        using var project = new HostProject(new Dictionary<string, byte[]?> { ["stacks/Pulumi.staging.yaml"] = HostCase.Utf8(HostProject.ValidStaging + "  ml-platform:bakeTime: 10 minutes\n") });

        var run = TestHost.Run(["synth", "--stack", "staging"], workingDirectory: project.Root);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: stacks/Pulumi.staging.yaml:12: ml-platform:bakeTime: '10 minutes' is not a duration (write a duration from 1m to 1h, e.g. 90s, 10m, 1h30m or PT10M)\n", run.Stderr);
    }

    [Fact]
    public void Compile_ValidConfigThatBreaksTheModel_ReportsEveryProblem()
    {
        var env = TestHost.CompilerEnvironment("prod");
        env["PULUMI_CONFIG"] = env["PULUMI_CONFIG"].Replace("\"ml-platform:maxReplicas\":\"6\"", "\"ml-platform:maxReplicas\":\"1\"", StringComparison.Ordinal)
            .Replace("\"ml-platform:logRetentionDays\":\"90\"", "\"ml-platform:logRetentionDays\":\"45\"", StringComparison.Ordinal);

        var run = TestHost.Run(["compile"], env);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal(
            "error: deployments[fraud-scorer].scaling.max: max 1 is below min 2 (max must be at least min)\n" +
            "error: deployments[fraud-scorer].monitoring.logRetentionDays: SageMaker real-time endpoints cannot keep logs 45 days (use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)\n",
            run.Stderr);
    }

    [Fact]
    public void Compile_MissingRequiredConfig_NamesTheKeyAndTheFix()
    {
        var env = TestHost.CompilerEnvironment("staging");
        env["PULUMI_CONFIG"] = env["PULUMI_CONFIG"].Replace("\"ml-platform:imageTag\":\"2026.11.22-1\",", string.Empty, StringComparison.Ordinal);

        var run = TestHost.Run(["compile"], env);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: PULUMI_CONFIG (stack staging): ml-platform:imageTag: is not set (run `pulumi config set imageTag <value> --stack staging` or add it to Pulumi.staging.yaml)\n", run.Stderr);
    }

    [Fact]
    public void Compile_SecretConfigReadAsPlainValue_IsRefused()
    {
        var env = TestHost.CompilerEnvironment("staging");
        env["PULUMI_CONFIG_SECRET_KEYS"] = "[\"ml-platform:alertEmail\"]";

        var run = TestHost.Run(["compile"], env);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: PULUMI_CONFIG (stack staging): ml-platform:alertEmail: is a secret and cannot be read into the program (reference it with SecretSource.Config(\"alertEmail\") so Pulumi reads it at deploy time)\n", run.Stderr);
    }

    [Fact]
    public void Compile_MalformedPulumiConfig_ExitsTwo()
    {
        var run = TestHost.Run(["compile"], new Dictionary<string, string> { ["PULUMI_STACK"] = "prod", ["PULUMI_CONFIG"] = "{not json" });

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("error: PULUMI_CONFIG (stack prod): is not a JSON object of strings", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WithoutStack_PrintsOneProgramCoveringEveryStack()
    {
        var run = TestHost.Run(["compile"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));

        // Staging builds the image (docker-build provider); prod only references a digest. Plugin discovery must see both.
        Assert.Contains("type: docker-build:index:Image", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("version: \"0.0.22\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("version: \"7.48.0\"", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(run.Stdout, TestHost.Run(["compile"]).Stdout);
    }

    [Fact]
    public void Synth_Out_WritesTheProgramFileAndNothingOnStdout()
    {
        using var dir = new TempDirectory();

        var run = TestHost.Run(["synth", "--stack", "staging", "--out", dir.Path]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stdout));
        var file = Path.Combine(dir.Path, "Pulumi.staging.program.yaml");
        Assert.Equal(GoldenProgram("example-stack.staging.yaml"), File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFiles(dir.Path));
        Assert.Equal($"wrote {file} (26 resources)\n", run.Stderr);
    }

    [Fact]
    public void Synth_UnknownStack_ListsTheKnownOnes()
    {
        var run = TestHost.Run(["synth", "--stack", "qa"]);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: --stack qa: there is no config file stacks/Pulumi.qa.yaml (known stacks: aks, azure-ml, cloud-run, container-apps, eks, fargate, gke, prod, staging, vertex)\n", run.Stderr);
    }

    [Fact]
    public void Plan_ShowsMappingsResourcesAndAdvisoryGuardrails()
    {
        var run = TestHost.Run(["plan", "--stack", "staging"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        var lines = run.Stdout.Split('\n');
        Assert.Equal("Stack staging of ml-platform (development profile): 1 deployment(s), 26 resources, 4 invokes", lines[0]);
        Assert.Equal("Providers: aws 7.48.0, docker-build 0.0.22", lines[1]);
        Assert.Equal("Where pulumi up runs, it needs:", lines[2]);
        Assert.Equal("  docker: buildx with a BuildKit builder (Docker Engine or buildkitd), to build and push images", lines[3]);
        Assert.Equal("fraud-scorer -> SageMaker real-time endpoint", lines[5]);
        Assert.Contains(lines, l => l.StartsWith("  compute ", StringComparison.Ordinal) && l.EndsWith("2 vCPU / 8 GiB -> ml.m5.large (2 vCPU / 8 GiB)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  fraud-scorer-endpoint ", StringComparison.Ordinal) && l.Contains("aws:sagemaker/endpoint:Endpoint", StringComparison.Ordinal) && l.Contains("name=ml-platform-staging-fraud-scorer", StringComparison.Ordinal));
        Assert.Contains($"Guardrails: {SampleDeployments.Synthesizer().Policies.Length} rules checked, 0 violations, 2 advisory (production-only), 0 waived", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  advisory MLS-REL-01 fraud-scorer-endpoint-config: variant primary starts with fewer than 2 instances (one zone failure takes it down)", lines);
    }

    [Fact]
    public void Validate_EveryStack_SummarizesOnStdout()
    {
        var run = TestHost.Run(["validate"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Equal("aks: valid (1 deployment(s), 19 resources); pulumi up needs az, docker, kubelogin (see plan)\nazure-ml: valid (1 deployment(s), 31 resources); pulumi up needs az, docker (see plan)\ncloud-run: valid (1 deployment(s), 22 resources); pulumi up needs docker (see plan)\ncontainer-apps: valid (1 deployment(s), 21 resources); pulumi up needs az, docker (see plan)\neks: valid (1 deployment(s), 22 resources); pulumi up needs aws, docker (see plan)\nfargate: valid (1 deployment(s), 39 resources); pulumi up needs docker (see plan)\ngke: valid (1 deployment(s), 20 resources); pulumi up needs docker, gcloud, gke-gcloud-auth-plugin (see plan)\nprod: valid (1 deployment(s), 23 resources)\nstaging: valid (1 deployment(s), 26 resources); pulumi up needs docker (see plan)\nvertex: valid (1 deployment(s), 25 resources); pulumi up needs docker, gcloud (see plan)\n", run.Stdout);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("synth")]
    [InlineData("plan --stack")]
    public void CommandLine_Misuse_ExitsTwoWithNothingOnStdout(string args)
    {
        var run = TestHost.Run(args.Split(' '));

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("error: command line: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void StackProgramBug_ExitsOneWithTheStackTrace()
    {
        var run = TestHost.Run(["synth", "--stack", "prod"], define: _ => throw new InvalidOperationException("bug in the stack program"));

        Assert.Equal((1, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("internal error: System.InvalidOperationException: bug in the stack program", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(" at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NotInAProject_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var run = TestHost.Run(["synth", "--stack", "prod"], workingDirectory: dir.Path);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal($"error: {dir.Path}: is not inside a Pulumi project (no Pulumi.yaml here or above) (run from the project folder)\n", run.Stderr);
    }

    [Fact]
    public void Plan_ProfileComesFromTheStackConfig_WhenTheProgramLeavesItUnset()
    {
        var run = TestHost.Run(["plan", "--stack", "prod"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(production profile)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ProgramProfileDisagreeingWithTheStackConfig_ExitsTwo()
    {
        var run = TestHost.Run(["plan", "--stack", "prod"], define: stack => ModelPlatform.Define(stack) with { Profile = EnvironmentProfile.Development });

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal("error: Platform.Profile: the stack program says Development but prod's config says Production (leave Platform.Profile unset: the host takes it from the profile config key)\n", run.Stderr);
    }
}
