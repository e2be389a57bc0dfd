using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Verification;

/// <summary>Bad input to <c>verify</c> is exit 2 with a message naming the fix, nothing on stdout and no record; targets without a live check are skipped, not passed.</summary>
public sealed class VerifyInputTests
{
    private static readonly Dictionary<string, string> s_noAws = new() { ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing", ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9" };

    public static TheoryData<string, string[], string, string> BadInputs => new()
    {
        {
            "missing outputs", ["verify", "--stack", "staging", "--outputs", "-"], """{"fraud-scorer-endpoint-name": "ep"}""",
            "error: --outputs - (stdin): has no output fraud-scorer-endpoint-arn, which the program declares for deployment fraud-scorer (run `pulumi up --stack staging`, then pass what `pulumi stack output --json --show-secrets=false --stack staging` prints)\n"
        },
        {
            "malformed JSON", ["verify", "--stack", "staging", "--outputs", "-"], "{\"fraud-scorer-endpoint-name\": ",
            "error: --outputs - (stdin): is not valid JSON: "
        },
        {
            "not an object", ["verify", "--stack", "staging", "--outputs", "-"], "[]",
            "error: --outputs - (stdin): is a JSON array, not an object of output names to values (run `pulumi stack output --json --show-secrets=false --stack staging` and pass what it prints (a file, or - for stdin))\n"
        },
        {
            "unreadable file", ["verify", "--stack", "staging", "--outputs", "no-such-outputs.json"], string.Empty,
            "error: --outputs no-such-outputs.json: cannot be read: "
        },
        {
            "unknown stack", ["verify", "--stack", "nope", "--outputs", "-"], "{}",
            "error: --stack nope: there is no config file stacks/Pulumi.nope.yaml"
        },
        {
            "no outputs option", ["verify", "--stack", "staging"], "{}",
            "error: command line: Option '--outputs' is required."
        },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Verify_BadInput_ExitsTwoWithTheFix_PrintsAndWritesNothing(string scenario, string[] args, string stdin, string expectedStderrStart)
    {
        using var dir = new TempDirectory();
        var record = Path.Combine(dir.Path, "verify.json");

        var run = VerifyRun.WithStdin([.. args, "--record", record], stdin, s_noAws);

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, $"{scenario}: exit {run.ExitCode}\n{run.Stdout}{run.Stderr}");
        Assert.StartsWith(expectedStderrStart, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.False(File.Exists(record), scenario);
    }

    [Fact]
    public void Verify_EveryMissingOutput_IsNamed()
    {
        var run = VerifyRun.WithStdin(["verify", "--stack", "fargate", "--outputs", "-"], "{}", s_noAws);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        foreach (var key in new[] { "cluster", "image", "image-digest", "model-data", "registry-url", "service-name", "task-definition", "url" })
        {
            Assert.Contains($"has no output fraud-scorer-{key}, ", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_RecordInAMissingFolder_IsInvalidInput()
    {
        var run = VerifyRun.WithStdin(["verify", "--stack", "container-apps", "--outputs", "-", "--record", "no/such/folder/verify.json"], "{}", s_noAws);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Equal("error: --record no/such/folder/verify.json: is in a folder that does not exist (name a file in an existing folder, e.g. verify.json)\n", run.Stderr);
    }

    [Fact]
    public void Verify_TargetWithoutALiveCheck_SkipsWithTheReason_AndPasses()
    {
        // Nothing listens on port 9 of the loopback: the runner cannot reach the app, which is not a failure here.
        var outputs = new Dictionary<string, string?>
        {
            ["fraud-scorer-image"] = "registry.azurecr.io/fraud-scorer@sha256:" + new string('c', 64),
            ["fraud-scorer-latest-revision"] = "fraud-scorer--r1",
            ["fraud-scorer-latest-revision-url"] = "https://fraud-scorer--r1.example.com",
            ["fraud-scorer-model-sha256"] = VerifyRun.ModelSha256,
            ["fraud-scorer-url"] = "http://127.0.0.1:9/invocations",
        };

        var run = VerifyRun.Outputs("container-apps", outputs, s_noAws);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stdout + run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("SKIP fraud-scorer live-state: no live check reads ContainerAppsTarget deployments yet", lines[0]);
        Assert.StartsWith("SKIP fraud-scorer smoke: POST http://127.0.0.1:9/invocations got no answer: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TargetWithoutALiveCheck_AnsweringUnauthorized_SkipsTheSmoke()
    {
        using var server = new LoopbackHttpServer(401, """{"error":"unauthorized"}""");
        var outputs = new Dictionary<string, string?>
        {
            ["fraud-scorer-image"] = "registry.azurecr.io/fraud-scorer@sha256:" + new string('c', 64),
            ["fraud-scorer-latest-revision"] = "fraud-scorer--r1",
            ["fraud-scorer-latest-revision-url"] = "https://fraud-scorer--r1.example.com",
            ["fraud-scorer-model-sha256"] = VerifyRun.ModelSha256,
            ["fraud-scorer-url"] = server.Url,
        };

        var run = VerifyRun.Outputs("container-apps", outputs, s_noAws);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stdout + run.Stderr);
        Assert.EndsWith($"SKIP fraud-scorer smoke: POST {server.Url} answered HTTP 401: it needs credentials verify does not send for this target yet\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InTheNativeAotCompiler_IsInvalidInputNamingCompileSh()
    {
        // The NativeAOT publish switches the verb off (Directory.Build.props); this is what it then reports.
        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => VerifyFeature.Unavailable());

        Assert.Equal("verify: is not built into this executable (the NativeAOT compiler leaves it out so that `compile` starts faster) (run `sh stacks/compile.sh verify ...`, which runs it from a JIT build)", Assert.Single(e.Diagnostics).ToString());
        Assert.True(VerifyFeature.IsSupported);
    }
}
