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
        from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
        from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
        where ValuePath.Get(variant, "serverlessConfig") is null && ValuePath.GetNumber(variant, "initialInstanceCount") is not >= 2
        select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} starts with fewer than 2 instances (one zone failure takes it down)");
}

/// <summary>MLS-REL-04: start-up timeouts are sized for downloading and loading the model.</summary>
public sealed class SageMakerStartupTimeouts : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-REL-04";

    /// <inheritdoc/>
    public override string Title => "start-up allowance sized for model loading";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
        from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
        where ValuePath.Get(variant, "serverlessConfig") is null
            && (ValuePath.Get(variant, "modelDataDownloadTimeoutInSeconds") is null || ValuePath.Get(variant, "containerStartupHealthCheckTimeoutInSeconds") is null)
        select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} relies on SageMaker's default start-up timeouts");
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

/// <summary>MLS-OPS-01: nobody gets an interactive shell on serving instances.</summary>
public sealed class SageMakerNoShellAccess : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-OPS-01";

    /// <inheritdoc/>
    public override string Title => "no interactive shell on serving instances";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from config in context.OfType(AwsTypes.SageMakerEndpointConfiguration.Token)
        from variant in PolicyStatements.Items(config.Properties.Get("productionVariants"))
        where ValuePath.GetBool(variant, "enableSsmAccess") == true
        select Fail(config, $"variant {ValuePath.GetString(variant, "variantName")} enables SSM access");
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
        from model in context.OfType(AwsTypes.SageMakerModel.Token)
        let image = ValuePath.Get(model.Properties, "primaryContainer.image")
        where !IsPinned(image)
        select Fail(model, "the container image is not pinned by digest");

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
        from model in context.OfType(AwsTypes.SageMakerModel.Token)
        let env = ValuePath.Get(model.Properties, "primaryContainer.environment") as MapValue
        where env is not null
        from entry in env.Entries
        where SecretName().IsMatch(entry.Key) && entry.Value is StringValue { Value: var v } && !v.StartsWith("arn:", StringComparison.Ordinal)
        select Fail(model, $"environment variable {entry.Key} looks like a secret with a literal value");

    [GeneratedRegex("(?i)(secret|passw(or)?d|token|api[_-]?key|credential|private[_-]?key)")]
    private static partial Regex SecretName();
}
