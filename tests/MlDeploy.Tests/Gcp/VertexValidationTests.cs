using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Gcp;

/// <summary>What Vertex AI cannot do is a diagnostic with a path and a fix, never an exception.</summary>
public class VertexValidationTests
{
    private static IReadOnlyList<Diagnostic> Errors(ModelDeployment d) =>
        Assert.Throws<InvalidInputException>(() => VertexSamples.Synthesize(d)).Diagnostics;

    [Fact]
    public void ScaleToZero_IsRefusedByTheCapabilityRecord() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Scaling = new Scaling { Min = 0, Max = 2, Metric = ScalingMetric.CpuUtilization, Target = 60 } }), e => e.Path.Contains("scaling", StringComparison.Ordinal));

    [Fact]
    public void UnsupportedGpuKind_IsRefusedWithTheOffer() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(1, GpuKind.A10G) } }), e => e.Path.Contains("compute", StringComparison.Ordinal));

    [Fact]
    public void GpuCountNoMachineTakes_IsRefused() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(3, GpuKind.L4) } }), e => e.Path.Contains("compute", StringComparison.Ordinal));

    [Fact]
    public void UnknownMachineType_IsRefused() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Target = VertexSamples.Target(EnvironmentProfile.Development) with { MachineType = "m9-giant" } }), e => e.Path.EndsWith("target.machineType", StringComparison.Ordinal));

    [Fact]
    public void MachineTypeTooSmall_IsRefused() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Target = VertexSamples.Target(EnvironmentProfile.Development) with { MachineType = "e2-standard-2" }, Compute = new Compute { Cpu = 4, MemoryGiB = 8 } }), e => e.Path.EndsWith("target.machineType", StringComparison.Ordinal));

    [Fact]
    public void StableDeployedModel_NotADeployedModelId_IsRefused() =>
        Assert.Contains(Errors(VertexSamples.Internal() with { Target = VertexSamples.Target(EnvironmentProfile.Development) with { StableDeployedModel = "rev-1; rm -rf /" } }), e => e.Path.EndsWith("target.stableDeployedModel", StringComparison.Ordinal));

    [Fact]
    public void Secrets_AreRefusedByTheCapabilityRecord() =>
        Assert.NotEmpty(Errors(VertexSamples.Internal() with { Secrets = [new SecretReference("TOKEN", SecretSource.Store("projects/acme-ml-staging/secrets/token"))] }));

    [Fact]
    public void P99AboveTheRequestLimit_IsRefused() =>
        Assert.NotEmpty(Errors(VertexSamples.Internal() with { Monitoring = new Monitoring { NotificationEmail = "oncall@example.com", LatencyP99Ms = 700_000 } }));
}
