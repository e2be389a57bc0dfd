using System.Text.Json;
using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Verification;

/// <summary>
/// The pipeline's hand-off, with real files: `verify --record` on staging against moto, then `promote --verified` with
/// that record — a passing record lets the release through, a failing one stops it.
/// </summary>
[Collection(MotoFixtureGroup.Name)]
public sealed class VerifyThenPromoteTests : IDisposable
{
    private readonly MotoServer _moto;
    private readonly TempDirectory _project = ExampleProject.CopyBeforeFirstPromotion();

    public VerifyThenPromoteTests(MotoServer moto)
    {
        _moto = moto;
        moto.Reset();
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Promote_WithTheRecordOfAPassingVerify_WritesTheVerifiedRelease()
    {
        var arn = await _moto.CreateEndpointAsync("staging-ep", "staging-config");
        await _moto.QueueInvocationResultAsync("""{"predictions":[{"score":0.91,"label":1}]}""");
        var outputs = VerifyRun.SageMakerOutputs(arn, "staging-ep", "staging-config");

        var (verify, promote) = VerifyAndPromote(outputs);

        Assert.True(verify.ExitCode == ExitCodes.Success, verify.Stdout + verify.Stderr);
        Assert.True(promote.ExitCode == ExitCodes.Success, promote.Stderr);
        var prod = File.ReadAllText(Path.Combine(_project.Path, "stacks", "Pulumi.prod.yaml"));
        Assert.Contains($"  ml-platform:fraud-scorer-image: \"{outputs["fraud-scorer-image"]}\"\n", prod, StringComparison.Ordinal);
        Assert.Contains($"  ml-platform:fraud-scorer-model-sha256: \"{VerifyRun.ModelSha256}\"\n", prod, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_WithTheRecordOfARolledBackEndpoint_IsRefused()
    {
        // The endpoint serves another configuration than the program deployed: AWS rolled the update back.
        var arn = await _moto.CreateEndpointAsync("staging-ep", "previous-config", "staging-config");
        await _moto.QueueInvocationResultAsync("""{"predictions":[{"score":0.91,"label":1}]}""");
        var before = File.ReadAllBytes(Path.Combine(_project.Path, "stacks", "Pulumi.prod.yaml"));

        var (verify, promote) = VerifyAndPromote(VerifyRun.SageMakerOutputs(arn, "staging-ep", "staging-config"));

        Assert.Equal(ExitCodes.VerificationFailed, verify.ExitCode);
        Assert.Equal((2, string.Empty), (promote.ExitCode, promote.Stdout));
        Assert.Contains("says staging's last verification did not pass", promote.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_project.Path, "stacks", "Pulumi.prod.yaml")));
    }

    private (HostRun Verify, HostRun Promote) VerifyAndPromote(Dictionary<string, string?> outputs)
    {
        var outputsFile = Path.Combine(_project.Path, "staging-outputs.json");
        var record = Path.Combine(_project.Path, "staging-verify.json");
        File.WriteAllText(outputsFile, JsonSerializer.Serialize(outputs));
        var verify = VerifyRun.Outputs("staging", outputs, _moto.Variables, record);
        var promote = TestHost.Run(["promote", "--from", "staging", "--to", "prod", "--outputs", outputsFile, "--verified", record], workingDirectory: _project.Path);
        return (verify, promote);
    }
}
