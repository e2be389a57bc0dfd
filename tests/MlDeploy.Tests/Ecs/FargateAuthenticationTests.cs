using MlDeploy.Aws.Ecs;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Targets;

namespace MlDeploy.Tests.Ecs;

/// <summary>A public Fargate endpoint authenticated at the load balancer (OIDC) needs no MLS-NET-02 waiver.</summary>
public class FargateAuthenticationTests
{
    private static readonly OidcAuthentication s_oidc = new(
        "https://login.example.com", "https://login.example.com/authorize", "https://login.example.com/token", "https://login.example.com/userinfo", "ml-scorer", "oidcClientSecret");

    /// <summary>The public sample with OIDC instead of the MLS-NET-02 waiver.</summary>
    private static ModelDeployment Authenticated() => FargateSamples.PublicWaived() with
    {
        Target = ((FargateTarget)FargateSamples.PublicWaived().Target) with { Authentication = s_oidc },
        Waivers = [.. FargateSamples.PublicWaived().Waivers.Where(w => w.RuleId != "MLS-NET-02")],
    };

    private static Synthesis Synthesize(ModelDeployment d) =>
        FargateSamples.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, d), SampleDeployments.Staging);

    [Fact]
    public void Plan_Oidc_AuthenticatesOnEveryPathToTheTargets_WithTheSecretFromConfig()
    {
        var s = Synthesize(Authenticated());

        foreach (var (resource, actions) in new[] { ("scorer-listener", "defaultActions"), ("scorer-listener-rule", "actions") })
        {
            var props = s.Graph.Resources.Single(r => r.Name == resource).Properties;
            Assert.Equal("authenticate-oidc", ValuePath.GetString(props, $"{actions}[0].type"));
            Assert.Equal(1m, ValuePath.GetNumber(props, $"{actions}[0].order"));
            Assert.Equal(2m, ValuePath.GetNumber(props, $"{actions}[1].order"));
            Assert.Equal("deny", ValuePath.GetString(props, $"{actions}[0].authenticateOidc.onUnauthenticatedRequest"));
            Assert.IsType<ConfigReference>(ValuePath.Get(props, $"{actions}[0].authenticateOidc.clientSecret"));
        }

        Assert.True(s.Graph.Config.Single(c => c.Key == "oidcClientSecret").Secret);
        Assert.Equal(Fidelity.Native, s.Notes.Single(n => n.Deployment == "scorer" && n.Concept == "auth").Fidelity);
    }

    [Fact]
    public void Guardrail_RuleThatSkipsTheAuthenticateAction_IsAPublicUnauthenticatedPath()
    {
        var s = Synthesize(Authenticated());
        var graph = s.Graph.Set("scorer-listener-rule", "actions", ValuePath.Get(s.Graph.Resources.Single(r => r.Name == "scorer-listener-rule").Properties, "actions[1]") is MapValue forward ? Value.List(forward) : Value.List());

        var findings = PolicyChecks.Findings("MLS-NET-02", graph, SampleDeployments.Platform(EnvironmentProfile.Development, Authenticated()), MlDeploy.Aws.Guardrails.AwsFacts.All);

        Assert.Single(findings);
    }

    [Fact]
    public void Validate_OidcWithoutHttps_OrWithPlainUrls_IsRefused()
    {
        var d = Authenticated() with
        {
            Target = ((FargateTarget)Authenticated().Target) with { CertificateArn = null, Authentication = s_oidc with { TokenEndpoint = "http://login.example.com/token" } },
        };

        var problems = FargateSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, d), Repo.Root).Select(p => p.ToString()).ToList();

        Assert.Contains("deployments[scorer].target.authentication: the load balancer authenticates callers only on an HTTPS listener (set CertificateArn to an ACM certificate ARN)", problems);
        Assert.Contains("deployments[scorer].target.authentication.tokenEndpoint: 'http://login.example.com/token' is not an https URL (use the provider's https endpoint from its discovery document (/.well-known/openid-configuration))", problems);
    }
}
