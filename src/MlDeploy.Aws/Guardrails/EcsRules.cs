using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>
/// MLS-CTR-01: every ECS container runs as a non-root user, except a run-to-completion init step (not essential,
/// awaited with COMPLETE by an essential container) that drops every capability and keeps a read-only root: Fargate
/// task volumes are owned by root, so only such a step can fill one.
/// </summary>
public sealed class EcsNonRootUser : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-01";

    /// <inheritdoc/>
    public override string Title => "containers run as non-root";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from c in EcsContainers.In(context)
        let user = ValuePath.GetString(c.Container, "user")
        where (user is null || user.Split(':')[0] is "root" or "0") && !IsConfinedInitStep(context, c.Task, c.Container, c.Name)
        select Fail(c.Task, $"container {c.Name} runs as root");

    private static bool IsConfinedInitStep(GuardrailContext context, Resource task, MapValue container, string name) =>
        ValuePath.GetBool(container, "essential") == false
        && ValuePath.GetBool(container, "readonlyRootFilesystem") == true
        && PolicyStatements.Strings(ValuePath.Get(container, "linuxParameters.capabilities.drop")).Contains("ALL")
        && ValuePath.Get(container, "linuxParameters.capabilities.add") is null
        && EcsContainers.In(context).Any(other => ReferenceEquals(other.Task, task)
            && ValuePath.GetBool(other.Container, "essential") != false
            && PolicyStatements.Items(other.Container.Get("dependsOn")).Any(dep =>
                ValuePath.GetString(dep, "containerName") == name && ValuePath.GetString(dep, "condition") == "COMPLETE"));
}

/// <summary>MLS-CTR-02: no ECS container is privileged.</summary>
public sealed class EcsNotPrivileged : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-02";

    /// <inheritdoc/>
    public override string Title => "containers are not privileged";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from c in EcsContainers.In(context)
        where ValuePath.GetBool(c.Container, "privileged") == true
        select Fail(c.Task, $"container {c.Name} is privileged");
}

/// <summary>MLS-CTR-03: every ECS container drops all Linux capabilities and adds none.</summary>
public sealed class EcsCapabilitiesDropped : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-03";

    /// <inheritdoc/>
    public override string Title => "containers drop all capabilities";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var c in EcsContainers.In(context))
        {
            if (!PolicyStatements.Strings(ValuePath.Get(c.Container, "linuxParameters.capabilities.drop")).Contains("ALL"))
            {
                yield return Fail(c.Task, $"container {c.Name} does not drop ALL capabilities");
            }

            if (PolicyStatements.Strings(ValuePath.Get(c.Container, "linuxParameters.capabilities.add")).Any())
            {
                yield return Fail(c.Task, $"container {c.Name} adds capabilities");
            }
        }
    }
}

/// <summary>MLS-CTR-04: every ECS container has a read-only root file system (scratch space comes from task volumes).</summary>
public sealed class EcsReadOnlyRootFilesystem : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-04";

    /// <inheritdoc/>
    public override string Title => "root file systems are read-only";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from c in EcsContainers.In(context)
        where ValuePath.GetBool(c.Container, "readonlyRootFilesystem") != true
        select Fail(c.Task, $"container {c.Name} has a writable root file system");
}

/// <summary>MLS-CTR-06: tasks use their own network (awsvpc) and share no host namespace.</summary>
public sealed class EcsNoHostNamespaces : Guardrail
{
    private static readonly string[] s_namespaceModes = ["pidMode", "ipcMode"];

    /// <inheritdoc/>
    public override string Id => "MLS-CTR-06";

    /// <inheritdoc/>
    public override string Title => "no host network, PID or IPC namespace";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var task in context.OfType(AwsTypes.EcsTaskDefinition.Token))
        {
            if (ValuePath.GetString(task.Properties, "networkMode") != "awsvpc")
            {
                yield return Fail(task, "networkMode is not awsvpc");
            }

            foreach (var mode in s_namespaceModes.Where(m => ValuePath.GetString(task.Properties, m) == "host"))
            {
                yield return Fail(task, $"{mode} is host");
            }
        }
    }
}

