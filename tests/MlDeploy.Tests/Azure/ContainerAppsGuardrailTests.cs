using MlDeploy.Azure;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

/// <summary>Every policy over the Container Apps resources: silent on the reference program, firing on one mutation.</summary>
public class ContainerAppsGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, ContainerAppsSamples.Production());
    private static readonly ResourceGraph s_reference = ContainerAppsSamples.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> Violations => new()
    {
        { "MLS-NET-01", g => g.Set("classifier-app", "configuration.ingress.external", true), "classifier-app", "the ingress is reachable from outside the private network (external ingress)" },
        { "MLS-NET-02", g => g.Set("classifier-app", "configuration.ingress.external", true), "classifier-app", "the ingress is reachable from outside the private network (external ingress) and nothing the program sets up authenticates its callers" },
        { "MLS-NET-03", g => g.Set("classifier-models", "minimumTlsVersion", "TLS1_0"), "classifier-models", "the storage account allows TLS below 1.2" },
        { "MLS-DATA-01", g => g.Set("classifier-models", "allowBlobPublicAccess", true), "classifier-models", "public access is not blocked (allowBlobPublicAccess)" },
        { "MLS-REG-03", g => g.Set("classifier-registry", "anonymousPullEnabled", true), "classifier-registry", "the registry allows any principal (anonymousPullEnabled)" },
        { "MLS-IAM-07", g => g.Set("classifier-registry", "adminUserEnabled", true), "classifier-registry", "creates registry admin user" },
        { "MLS-IAM-06", g => g.Set("classifier-acr-pull", "roleDefinitionId", "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec"), "classifier-acr-pull", "assignment of AcrPush grants 'AcrPush' on the registry (read-only actions only)" },
        { "MLS-IAM-03", g => g.Set("classifier-model-reader", "roleDefinitionId", "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), "classifier-model-reader", "attaches Contributor" },
        { "MLS-IAM-05", g => g.Set("classifier-app", "identity.type", "None"), "classifier-app", "the app has no identity of its own" },
        { "MLS-OBS-01", g => g.Set("classifier-logs", "retentionInDays", null), "classifier-logs", "the workspace has no retention set" },
        { "MLS-OBS-02", g => g.Set("classifier-environment", "appLogsConfiguration.destination", "none"), "classifier-environment", "app log destination is not enabled" },
        { "MLS-OBS-03", g => g.Set("classifier-alert-latency", "actions", Value.List()), "classifier-app", "no alarm with actions watches ResponseTime" },
        { "MLS-REL-01", g => g.Set("classifier-app", "template.scale.minReplicas", 1), "classifier-app", "the app starts with fewer than 2 instances (one zone failure takes it down)" },
        { "MLS-REL-04", g => g.Set("classifier-app", "template.containers[0].probes[0].type", "Readiness"), "classifier-app", "container server has no startup probe" },
        { "MLS-REL-05", g => g.Set("classifier-app", "configuration.activeRevisionsMode", "Single"), "classifier-app", "updates shift all traffic at once (use a canary, linear or rolling rollout)" },
        { "MLS-IMG-01", g => g.Set("classifier-app", "template.initContainers[0].image", "mcr.microsoft.com/azure-cli:2.70.0"), "classifier-app", "the image of init container model-loader is not pinned by digest" },
        { "MLS-SEC-01", g => g.Set("classifier-app", "template.containers[0].env", Value.List(Value.Map(("name", "API_KEY"), ("value", "sk-live-123")))), "classifier-app", "environment variable API_KEY of container server looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)" },
        { "MLS-CTR-08", g => g.Set("classifier-app", "template.containers[0].resources", Value.Map(("cpu", 1))), "classifier-app", "container server has no memory limit" },
    };

    [Fact]
    public void Catalogue_EveryPolicyReadingContainerAppsFactsHasAViolationCase()
    {
        var engine = PolicyChecks.Engine(AzureTargets.All.Facts);
        var covering = engine.Policies.Where(p => engine.Covering(p.Id).Any()).Select(p => p.Id).ToHashSet();

        // MLS-CTR-02 and MLS-CTR-06 cannot be violated through the Container Apps API (no privileged mode, no host
        // access); MLS-REL-06 fires only with a p99 threshold above the ingress limit (its own test). The pack also
        // carries the Kubernetes extractors for AKS, whose cases are AksGuardrailTests'.
        Assert.Subset(Violations.Select(row => (string)row[0]).Concat(Aks.AksGuardrailTests.Violations.Select(row => (string)row[0])).Concat(["MLS-CTR-02", "MLS-CTR-06", "MLS-REL-06"]).ToHashSet(), covering);
    }

    [Fact]
    public void Rule_LatencyThresholdAboveTheIngressLimit_FiresMlsRel06()
    {
        var d = ContainerAppsSamples.Production() with { Monitoring = new Monitoring { LatencyP99Ms = 300_000, NotificationEmail = "oncall@example.com" } };
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, d);

        Assert.Equal(
            [new Finding("MLS-REL-06", "classifier", "classifier-app", "the ingress cuts requests off after 240 s, below the p99 latency threshold of 300000 ms")],
            PolicyChecks.Findings("MLS-REL-06", s_reference, platform, AzureTargets.All.Facts));
    }

    [Fact]
    public void Synthesize_PublicAppWithOnlyTheExposureWaiver_FailsWithMlsNet02()
    {
        var d = ContainerAppsSamples.Production() with { Network = new Network { Exposure = Exposure.Public }, Waivers = [new Waiver("MLS-NET-01", "partners call it")] };

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production));

        Assert.Equal(
            "deployments[classifier]: MLS-NET-02 public endpoints authenticate callers: the ingress is reachable from outside the private network (external ingress) and nothing the program sets up authenticates its callers [classifier-app] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)",
            Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void Synthesize_PublicAppWithBothWaivers_OnlyTheWaivedRulesFire()
    {
        var d = ContainerAppsSamples.Production() with
        {
            Network = new Network { Exposure = Exposure.Public },
            Waivers = [new Waiver("MLS-NET-01", "partners call it"), new Waiver("MLS-NET-02", "the server checks partner keys")],
        };

        var synthesis = ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production);

        Assert.Equal(
            [("MLS-NET-01", GuardrailStatus.Waived, "classifier-app"), ("MLS-NET-02", GuardrailStatus.Waived, "classifier-app")],
            synthesis.Guardrails.Select(o => (o.Finding.RuleId, o.Status, o.Finding.Resource)));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_ReferenceProgram_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        _ = (mutate, resource, message);
        Assert.Empty(PolicyChecks.Findings(ruleId, s_reference, s_platform, AzureTargets.All.Facts));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_OneMutation_FiresOnThatResource(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        var findings = PolicyChecks.Findings(ruleId, mutate(s_reference), s_platform, AzureTargets.All.Facts);

        Assert.Equal([new Finding(ruleId, "classifier", resource, message)], findings);
    }
}
