using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-NET-06: the model container has no network access, unless it runs inside a VPC that controls egress.</summary>
public sealed class SageMakerNetworkIsolation : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-NET-06";

    /// <inheritdoc/>
    public override string Title => "SageMaker models are network-isolated";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.SageMakerModel.Token)
            .Where(m => ValuePath.GetBool(m.Properties, "enableNetworkIsolation") != true && m.Properties.Get("vpcConfig") is null)
            .Select(m => Fail(m, "enableNetworkIsolation is off and the model is not in a VPC"));
}

/// <summary>MLS-REL-01: production variants run at least two instances, which SageMaker spreads across zones.</summary>
public sealed class SageMakerTwoInstances : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-01";

    /// <inheritdoc/>
    public override string Title => "at least two serving instances";

    /// <inheritdoc/>
    public override RuleLevel Level => RuleLevel.Production;

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        (from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
         from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
         where ValuePath.Get(variant, "serverlessConfig") is null && ValuePath.GetNumber(variant, "initialInstanceCount") is not >= 2
         select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} starts with fewer than 2 instances (one zone failure takes it down)"))
        .Concat(
            from service in context.OfType(AwsTypes.EcsService.Token)
            where ValuePath.GetNumber(service.Properties, "desiredCount") is not >= 2
            select Fail(service, "the service starts fewer than 2 tasks (one zone failure takes it down)"));
}

/// <summary>MLS-REL-04: start-up timeouts are sized for downloading and loading the model.</summary>
public sealed class SageMakerStartupTimeouts : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-04";

    /// <inheritdoc/>
    public override string Title => "start-up allowance sized for model loading";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        var findings = from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
                       from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
                       where ValuePath.Get(variant, "serverlessConfig") is null
                           && (ValuePath.Get(variant, "modelDataDownloadTimeoutInSeconds") is null || ValuePath.Get(variant, "containerStartupHealthCheckTimeoutInSeconds") is null)
                       select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} relies on SageMaker's default start-up timeouts");
        foreach (var finding in findings)
        {
            yield return finding;
        }

        // ECS: the load balancer must not kill tasks that are still loading, and readiness must be probed.
        foreach (var service in context.OfType(AwsTypes.EcsService.Token))
        {
            if (service.Properties.Get("loadBalancers") is not null && service.Properties.Get("healthCheckGracePeriodSeconds") is null)
            {
                yield return Fail(service, "no health-check grace period: the load balancer can stop tasks still loading the model");
            }
        }

        foreach (var c in EcsContainers.In(context).Where(c => ValuePath.GetBool(c.Container, "essential") != false))
        {
            if (ValuePath.Get(c.Container, "healthCheck.command") is null || ValuePath.Get(c.Container, "healthCheck.startPeriod") is null)
            {
                yield return Fail(c.Task, $"container {c.Name} has no health check with a start period");
            }
        }

        foreach (var group in context.OfType(AwsTypes.TargetGroup.Token).Where(g => ValuePath.GetString(g.Properties, "healthCheck.path") is null))
        {
            yield return Fail(group, "the target group's health check has no path (it would only see the port open)");
        }
    }
}

/// <summary>MLS-REL-05: endpoint updates shift traffic gradually and roll back on alarms.</summary>
public sealed class SageMakerGuardedDeployments : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-05";

    /// <inheritdoc/>
    public override string Title => "guarded rollout with automatic rollback";

    /// <inheritdoc/>
    public override RuleLevel Level => RuleLevel.Production;

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var endpoint in context.OfType(AwsTypes.SageMakerEndpoint.Token))
        {
            var config = (endpoint.Properties.Get("endpointConfigName") as OutputReference)?.Target as Resource;
            if (config is not null && ValuePath.Get(config.Properties, "productionVariants[0].serverlessConfig") is not null)
            {
                continue;
            }

            var policy = ValuePath.GetString(endpoint.Properties, "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.type");
            var rolling = ValuePath.Get(endpoint.Properties, "deploymentConfig.rollingUpdatePolicy") is not null;
            if (policy is not ("CANARY" or "LINEAR") && !rolling)
            {
                yield return Fail(endpoint, "updates shift all traffic at once (use a canary, linear or rolling rollout)");
            }

            if (ValuePath.Get(endpoint.Properties, "deploymentConfig.autoRollbackConfiguration.alarms") is not ListValue { Items.Length: > 0 })
            {
                yield return Fail(endpoint, "no alarm rolls a bad update back");
            }
        }
    }
}