/// <summary>MLS-CTR-08: the task and each container have a memory hard limit.</summary>
public sealed class EcsMemoryLimits : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-08";

    /// <inheritdoc/>
    public override string Title => "memory is limited";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.EcsTaskDefinition.Token)
            .Where(t => t.Properties.Get("memory") is null)
            .Select(t => Fail(t, "the task has no memory size"))
            .Concat(
                from c in EcsContainers.In(context)
                where ValuePath.Get(c.Container, "memory") is null
                select Fail(c.Task, $"container {c.Name} has no memory hard limit"));
}

/// <summary>MLS-OBS-02: every container ships its logs, and clusters the SDK creates have Container Insights on.</summary>
public sealed class EcsLogsAndInsights : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-OBS-02";

    /// <inheritdoc/>
    public override string Title => "container logs shipped and insights on";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        (from c in EcsContainers.In(context)
         where ValuePath.GetString(c.Container, "logConfiguration.logDriver") is null
         select Fail(c.Task, $"container {c.Name} has no log configuration"))
        .Concat(
            from cluster in context.OfType(AwsTypes.EcsCluster.Token)
            where !PolicyStatements.Items(cluster.Properties.Get("settings"))
                .Any(s => ValuePath.GetString(s, "name") == "containerInsights" && ValuePath.GetString(s, "value") is "enabled" or "enhanced")
            select Fail(cluster, "Container Insights is not enabled"));
}

/// <summary>MLS-IAM-05: the workload has its own task role, separate from the execution role ECS uses.</summary>
public sealed class EcsSeparateRoles : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-IAM-05";

    /// <inheritdoc/>
    public override string Title => "dedicated runtime identity";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var task in context.OfType(AwsTypes.EcsTaskDefinition.Token))
        {
            var taskRole = task.Properties.Get("taskRoleArn");
            if (taskRole is null)
            {
                yield return Fail(task, "no task role: the workload has no identity of its own");
            }
            else if (Equals(taskRole, task.Properties.Get("executionRoleArn")))
            {
                yield return Fail(task, "the task role is the execution role");
            }
        }
    }
}

/// <summary>MLS-NET-05: tasks get no public IP, and their security groups admit only the load balancer's group.</summary>
public sealed class EcsPrivateTasks : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-NET-05";

    /// <inheritdoc/>
    public override string Title => "tasks are reachable only through the load balancer";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var services = context.OfType(AwsTypes.EcsService.Token).ToList();
        foreach (var service in services.Where(s => ValuePath.GetBool(s.Properties, "networkConfiguration.assignPublicIp") == true))
        {
            yield return Fail(service, "tasks get public IP addresses");
        }

        var taskGroups = GroupNames(services.SelectMany(s => PolicyStatements.Items(ValuePath.Get(s.Properties, "networkConfiguration.securityGroups"))));
        var lbGroups = GroupNames(context.OfType(AwsTypes.LoadBalancer.Token).SelectMany(l => PolicyStatements.Items(l.Properties.Get("securityGroups"))));
        foreach (var rule in context.OfType(AwsTypes.SecurityGroupIngressRule.Token))
        {
            if (ValuePath.Get(rule.Properties, "securityGroupId") is OutputReference { Target: Resource group } && taskGroups.Contains(group.Name)
                && !(ValuePath.Get(rule.Properties, "referencedSecurityGroupId") is OutputReference { Target: Resource source } && lbGroups.Contains(source.Name)))
            {
                yield return Fail(rule, $"admits traffic to the tasks' group {group.Name} from something other than the load balancer's group");
            }
        }
    }

    private static HashSet<string> GroupNames(IEnumerable<Value> references) =>
        references.OfType<OutputReference>().Select(r => r.Target).OfType<Resource>().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
}
