using MlDeploy.Gcp;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

/// <summary>Every policy over the Vertex AI resources: silent on the reference program, firing on one mutation.</summary>
public class VertexGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, VertexSamples.Production());
    private static readonly ResourceGraph s_reference = SampleDeployments.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => new()
    {
        { "MLS-NET-01", g => g.Set("classifier-endpoint", "privateServiceConnectConfig", null), "classifier-endpoint" },
        { "MLS-DATA-01", g => g.Set("classifier-models", "publicAccessPrevention", "inherited"), "classifier-models" },
        { "MLS-REG-01", g => g.Set("classifier-images", "dockerConfig.immutableTags", false), "classifier-images" },
        { "MLS-REG-02", g => g.Set("classifier-images", "vulnerabilityScanningConfig.enablementConfig", "DISABLED"), "classifier-images" },
        { "MLS-REG-05", g => g.Set("classifier-images", "cleanupPolicyDryRun", true), "classifier-images" },
        { "MLS-REG-03", g => g.Set("classifier-images-reader", "member", "allUsers"), "classifier-images-reader" },
        { "MLS-IAM-06", g => g.Set("classifier-models-reader", "role", "roles/storage.objectAdmin"), "classifier-models-reader" },
        { "MLS-IAM-05", g => g.Set("classifier-deploy", "environment.SERVICE_ACCOUNT", string.Empty), "classifier-deploy" },
        { "MLS-OBS-03", g => g.Set("classifier-alert-latency", "notificationChannels", null), "classifier-endpoint" },
        { "MLS-REL-01", g => g.Set("classifier-deploy", "environment.MIN_REPLICAS", "1"), "classifier-deploy" },
        { "MLS-IMG-01", g => g.Set("classifier-model", "environment.IMAGE", "europe-west4-docker.pkg.dev/acme-ml-prod/serving/classifier:latest"), "classifier-model" },
        { "MLS-SEC-01", g => g.Set("classifier-model", "environment.CONTAINER_ENV", "API_KEY=sk-live-123"), "classifier-model" },
    };

    [Fact]
    public void Reference_ProductionVertexProgram_PassesEveryPolicy() =>
        Assert.DoesNotContain(PolicyChecks.Engine(GcpTargets.All.Facts).Check(new GuardrailContext(s_reference, s_platform)), o => o.Status == GuardrailStatus.Violation);

    [Theory]
    [MemberData(nameof(Violations))]
    public void Mutation_BreakingOneSetting_FiresItsPolicyOnThatResource(string policy, Func<ResourceGraph, ResourceGraph> mutate, string resource)
    {
        var findings = PolicyChecks.Findings(policy, mutate(s_reference), s_platform, GcpTargets.All.Facts);

        Assert.Contains(findings, f => f.Resource == resource);
    }

    [Fact]
    public void PublicEndpoint_WithoutWaiver_FailsMlsNet01()
    {
        var d = VertexSamples.Internal() with { Network = new Network { Exposure = Exposure.Public } };

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => VertexSamples.Synthesize(d, EnvironmentProfile.Production));

        Assert.Contains(e.Diagnostics, x => x.ToString().Contains("MLS-NET-01", StringComparison.Ordinal));
    }
}
