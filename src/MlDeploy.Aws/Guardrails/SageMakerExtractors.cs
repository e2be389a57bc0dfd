using MlDeploy.Aws.SageMaker;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Aws.Guardrails;

/// <summary>A SageMaker model: its container's image and environment, and its network access.</summary>
internal sealed record SageMakerModelExtractor() : AwsExtractor(AwsTypes.SageMakerModel.Token, "SageMaker model")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(ModelEgress), typeof(ImageReference), typeof(PlainEnvironment)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context) =>
    [
        new ModelEgress("the model", ValuePath.GetBool(resource.Properties, "enableNetworkIsolation") == true || resource.Properties.Get("vpcConfig") is not null),
        new ImageReference("the container", ValuePath.Get(resource.Properties, "primaryContainer.image")),
        new PlainEnvironment("the container", ValuePath.Get(resource.Properties, "primaryContainer.environment") is MapValue env
            ? [.. env.Entries.Select(e => new KeyValuePair<string, Value?>(e.Key, e.Value))]
            : []),
    ];
}

/// <summary>A SageMaker endpoint configuration: per variant its capacity, start-up timeouts and shell access; its volume and capture encryption.</summary>
internal sealed record EndpointConfigurationExtractor() : AwsExtractor(AwsTypes.SageMakerEndpointConfiguration.Token, "SageMaker endpoint configuration")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(ServingCapacity), typeof(HealthChecks), typeof(OperatorAccess), typeof(EncryptionAtRest), typeof(RequestTimeout)];

    public override IReadOnlyList<Type> Reports => s_reports;

    /// <summary>
    /// A SageMaker container must answer an invocation within 60 s, a fixed limit (Amazon SageMaker Runtime API
    /// Reference, InvokeEndpoint; SECURITY.md section 3.4); slower models need asynchronous inference.
    /// </summary>
    public const int InvocationLimitSeconds = 60;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        yield return new RequestTimeout("invocations", InvocationLimitSeconds, InvocationLimitSeconds, context.Deployment(resource.Owner)?.Monitoring.LatencyP99Ms);
        var variants = PolicyStatements.Items(resource.Properties.Get("productionVariants")).ToList();
        foreach (var variant in variants)
        {
            var subject = $"variant {ValuePath.GetString(variant, "variantName")}";
            yield return new OperatorAccess(subject, ValuePath.GetBool(variant, "enableSsmAccess") == true ? "SSM access" : null, PinnedPlatformVersion: null);

            // Serverless variants: the platform manages capacity and start-up (decision 9).
            if (ValuePath.Get(variant, "serverlessConfig") is not null)
            {
                continue;
            }

            yield return new ServingCapacity(subject, ValuePath.GetNumber(variant, "initialInstanceCount"));
            yield return new HealthChecks(subject)
            {
                StartupName = "explicit start-up timeouts (it relies on SageMaker's defaults)",
                StartupAllowance = ValuePath.Get(variant, "modelDataDownloadTimeoutInSeconds") is not null && ValuePath.Get(variant, "containerStartupHealthCheckTimeoutInSeconds") is not null,
            };
        }

        // NVMe instance types take no volume key (decision 8).
        if (variants.Any(v => ValuePath.Get(v, "serverlessConfig") is null
            && SageMakerInstanceTypes.Find(ValuePath.GetString(v, "instanceType") ?? string.Empty) is not { InstanceStorage: true }))
        {
            yield return new EncryptionAtRest("instance volumes", resource.Properties.Get("kmsKeyArn") is not null);
        }

        if (ValuePath.GetBool(resource.Properties, "dataCaptureConfig.enableCapture") == true)
        {
            yield return new EncryptionAtRest("captured requests", ValuePath.Get(resource.Properties, "dataCaptureConfig.kmsKeyId") is not null);
        }
    }
}

/// <summary>A SageMaker endpoint: how updates roll out and which metrics must be alarmed.</summary>
internal sealed record EndpointExtractor() : AwsExtractor(AwsTypes.SageMakerEndpoint.Token, "SageMaker endpoint")
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(RolloutGuard), typeof(RequiredSignals)];

    public override IReadOnlyList<Type> Reports => s_reports;

    public override IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        var p = resource.Properties;
        yield return new RequiredSignals("the endpoint", ["ModelLatency", "Invocation5XXErrors"]);
        var config = (p.Get("endpointConfigName") as OutputReference)?.Target as Resource;
        if (config is not null && ValuePath.Get(config.Properties, "productionVariants[0].serverlessConfig") is not null)
        {
            yield break;
        }

        yield return new RolloutGuard("the endpoint")
        {
            FleetTrafficShift = true,
            Gradual = ValuePath.GetString(p, "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.type") is "CANARY" or "LINEAR"
                || ValuePath.Get(p, "deploymentConfig.rollingUpdatePolicy") is not null,
            AlarmRollback = ValuePath.Get(p, "deploymentConfig.autoRollbackConfiguration.alarms") is ListValue { Items.Length: > 0 },
        };
    }
}