/// <summary>MLS-REL-05 (ECS): a failed deployment rolls back by itself, in every environment (SECURITY.md: D for ECS).</summary>
public sealed class EcsDeploymentRollsBack : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-05";

    /// <inheritdoc/>
    public override string Title => "guarded rollout with automatic rollback";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var service in context.OfType(AwsTypes.EcsService.Token))
        {
            if (ValuePath.GetBool(service.Properties, "deploymentCircuitBreaker.enable") != true || ValuePath.GetBool(service.Properties, "deploymentCircuitBreaker.rollback") != true)
            {
                yield return Fail(service, "the deployment circuit breaker does not roll failed deployments back");
            }

            if (ValuePath.GetBool(service.Properties, "waitForSteadyState") != true)
            {
                yield return Fail(service, "pulumi up does not wait for the service to reach a steady state");
            }
        }
    }
}

/// <summary>MLS-OPS-01: nobody gets an interactive shell on serving instances.</summary>
public sealed class SageMakerNoShellAccess : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-OPS-01";

    /// <inheritdoc/>
    public override string Title => "no interactive shell on serving instances";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        (from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
         from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
         where ValuePath.GetBool(variant, "enableSsmAccess") == true
         select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} enables SSM access"))
        .Concat(context.OfType(AwsTypes.EcsService.Token)
            .Where(service => ValuePath.GetBool(service.Properties, "enableExecuteCommand") == true)
            .Select(service => Fail(service, "enableExecuteCommand is on")))
        .Concat(context.OfType(AwsTypes.EcsService.Token)
            .Where(service => ValuePath.GetString(service.Properties, "platformVersion") is { } version && version != "LATEST")
            .Select(service => Fail(service, $"platformVersion is pinned to {ValuePath.GetString(service.Properties, "platformVersion")}, not LATEST")));
}

/// <summary>MLS-IMG-01: serving images are pinned by digest (a tag alone is allowed outside production).</summary>
public sealed class ImagePinnedByDigest : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-IMG-01";

    /// <inheritdoc/>
    public override string Title => "images are pinned by digest";

    /// <inheritdoc/>
    public override RuleLevel Level => RuleLevel.Production;

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        (from model in context.OfType(AwsTypes.SageMakerModel.Token)
         let image = ValuePath.Get(model.Properties, "primaryContainer.image")
         where !IsPinned(image)
         select Fail(model, "the container image is not pinned by digest"))
        .Concat(
            from c in EcsContainers.In(context)
            where !IsPinned(ValuePath.Get(c.Container, "image"))
            select Fail(c.Task, $"the image of container {c.Name} is not pinned by digest"));

    private static bool IsPinned(Value? image) => image switch
    {
        // <repository>@<digest of the image the program pushed>
        Interpolation { Parts: [.., StringValue { Value: var at }, OutputReference { Path: "digest", Target: Resource r }] } =>
            at.EndsWith('@') && r.Type.Token == AwsTypes.DockerImage.Token,
        StringValue s => s.Value.Contains("@sha256:", StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>MLS-SEC-01: no secret value sits in plain environment variables.</summary>
public sealed partial class NoPlaintextSecrets : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-SEC-01";

    /// <inheritdoc/>
    public override string Title => "no plaintext secrets in the environment";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        (from model in context.OfType(AwsTypes.SageMakerModel.Token)
         let env = ValuePath.Get(model.Properties, "primaryContainer.environment") as MapValue
         where env is not null
         from entry in env.Entries
         where IsPlaintextSecret(entry.Key, entry.Value)
         select Fail(model, $"environment variable {entry.Key} looks like a secret with a literal value"))
        .Concat(
            from c in EcsContainers.In(context)
            from variable in PolicyStatements.Items(c.Container.Get("environment"))
            let name = ValuePath.GetString(variable, "name") ?? string.Empty
            where IsPlaintextSecret(name, ValuePath.Get(variable, "value"))
            select Fail(c.Task, $"environment variable {name} of container {c.Name} looks like a secret with a literal value"));

    private static bool IsPlaintextSecret(string name, Value? value) =>
        SecretName().IsMatch(name) && value is StringValue { Value: var v } && !v.StartsWith("arn:", StringComparison.Ordinal);

    [GeneratedRegex("(?i)(secret|passw(or)?d|token|api[_-]?key|credential|private[_-]?key)")]
    private static partial Regex SecretName();
}
