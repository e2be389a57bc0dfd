using MlDeploy.Azure;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Azure;

/// <summary>Every policy over the Azure ML resources: silent on the reference program, firing on one mutation.</summary>
public class AzureMlGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, AzureMlSamples.Production());
    private static readonly ResourceGraph s_reference = ContainerAppsSamples.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> Violations => new()
    {
        { "MLS-NET-01", g => g.Set("scorer-endpoint", "properties.publicNetworkAccess", "Enabled"), "scorer-endpoint", "the endpoint is reachable from outside the private network (public network access)" },
        { "MLS-NET-02", g => g.Set("scorer-endpoint", "properties.publicNetworkAccess", "Enabled").Set("scorer-endpoint", "properties.authMode", null), "scorer-endpoint", "the endpoint is reachable from outside the private network (public network access) and nothing the program sets up authenticates its callers" },
        { "MLS-IAM-07", g => g.Set("scorer-endpoint", "properties.authMode", "Key"), "scorer-endpoint", "creates endpoint keys (authMode Key)" },
        { "MLS-IAM-05", g => g.Set("scorer-endpoint", "identity.type", "SystemAssigned"), "scorer-endpoint", "the endpoint has no identity of its own" },
        { "MLS-IAM-06", g => g.Set("scorer-acr-pull", "roleDefinitionId", "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec"), "scorer-acr-pull", "assignment of AcrPush grants 'AcrPush' on the registry (read-only actions only)" },
        { "MLS-IAM-03", g => g.Set("scorer-metrics-writer", "roleDefinitionId", "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"), "scorer-metrics-writer", "attaches Contributor" },
        { "MLS-IMG-01", g => g.Set("scorer-environment-version", "properties.image", "acmeml.azurecr.io/scorer:3.1.0"), "scorer-environment-version", "the image of the environment is not pinned by digest" },
        { "MLS-SEC-01", g => g.Set("scorer-deployment", "properties.environmentVariables", Value.Map(("API_KEY", "sk-live-123"))), "scorer-deployment", "environment variable API_KEY of deployment rev-6ljcvkhe looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)" },
        { "MLS-REL-01", g => g.Set("scorer-deployment", "sku.capacity", 1), "scorer-deployment", "deployment rev-6ljcvkhe starts with fewer than 2 instances (one zone failure takes it down)" },
        { "MLS-REL-04", g => g.Set("scorer-deployment", "properties.livenessProbe.initialDelay", "PT10S"), "scorer-deployment", "deployment rev-6ljcvkhe's liveness allowance allows 100 s, less than the start-up timeout of 600 s" },
        { "MLS-REL-06", g => g.Set("scorer-deployment", "properties.requestSettings.requestTimeout", "PT600S"), "scorer-deployment", "deployment rev-6ljcvkhe holds requests for 600 s, above the platform's 180 s" },
        { "MLS-OBS-03", g => g.Set("scorer-alert-latency", "actions", Value.List()), "scorer-deployment", "no alarm with actions watches RequestLatency_P99" },
        { "MLS-REG-03", g => g.Set("scorer-registry", "anonymousPullEnabled", true), "scorer-registry", "the registry allows any principal (anonymousPullEnabled)" },
    };

    [Fact]
    public void Synthesize_PublicEndpoint_NeedsOnlyTheExposureWaiver_BecauseEveryRequestIsAuthenticated()
    {
        var d = AzureMlSamples.Production() with { Network = new Network { Exposure = Exposure.Public }, Waivers = [new Waiver("MLS-NET-01", "partners call it")] };

        var synthesis = ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production);

        Assert.Equal([("MLS-NET-01", GuardrailStatus.Waived, "scorer-endpoint")], synthesis.Guardrails.Select(o => (o.Finding.RuleId, o.Status, o.Finding.Resource)));
    }

    [Fact]
    public void Synthesize_KeyAuthWithoutWaiver_FailsWithMlsIam07()
    {
        var d = AzureMlSamples.Production() with { Target = ((AzureMlTarget)AzureMlSamples.Production().Target) with { AuthMode = AzureMlAuthMode.Key } };

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production));

        Assert.Contains("MLS-IAM-07", Assert.Single(e.Diagnostics).ToString(), StringComparison.Ordinal);
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

        Assert.Equal([new Finding(ruleId, "scorer", resource, message)], findings);
    }
}
