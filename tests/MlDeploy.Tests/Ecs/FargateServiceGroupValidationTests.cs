using System.Collections.Immutable;
using MlDeploy.Aws.Ecs;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Ecs;

/// <summary>Service-group input errors: each with its path, the deployments involved, and a fix.</summary>
public class FargateServiceGroupValidationTests
{
    private static FargateTarget T(ModelDeployment d) => (FargateTarget)d.Target;

    /// <summary>Applies <paramref name="change"/> to the deployment at <paramref name="index"/> of the three grouped samples (ranker, scorer, fraud).</summary>
    private static ModelDeployment[] With(int index, Func<ModelDeployment, ModelDeployment> change)
    {
        var all = FargateSamples.Grouped();
        all[index] = change(all[index]);
        return all;
    }

    private static ModelDeployment[] Route(int index, FargateRoute route) => With(index, d => d with { Target = T(d) with { Route = route } });

    private static ModelDeployment[] Group(Func<FargateServiceGroup, FargateServiceGroup> change) =>
        [.. FargateSamples.Grouped().Select(d => d with { Target = T(d) with { Group = change(T(d).Group!) } })];

    private static List<string> Problems(ModelDeployment[] deployments) =>
        [.. FargateSamples.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, deployments), Repo.Root).Select(p => p.ToString())];

    private const string PathHint = "use a path starting with '/' of at most 128 characters: letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?";
    private const string HostHint = "use a host name of at most 128 characters with at least one '.', letters only after the last '.': letters, digits, '-', '.' and the wildcards * and ?";

    public static TheoryData<string, Func<ModelDeployment[]>, string> BadInputs => new()
    {
        { "priority taken", () => Route(2, new FargateRoute { Priority = 10, HostHeaders = ["fraud.ml.example.com"] }), "deployments[fraud].target.route.priority: priority 10 is also the priority of deployment 'ranker' in service group 'edge' (rule priorities are unique per listener: give one of the two another number (lower numbers are tried first))" },
        { "same paths", () => With(1, d => d with { Target = T(d) with { Route = new FargateRoute { Priority = 20, PathPatterns = ["/ranker/*"] } }, Serving = d.Serving with { PredictPath = "/ranker/predict" } }), "deployments[scorer].target.route: routes the same hosts and paths as deployment 'ranker' in service group 'edge', so one of them never receives a request (give the two deployments different path patterns or host headers)" },
        { "same hosts, other case", () => With(2, d => d with { Target = T(d) with { Route = new FargateRoute { Priority = 40, HostHeaders = ["Fraud.ML.example.com"] } } }).Append(FargateSamples.Grouped()[2] with { Name = "fraud-b", Target = T(FargateSamples.Grouped()[2]) with { Route = new FargateRoute { Priority = 41, HostHeaders = ["fraud.ml.example.com"] } } }).ToArray(), "deployments[fraud-b].target.route: routes the same hosts and paths as deployment 'fraud' in service group 'edge', so one of them never receives a request (give the two deployments different path patterns or host headers)" },
        { "group declared twice", () => With(1, d => d with { Target = T(d) with { Group = T(d).Group! with { IdleTimeoutSeconds = 300 } } }), "deployments[scorer].target.group: service group 'edge' is also declared by deployment 'ranker', with other settings (declare the group once and pass the same object to every deployment on it)" },
        { "path too long", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = ["/" + new string('r', 128)] }), $"deployments[ranker].target.route.pathPatterns[0]: '/{new string('r', 128)}' has 129 characters, more than the 128 an ALB path pattern may have ({PathHint})" },
        { "path character", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = ["/ranker/{id}"] }), $"deployments[ranker].target.route.pathPatterns[0]: '/ranker/{{id}}' contains a character ALB path patterns do not allow ({PathHint})" },
        { "relative path", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = ["ranker/*"] }), $"deployments[ranker].target.route.pathPatterns[0]: 'ranker/*' does not start with '/', so it matches no request path ({PathHint})" },
        { "host without dot", () => Route(2, new FargateRoute { Priority = 30, HostHeaders = ["localhost"] }), $"deployments[fraud].target.route.hostHeaders[0]: 'localhost' has no '.' ({HostHint})" },
        { "host ending in digits", () => Route(2, new FargateRoute { Priority = 30, HostHeaders = ["fraud.10"] }), $"deployments[fraud].target.route.hostHeaders[0]: 'fraud.10' does not end with letters after its last '.' ({HostHint})" },
        { "host underscore", () => Route(2, new FargateRoute { Priority = 30, HostHeaders = ["fraud_ml.example.com"] }), $"deployments[fraud].target.route.hostHeaders[0]: 'fraud_ml.example.com' contains a character ALB host conditions do not allow ({HostHint})" },
        { "four paths", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = ["/ranker/*", "/a", "/b", "/c"] }), "deployments[ranker].target.route.pathPatterns: 4 values, but an ALB condition compares at most 3 (use wildcards (* and ?) to cover several values with one, or split the deployment's traffic differently)" },
        { "six values", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = ["/ranker/*", "/a", "/b"], HostHeaders = ["a.example.com", "b.example.com", "c.example.com"] }), "deployments[ranker].target.route: 6 path patterns and host headers, but an ALB rule compares at most 5 values in all (use wildcards (* and ?) to cover several values with one)" },
        { "priority zero", () => Route(0, new FargateRoute { Priority = 0, PathPatterns = ["/ranker/*"] }), "deployments[ranker].target.route.priority: 0 is outside the listener rule priorities 1-50000 (give each deployment of the group its own priority (lower numbers are tried first))" },
        { "priority too high", () => Route(0, new FargateRoute { Priority = 50_001, PathPatterns = ["/ranker/*"] }), "deployments[ranker].target.route.priority: 50001 is outside the listener rule priorities 1-50000 (give each deployment of the group its own priority (lower numbers are tried first))" },
        { "no condition", () => Route(0, new FargateRoute { Priority = 10 }), "deployments[ranker].target.route: the route has neither path patterns nor host headers, and a listener rule needs at least one condition (set PathPatterns (e.g. [\"/<deployment>/*\"]) and/or HostHeaders)" },
        { "default arrays read as empty", () => Route(0, new FargateRoute { Priority = 10, PathPatterns = default, HostHeaders = default }), "deployments[ranker].target.route: the route has neither path patterns nor host headers, and a listener rule needs at least one condition (set PathPatterns (e.g. [\"/<deployment>/*\"]) and/or HostHeaders)" },
        { "predict path outside", () => With(0, d => d with { Serving = d.Serving with { PredictPath = "/predict" } }), "deployments[ranker].serving.predictPath: '/predict' is not matched by the route's path patterns (/ranker/*), and the load balancer forwards paths unchanged (serve under the route's prefix (e.g. /<deployment>/predict), or add the predict path to PathPatterns)" },
        { "route without group", () => [FargateSamples.Internal() with { Target = T(FargateSamples.Internal()) with { Route = new FargateRoute { Priority = 1, PathPatterns = ["/*"] } } }], "deployments[ranker].target.route: a route needs a service group: without one the deployment has a load balancer of its own (set Group to the FargateServiceGroup whose load balancer serves it, or remove Route)" },
        { "group without route", () => Route(0, null!), "deployments[ranker].target.route: a deployment in service group 'edge' needs a route (set Route = new FargateRoute { Priority = <1-50000>, PathPatterns = [\"/<deployment>/*\"] } (and/or HostHeaders))" },
        { "certificate on target", () => With(0, d => d with { Target = T(d) with { CertificateArn = FargateSamples.CertificateArn } }), "deployments[ranker].target.certificateArn: is a load balancer setting, and the load balancer is service group 'edge''s (remove it here and set FargateServiceGroup.CertificateArn (one value for every deployment of the group))" },
        { "lb subnets on target", () => With(0, d => d with { Target = T(d) with { LoadBalancerSubnetIds = FargateSamples.PublicSubnets } }), "deployments[ranker].target.loadBalancerSubnetIds: is a load balancer setting, and the load balancer is service group 'edge''s (remove it here and set FargateServiceGroup.SubnetIds (one value for every deployment of the group))" },
        { "other vpc", () => With(1, d => d with { Target = T(d) with { VpcId = "vpc-0ccc0000000000002" } }), "deployments[scorer].target.vpcId: 'vpc-0ccc0000000000002' is not the VPC of service group 'edge' (vpc-0ccc0000000000001) (the target groups must be in the load balancer's VPC: use the group's VpcId)" },
        { "exposure differs", () => With(2, d => d with { Network = d.Network with { Exposure = Exposure.Public }, Waivers = [new Waiver("MLS-NET-01", "partners")] }), "deployments[fraud].network.exposure: the deployment is public but service group 'edge' is private (set Network.Exposure = Exposure.Private, or use a group with the deployment's exposure)" },
        { "public group without certificate", () => PublicGroup(g => g with { CertificateArn = null }), "deployments[ranker].target.group.certificateArn: a public load balancer must serve HTTPS (set CertificateArn to an ACM certificate ARN)" },
        { "one subnet", () => Group(g => g with { SubnetIds = ["subnet-1"] }), "deployments[ranker].target.group.subnetIds: an application load balancer needs at least 2 subnets in different availability zones, got 1 (give subnets in 2 or more zones)" },
        { "group name", () => Group(g => g with { Name = "Edge_1" }), "deployments[ranker].target.group.name: 'Edge_1' is not a service group name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
        { "group idle timeout", () => Group(g => g with { IdleTimeoutSeconds = 5000 }), "deployments[ranker].target.group.idleTimeoutSeconds: 5000 s is outside the load balancer's 1-4000 s (use the longest request time plus a margin)" },
        { "group internal admits everyone", () => Group(g => g with { IngressCidrs = ["0.0.0.0/0"] }), "deployments[ranker].target.group.ingressCidrs: '0.0.0.0/0' admits every address to an internal load balancer (list the client ranges, or leave IngressCidrs empty to admit the VPC's own range)" },
        { "group oidc without https", () => Group(g => g with { CertificateArn = null, Authentication = new OidcAuthentication("https://login.example.com", "https://login.example.com/authorize", "https://login.example.com/token", "https://login.example.com/userinfo", "ml", "oidcClientSecret") }), "deployments[ranker].target.group.authentication: the load balancer authenticates callers only on an HTTPS listener (set CertificateArn to an ACM certificate ARN)" },
    };

    /// <summary>The grouped samples on a public group (public subnets, MLS-NET-01 waived by each deployment).</summary>
    internal static ModelDeployment[] PublicGroup(Func<FargateServiceGroup, FargateServiceGroup>? change = null, params Waiver[] waivers)
    {
        var group = FargateSamples.InternalGroup with { Exposure = Exposure.Public, SubnetIds = FargateSamples.PublicSubnets };
        return [.. FargateSamples.Grouped(EnvironmentProfile.Development, change is null ? group : change(group))
            .Select(d => d with { Waivers = [new Waiver("MLS-NET-01", "partners call it from the internet"), .. waivers] })];
    }

    [Fact]
    public void Validate_GroupedSamples_HaveNoProblems() => Assert.Empty(Problems(FargateSamples.Grouped()));

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadGroupInput_ReportsExactPathMessageAndHint(string scenario, Func<ModelDeployment[]> deployments, string expected)
    {
        var problems = Problems(deployments());

        Assert.True(problems.Contains(expected), $"{scenario}: expected\n  {expected}\ngot\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void Validate_BadGroupSettings_AreReportedOnceNotPerDeployment()
    {
        var problems = Problems(Group(g => g with { Name = "Edge_1", SubnetIds = ImmutableArray<Identifier>.Empty }));

        Assert.Equal(
            ["deployments[ranker].target.group.name", "deployments[ranker].target.group.subnetIds"],
            problems.Where(p => p.Contains(".target.group.", StringComparison.Ordinal)).Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Validate_PublicGroupWithoutWaiver_NeedsTheSameWaiverAsAPublicLoadBalancer()
    {
        var deployments = PublicGroup();
        deployments[1] = deployments[1] with { Waivers = [] };

        Assert.Contains("deployments[scorer].network.exposure: a public endpoint needs an explicit waiver (add Waiver(\"MLS-NET-01\", \"<why it must be reachable from the internet>\"), or keep Exposure.Private)", Problems(deployments));
    }
}
