using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>
/// The guardrails over ECS task definitions, services, clusters, load balancers and security groups (ids from
/// SECURITY.md section 5). Ids the AWS rules already use (MLS-NET-03, MLS-REL-01/04/05, MLS-OPS-01, MLS-IMG-01,
/// MLS-SEC-01, MLS-OBS-03) are covered by those rules, which check the ECS resources too.
/// </summary>
public static class EcsGuardrails
{
    /// <summary>Gets every ECS and load balancer rule that has no AWS rule of the same id.</summary>
    public static IReadOnlyList<Guardrail> All { get; } =
    [
        new EcsNonRootUser(), new EcsNotPrivileged(), new EcsCapabilitiesDropped(), new EcsReadOnlyRootFilesystem(),
        new EcsNoHostNamespaces(), new EcsMemoryLimits(), new EcsLogsAndInsights(), new EcsSeparateRoles(),
        new EcsPrivateTasks(), new LoadBalancerInternal(), new LoadBalancerHeaderHardening(), new EcsDeploymentRollsBack(),
    ];
}

/// <summary>Reads ECS container definitions (a <c>fn::toJSON</c> list) back out of the graph.</summary>
internal static class EcsContainers
{
    public static IEnumerable<(Resource Task, MapValue Container, string Name)> In(GuardrailContext context) =>
        from task in context.OfType(AwsTypes.EcsTaskDefinition.Token)
        from container in PolicyStatements.Items(ValuePath.Get(task.Properties, "containerDefinitions")).OfType<MapValue>()
        select (task, container, ValuePath.GetString(container, "name") ?? "?");
}
