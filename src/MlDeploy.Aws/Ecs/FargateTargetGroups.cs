using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Ecs;

/// <summary>A deployment's target groups: one, or two (blue and green) for the traffic-shifting rollouts.</summary>
internal static class FargateTargetGroups
{
    public static (Resource Blue, Resource? Green) Create(AwsScope scope, string vpcId, bool shifting)
    {
        var d = scope.Deployment;
        Resource Group(string part) => scope.Add(part, AwsTypes.TargetGroup, Value.Map(
            ("port", d.Serving.Port),
            ("protocol", "HTTP"),
            ("targetType", "ip"),
            ("vpcId", vpcId),
            ("deregistrationDelay", 30),
            ("healthCheck", Value.Map(
                ("enabled", true),
                ("path", d.Serving.HealthPath),
                ("matcher", "200"),
                ("protocol", "HTTP"),
                ("interval", 15),
                ("timeout", 5),
                ("healthyThreshold", 2),
                ("unhealthyThreshold", 3))),
            ("tags", scope.Tags)));
        return (Group("tg"), shifting ? Group("tg-green") : null);
    }
}
