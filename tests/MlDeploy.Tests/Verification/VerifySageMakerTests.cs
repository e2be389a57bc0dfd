using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Verification;

/// <summary><c>verify</c> on the example SageMaker stack (staging) against endpoints created in moto.</summary>
[Collection(MotoFixtureGroup.Name)]
public sealed class VerifySageMakerTests
{
    private readonly MotoServer _moto;

    public VerifySageMakerTests(MotoServer moto)
    {
        _moto = moto;
        moto.Reset();
    }

    [Fact]
    public async Task Verify_HealthyEndpoint_PassesEveryCheck_AndWritesTheRecord()
    {
        var arn = await _moto.CreateEndpointAsync("healthy-ep", "healthy-config");
        await _moto.QueueInvocationResultAsync("""{"predictions":[{"score":0.91,"label":1}],"model_version":"2024.06.0-demo"}""");
        using var dir = new TempDirectory();
        var record = Path.Combine(dir.Path, "verify.json");

        var run = VerifyRun.Outputs("staging", VerifyRun.SageMakerOutputs(arn, "healthy-ep", "healthy-config"), _moto.Variables, record);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stdout + run.Stderr);
        Assert.Equal(
            "PASS fraud-scorer endpoint-status: healthy-ep is InService\n" +
            "PASS fraud-scorer endpoint-config: healthy-ep serves healthy-config\n" +
            "PASS fraud-scorer smoke: InvokeEndpoint healthy-ep answered HTTP 200 containing '\"predictions\"'\n",
            run.Stdout);
        Assert.Equal(
            "{\n" +
            "  \"stack\": \"staging\",\n" +
            "  \"passed\": true,\n" +
            "  \"deployments\": {\n" +
            "    \"fraud-scorer\": {\n" +
            $"      \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer@sha256:{new string('a', 64)}\",\n" +
            $"      \"modelSha256\": \"{VerifyRun.ModelSha256}\"\n" +
            "    }\n" +
            "  },\n" +
            "  \"checks\": [\n" +
            "    {\n      \"deployment\": \"fraud-scorer\",\n      \"check\": \"endpoint-status\",\n      \"status\": \"pass\",\n      \"detail\": \"healthy-ep is InService\"\n    },\n" +
            "    {\n      \"deployment\": \"fraud-scorer\",\n      \"check\": \"endpoint-config\",\n      \"status\": \"pass\",\n      \"detail\": \"healthy-ep serves healthy-config\"\n    },\n" +
            "    {\n      \"deployment\": \"fraud-scorer\",\n      \"check\": \"smoke\",\n      \"status\": \"pass\",\n      \"detail\": \"InvokeEndpoint healthy-ep answered HTTP 200 containing '\\\"predictions\\\"'\"\n    }\n" +
            "  ]\n" +
            "}\n",
            File.ReadAllText(record));
    }

    [Fact]
    public async Task Verify_EndpointServingAnotherConfig_FailsTheConfigCheck()
    {
        // The program deployed rolled-new; AWS rolled the update back, so the endpoint still serves rolled-old.
        var arn = await _moto.CreateEndpointAsync("rolled-ep", "rolled-old", "rolled-new");
        await _moto.QueueInvocationResultAsync("""{"predictions":[]}""");

        var run = VerifyRun.Outputs("staging", VerifyRun.SageMakerOutputs(arn, "rolled-ep", "rolled-new"), _moto.Variables);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("PASS fraud-scorer endpoint-status: rolled-ep is InService\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL fraud-scorer endpoint-config: rolled-ep serves rolled-old, but the program deployed rolled-new (fraud-scorer-endpoint-config-name): the update was rolled back or never applied\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SmokeAnswerWithoutTheExpectedText_FailsTheSmokeCheck()
    {
        var arn = await _moto.CreateEndpointAsync("wrong-answer-ep", "wrong-answer-config");
        await _moto.QueueInvocationResultAsync("""{"error":"model not loaded"}""");

        var run = VerifyRun.Outputs("staging", VerifyRun.SageMakerOutputs(arn, "wrong-answer-ep", "wrong-answer-config"), _moto.Variables);

        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.Stdout + run.Stderr);
        Assert.Contains("FAIL fraud-scorer smoke: InvokeEndpoint wrong-answer-ep answered HTTP 200 without '\"predictions\"' in the body: {\"error\":\"model not loaded\"}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EndpointThatDoesNotExist_FailsTheStatusCheck()
    {
        var run = VerifyRun.Outputs("staging", VerifyRun.SageMakerOutputs("arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing-ep", "missing-ep", "missing-config"), _moto.Variables);
        await Task.CompletedTask;

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("FAIL fraud-scorer endpoint-status: DescribeEndpoint answered HTTP 400: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("SKIP fraud-scorer endpoint-config: DescribeEndpoint failed (see endpoint-status)\n", run.Stdout, StringComparison.Ordinal);
    }
}
