using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>
/// An ECS task definition: per container (containerDefinitions, a <c>fn::toJSON</c> list) its user, privileges,
/// capabilities, root file system, image, environment, memory, logs and health check; for the task its network,
/// host namespaces, memory and roles.
/// </summary>
internal sealed record EcsTaskDefinitionExtractor() : AwsExtractor(AwsTypes.EcsTaskDefinition.Token, "ECS task definition")
{
    private static readonly IReadOnlyList<Type> s_reports =
    [
        typeof(RunAsUser), typeof(Privileges), typeof(Capabilities), typeof(RootFilesystem), typeof(ImageReference), typeof(PlainEnvironment),
        typeof(ComputeBounds), typeof(ContainerLogs), typeof(HealthChecks), typeof(HostAccess), typeof(RuntimeIdentity),
    ];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        var containers = PolicyStatements.Items(ValuePath.Get(p, "containerDefinitions")).OfType<MapValue>().ToList();
        foreach (var container in containers)
        {
            var name = ValuePath.GetString(container, "name") ?? "?";
            foreach (var fact in Container($"container {name}", name, container, containers))
            {
                yield return fact;
            }
        }

        yield return new HostAccess(
            "the task",
            ValuePath.GetString(p, "networkMode") == "awsvpc",
            [.. new[] { ("pidMode", "PID"), ("ipcMode", "IPC") }.Where(m => ValuePath.GetString(p, m.Item1) == "host").Select(m => m.Item2)],
            [],
            []);
        yield return new ComputeBounds("the task", p.Get("memory") is not null);
        var taskRole = p.Get("taskRoleArn");
        yield return new RuntimeIdentity("the task", taskRole is not null, taskRole is not null && Value.StructurallyEqual(taskRole, p.Get("executionRoleArn")));
    }

    private static IEnumerable<Fact> Container(string label, string name, MapValue container, List<MapValue> all)
    {
        var user = ValuePath.GetString(container, "user");
        var essential = ValuePath.GetBool(container, "essential") != false;

        // A run-to-completion step: not essential, and an essential container starts only after it exits with SUCCESS
        // (COMPLETE would start the server after a failed step, so it does not count).
        var awaited = !essential && all.Any(other => ValuePath.GetBool(other, "essential") != false
            && PolicyStatements.Items(other.Get("dependsOn")).Any(dep =>
                ValuePath.GetString(dep, "containerName") == name && ValuePath.GetString(dep, "condition") == "SUCCESS"));

        // Fargate task volumes are owned by root, so only a root step can fill them (decision 14).
        yield return new RunAsUser(label, user is not null && user.Split(':')[0] is not ("root" or "0"), FillsRootOwnedVolume: awaited);
        yield return new Privileges(label, ValuePath.GetBool(container, "privileged") == true, CanEscalate: null);
        yield return new Capabilities(
            label,
            PolicyStatements.Strings(ValuePath.Get(container, "linuxParameters.capabilities.drop")).Contains("ALL"),
            [.. PolicyStatements.Strings(ValuePath.Get(container, "linuxParameters.capabilities.add"))]);
        yield return new RootFilesystem(label, ValuePath.GetBool(container, "readonlyRootFilesystem") == true);
        yield return new ImageReference(label, ValuePath.Get(container, "image"));
        yield return new PlainEnvironment(label, [.. PolicyStatements.Items(container.Get("environment"))
            .Select(v => new KeyValuePair<string, Value?>(ValuePath.GetString(v, "name") ?? string.Empty, ValuePath.Get(v, "value")))]);
        yield return new ComputeBounds(label, ValuePath.Get(container, "memory") is not null);
        yield return new ContainerLogs(label, ValuePath.GetString(container, "logConfiguration.logDriver") is not null);
        if (essential)
        {
            // ECS replaces a task whose container health check fails: a liveness check, with a start period for loading.
            yield return new HealthChecks(label)
            {
                StartupName = "health-check start period",
                Liveness = ValuePath.Get(container, "healthCheck.command") is not null,
                StartupAllowance = ValuePath.Get(container, "healthCheck.startPeriod") is not null,
            };
        }
    }
}

/// <summary>An ECS service: capacity, load balancer grace, rollout, shell access, public addresses and required alarms.</summary>
internal sealed record EcsServiceExtractor() : AwsExtractor(AwsTypes.EcsService.Token, "ECS service")
{
    private static readonly IReadOnlyList<Type> s_reports =
        [typeof(ServingCapacity), typeof(HealthChecks), typeof(RolloutGuard), typeof(OperatorAccess), typeof(PublicAddress), typeof(RequiredSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        yield return new ServingCapacity("the service", ValuePath.GetNumber(p, "desiredCount"));
        if (p.Get("loadBalancers") is not null)
        {
            // Without a grace period the load balancer can stop tasks still loading the model.
            yield return new HealthChecks("the service") { StartupName = "health-check grace period", StartupAllowance = p.Get("healthCheckGracePeriodSeconds") is not null };
        }

        yield return new RolloutGuard("the service")
        {
            FailedDeploymentRollsBack = ValuePath.GetBool(p, "deploymentCircuitBreaker.enable") == true && ValuePath.GetBool(p, "deploymentCircuitBreaker.rollback") == true,
            WaitsForSteadyState = ValuePath.GetBool(p, "waitForSteadyState") == true,
        };
        yield return new OperatorAccess(
            "the service",
            ValuePath.GetBool(p, "enableExecuteCommand") == true ? "ECS Exec (enableExecuteCommand)" : null,
            ValuePath.GetString(p, "platformVersion") is { } version && version != "LATEST" ? version : null);
        yield return new PublicAddress("the service", ValuePath.GetBool(p, "networkConfiguration.assignPublicIp") == true);
        yield return new RequiredSignals("the service", ["TargetResponseTime", "HTTPCode_Target_5XX_Count"]);
    }
}

/// <summary>An ECS cluster.</summary>
internal sealed record EcsClusterExtractor() : AwsExtractor(AwsTypes.EcsCluster.Token, "ECS cluster")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(PlatformInsights)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new PlatformInsights("the cluster", "Container Insights", PolicyStatements.Items(resource.Properties.Get("settings"))
            .Any(s => ValuePath.GetString(s, "name") == "containerInsights" && ValuePath.GetString(s, "value") is "enabled" or "enhanced")),
    ];
}
