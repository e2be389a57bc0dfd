using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Ecs;

/// <summary>Who may reach a load balancer: the listed ranges, else the VPC's own range (internal) or the internet (public, waived).</summary>
internal static class LoadBalancerIngress
{
    /// <summary>Adds <c>lb-ingress</c> (or <c>lb-ingress-&lt;i&gt;</c> per range) on the listener port to <paramref name="lbSg"/>.</summary>
    public static void Create(GraphScope scope, string vpcId, Resource lbSg, ImmutableArray<string> ingressCidrs, bool isPublic, bool https)
    {
        var listenerPort = https ? 443 : 80;
        IReadOnlyList<Value> cidrs = !ingressCidrs.IsEmpty ? [.. ingressCidrs.Select(c => (Value)c)]
            : isPublic ? ["0.0.0.0/0"]
            : [scope.Invoke("vpc", AwsTypes.GetVpc, Value.Map(("id", vpcId))).Output("cidrBlock")];
        for (var i = 0; i < cidrs.Count; i++)
        {
            scope.Add(cidrs.Count == 1 ? "lb-ingress" : $"lb-ingress-{i}", AwsTypes.SecurityGroupIngressRule, Value.Map(
                ("securityGroupId", lbSg.Output("id")),
                ("description", $"{(https ? "HTTPS" : "HTTP")} from {(ingressCidrs.IsEmpty ? isPublic ? "the internet (waived MLS-NET-01)" : "the VPC" : "an allowed range")}"),
                ("ipProtocol", "tcp"),
                ("fromPort", listenerPort),
                ("toPort", listenerPort),
                ("cidrIpv4", cidrs[i]),
                ("tags", scope.Tags)));
        }
    }
}
