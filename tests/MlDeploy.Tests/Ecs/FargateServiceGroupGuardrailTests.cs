using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Guardrails;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Ecs;

/// <summary>MLS-NET-01/02 and MLS-REL-06 on a shared load balancer: each deployment's route is judged, and waived, on its own.</summary>
public class FargateServiceGroupGuardrailTests
{
    private static readonly OidcAuthentication s_oidc = new(
        "https://login.example.com", "https://login.example.com/authorize", "https://login.example.com/token", "https://login.example.com/userinfo", "ml-edge", "oidcClientSecret");

    private static Synthesis Synthesize(ModelDeployment[] deployments) =>
        FargateSamples.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, deployments), SampleDeployments.Staging);

    [Fact]
    public void Guardrails_PublicGroupWithoutAuthentication_FailEachRouteThatIsNotWaived()
    {
        var error = Assert.Throws<InvalidInputException>(() => Synthesize(FargateServiceGroupValidationTests.PublicGroup()));

        Assert.Equal(
            [
                "deployments[fraud]: MLS-NET-02 public endpoints authenticate callers: the route is reachable from outside the private network (a rule of the internet-facing load balancer fargate-edge-lb) and nothing the program sets up authenticates its callers [fraud-listener-rule] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)",
                "deployments[ranker]: MLS-NET-02 public endpoints authenticate callers: the route is reachable from outside the private network (a rule of the internet-facing load balancer fargate-edge-lb) and nothing the program sets up authenticates its callers [ranker-listener-rule] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)",
                "deployments[scorer]: MLS-NET-02 public endpoints authenticate callers: the route is reachable from outside the private network (a rule of the internet-facing load balancer fargate-edge-lb) and nothing the program sets up authenticates its callers [scorer-listener-rule] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Guardrails_PublicGroupWaivedPerDeployment_AreWaivedOnEachRouteAndNotOnTheSharedLoadBalancer()
    {
        var s = Synthesize(FargateServiceGroupValidationTests.PublicGroup(null, new Waiver("MLS-NET-02", "each server checks API keys")));

        var exposure = s.Guardrails.Where(o => o.Finding.RuleId is "MLS-NET-01" or "MLS-NET-02").ToList();
        Assert.Equal(6, exposure.Count);
        Assert.All(exposure, o => Assert.Equal((GuardrailStatus.Waived, $"{o.Finding.Deployment}-listener-rule"), (o.Status, o.Finding.Resource)));
        Assert.False(ValuePath.GetBool(s.Graph.Resources.Single(r => r.Name == "fargate-edge-lb").Properties, "internal"));
    }

    [Fact]
    public void Guardrails_PublicGroupWithOidc_AuthenticatesEveryRouteAndTheDefaultAction()
    {
        var s = Synthesize(FargateServiceGroupValidationTests.PublicGroup(g => g with { Authentication = s_oidc }));

        Assert.DoesNotContain(s.Guardrails, o => o.Finding.RuleId == "MLS-NET-02");
        foreach (var (resource, actions) in new[] { ("fargate-edge-listener", "defaultActions"), ("ranker-listener-rule", "actions"), ("scorer-listener-rule", "actions"), ("fraud-listener-rule", "actions") })
        {
            var props = s.Graph.Resources.Single(r => r.Name == resource).Properties;
            Assert.Equal(("authenticate-oidc", 1m, 2m), (ValuePath.GetString(props, $"{actions}[0].type"), ValuePath.GetNumber(props, $"{actions}[0].order"), ValuePath.GetNumber(props, $"{actions}[1].order")));
        }

        Assert.Single(s.Graph.Config, c => c.Key == "oidcClientSecret" && c.Secret);
    }

    [Fact]
    public void Guardrails_SharedLoadBalancerWhoseDefaultActionForwards_IsAnUnwaivablePublicEntryPoint()
    {
        var deployments = FargateServiceGroupValidationTests.PublicGroup(null, new Waiver("MLS-NET-02", "each server checks API keys"));
        var s = Synthesize(deployments);
        var graph = s.Graph.Set("fargate-edge-listener", "defaultActions", Value.List(Value.Map(("type", "forward"), ("targetGroupArn", s.Graph.Resources.Single(r => r.Name == "ranker-tg").Output("arn")))));

        var findings = PolicyChecks.Findings("MLS-NET-01", graph, SampleDeployments.Platform(EnvironmentProfile.Development, deployments), AwsFacts.All);

        var shared = Assert.Single(findings, f => f.Resource == "fargate-edge-lb");
        Assert.Null(shared.Deployment);
    }

    [Fact]
    public void Guardrails_SharedIdleTimeoutBelowADeploymentsLatency_IsReportedOnThatDeploymentsRoute()
    {
        var grouped = FargateSamples.Grouped();
        grouped[0] = grouped[0] with { Monitoring = grouped[0].Monitoring with { LatencyP99Ms = 150_000 } };

        var error = Assert.Throws<InvalidInputException>(() => Synthesize(grouped));

        Assert.Equal(
            "deployments[ranker]: MLS-REL-06 request timeout within the platform limit and not below the p99 latency: the route's load balancer cuts requests off after 120 s, below the p99 latency threshold of 150000 ms [ranker-listener-rule] (change the setting, or add Waiver(\"MLS-REL-06\", \"<reason>\") to the deployment)",
            Assert.Single(error.Diagnostics).ToString());
    }
}
