using MlDeploy.Gcp;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

/// <summary>Every policy over the Cloud Run resources: silent on the reference program, firing on one mutation.</summary>
public class CloudRunGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, CloudRunSamples.Production());
    private static readonly ResourceGraph s_reference = CloudRunSamples.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string> Violations => new()
    {
        { "MLS-NET-01", g => g.Set("classifier-service", "ingress", "INGRESS_TRAFFIC_ALL"), "classifier-service" },
        { "MLS-NET-02", g => g.Set("classifier-service", "ingress", "INGRESS_TRAFFIC_ALL").Set("classifier-service", "invokerIamDisabled", true), "classifier-service" },
        { "MLS-DATA-01", g => g.Set("classifier-models", "publicAccessPrevention", "inherited"), "classifier-models" },
        { "MLS-REG-01", g => g.Set("classifier-images", "dockerConfig.immutableTags", false), "classifier-images" },
        { "MLS-REG-02", g => g.Set("classifier-images", "vulnerabilityScanningConfig.enablementConfig", "DISABLED"), "classifier-images" },
        { "MLS-REG-05", g => g.Set("classifier-images", "cleanupPolicyDryRun", true), "classifier-images" },
        { "MLS-REG-03", g => g.Set("classifier-images-reader", "member", "allUsers"), "classifier-images-reader" },
        { "MLS-IAM-06", g => g.Set("classifier-models-reader", "role", "roles/storage.objectAdmin"), "classifier-models-reader" },
        { "MLS-IAM-05", g => g.Set("classifier-service", "template.serviceAccount", null), "classifier-service" },
        { "MLS-OBS-03", g => g.Set("classifier-alert-latency", "notificationChannels", null), "classifier-service" },
        { "MLS-REL-01", g => g.Set("classifier-service", "template.scaling.minInstanceCount", 1), "classifier-service" },
        { "MLS-REL-04", g => g.Set("classifier-service", "template.containers[0].startupProbe", null), "classifier-service" },
        { "MLS-REL-05", g => g.Set("classifier-service", "traffics", null), "classifier-service" },
        { "MLS-IMG-01", g => g.Set("classifier-service", "template.containers[0].image", "europe-west4-docker.pkg.dev/acme-ml-prod/serving/classifier:latest"), "classifier-service" },
        { "MLS-SEC-01", g => g.Set("classifier-service", "template.containers[0].envs", Value.List(Value.Map(("name", "API_KEY"), ("value", "sk-live-123")))), "classifier-service" },
        { "MLS-CTR-08", g => g.Set("classifier-service", "template.containers[0].resources.limits", Value.Map(("cpu", "4"))), "classifier-service" },
    };

    [Fact]
    public void Reference_ProductionCloudRunProgram_PassesEveryPolicy() =>
        Assert.DoesNotContain(PolicyChecks.Engine(GcpTargets.All.Facts).Check(new GuardrailContext(s_reference, s_platform)), o => o.Status == GuardrailStatus.Violation);

    [Theory]
    [MemberData(nameof(Violations))]
    public void Mutation_BreakingOneSetting_FiresItsPolicyOnThatResource(string policy, Func<ResourceGraph, ResourceGraph> mutate, string resource)
    {
        var findings = PolicyChecks.Findings(policy, mutate(s_reference), s_platform, GcpTargets.All.Facts);

        Assert.Contains(findings, f => f.Resource == resource);
    }

    [Fact]
    public void Catalogue_EveryPolicyReadingCloudRunFactsHasAViolationCase()
    {
        // The pack's own extractors (its Kubernetes facts are covered by GkeGuardrailTests).
        var engine = PolicyChecks.Engine([.. MlDeploy.Gcp.Guardrails.GcpFacts.All]);
        var covering = engine.Policies.Where(p => engine.Covering(p.Id).Any()).Select(p => p.Id).ToHashSet();

        // MLS-CTR-02, MLS-CTR-06 and MLS-NET-03 cannot be violated through the Cloud Run API (no privileged mode or host
        // access; HTTPS only); MLS-REL-06 fires only with a p99 threshold above 3600 s, which validation refuses first;
        // MLS-REG-06 does not apply to Artifact Registry (customer-managed keys are opt-in there: SECURITY.md section 6).
        Assert.Subset(Violations.Select(row => (string)row[0]).Concat(["MLS-CTR-02", "MLS-CTR-06", "MLS-NET-03", "MLS-REL-06", "MLS-REG-06"]).ToHashSet(), covering);
    }

    [Fact]
    public void InvokerGrant_AllUsersOnAPublicService_FiresMlsNet02OnTheGrant()
    {
        var d = CloudRunSamples.Internal() with
        {
            Network = new Network { Exposure = Exposure.Public, RequireAuth = false },
            Target = CloudRunSamples.Target(EnvironmentProfile.Development),
            Waivers = [new Waiver("MLS-NET-01", "partner demo")],
        };
        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => CloudRunSamples.Synthesize(d));

        Assert.Contains(e.Diagnostics, x => x.ToString().Contains("MLS-NET-02", StringComparison.Ordinal) && x.ToString().Contains("classifier-invoker-public", StringComparison.Ordinal));
    }

    [Fact]
    public void InvokerGrant_AllUsersOnAnInternalService_IsNotPublic()
    {
        var d = CloudRunSamples.Internal() with { Network = new Network { RequireAuth = false }, Target = CloudRunSamples.Target(EnvironmentProfile.Development) };

        Assert.Contains(CloudRunSamples.Synthesize(d).Graph.Resources, r => r.Name == "classifier-invoker-public");
    }
}
