using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>A service group's shared load balancer: what each of its deployments attaches its route and tasks to.</summary>
/// <param name="Balancer">The application load balancer.</param>
/// <param name="SecurityGroup">The load balancer's security group, the only source the deployments' tasks admit.</param>
/// <param name="Listener">The one listener (HTTPS with a certificate), whose default action answers 404.</param>
/// <param name="Authenticate">The <c>authenticate-oidc</c> action every route runs first, or null.</param>
internal sealed record SharedLoadBalancer(Resource Balancer, Resource SecurityGroup, Resource Listener, MapValue? Authenticate);

/// <summary>
/// Plans a <see cref="FargateServiceGroup"/> once per program (<see cref="PlanContext.Shared{T}"/>) into the component
/// scope <c>fargate-&lt;group&gt;</c>: security group and its ingress, load balancer, listener. Everything it emits is a
/// function of the group record and the stack, never of the deployment that asked first, so adding, removing or
/// reordering deployments leaves these resources byte-identical.
/// </summary>
internal static class FargateServiceGroupBlock
{
    public static SharedLoadBalancer Resolve(AwsScope scope, FargateServiceGroup group) =>
        scope.Context.Shared($"fargate-group/{group.Name}", group, () => Create(scope.Context, group));

    private static SharedLoadBalancer Create(PlanContext context, FargateServiceGroup g)
    {
        var scope = new ComponentScope(context, $"fargate-{g.Name}", AwsTagPolicy.Instance, "service-group", g.Name);
        var isPublic = g.Exposure == Exposure.Public;
        var https = g.CertificateArn is not null;
        // EC2 takes only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* in a group's description (CreateSecurityGroup);
        // an apostrophe failed the create (SecurityGroupDescriptionTests reads every reviewed program for this).
        var lbSg = scope.Add("lb-sg", AwsTypes.SecurityGroup, Value.Map(
            ("vpcId", g.VpcId),
            ("description", $"Load balancer of service group {g.Name}: admits {(isPublic ? "the internet" : "the VPC")} on {(https ? "HTTPS" : "HTTP")} and reaches only the tasks of its deployments"),
            ("tags", scope.Tags)));
        LoadBalancerIngress.Create(scope, g.VpcId, lbSg, g.IngressCidrs, isPublic, https);
        var lb = scope.Add("lb", AwsTypes.LoadBalancer, Value.Map(
            ("loadBalancerType", "application"),
            ("internal", !isPublic),
            ("subnets", scope.Resolve(g.SubnetIds)),
            ("securityGroups", Value.List(lbSg.Output("id"))),
            ("idleTimeout", g.IdleTimeoutSeconds),
            ("dropInvalidHeaderFields", true),
            ("desyncMitigationMode", "defensive"),
            ("enableDeletionProtection", context.Profile == EnvironmentProfile.Production),
            ("accessLogs", g.AccessLogsBucket is { } bucket ? Value.Map(("bucket", bucket), ("enabled", true), ("prefix", $"fargate-{g.Name}")) : null),
            ("tags", scope.Tags)));

        // The default action serves no deployment: a request no route matches gets 404 (after authentication, so an
        // unauthenticated caller cannot probe which paths exist).
        var authenticate = OidcAction.Create(scope, g.Authentication);
        var listener = scope.Add("listener", AwsTypes.Listener, Value.Map(
            ("loadBalancerArn", lb.Output("arn")),
            ("port", https ? 443 : 80),
            ("protocol", https ? "HTTPS" : "HTTP"),
            ("certificateArn", g.CertificateArn is { } certificate ? (Value)certificate : null),
            ("sslPolicy", https ? (Value)FargatePlanner.TlsPolicy : null),
            ("defaultActions", OidcAction.Around(authenticate, FargateListenerRules.NotFound)),
            ("tags", scope.Tags)));
        scope.Output("dns-name", lb.Output("dnsName"));
        scope.Note("load balancer", https ? Fidelity.Native : Fidelity.Approximated, $"service group {g.Name}: one {(isPublic ? "internet-facing" : "internal")} application load balancer, {(https ? $"HTTPS ({FargatePlanner.TlsPolicy})" : "plain HTTP inside the VPC (set CertificateArn; production requires it)")}, shared by its deployments' routes; unmatched requests get 404");
        return new SharedLoadBalancer(lb, lbSg, listener, authenticate);
    }
}
