using System.Globalization;
using MlDeploy.Costs;
using MlDeploy.Aws.SageMaker;

namespace MlDeploy.Aws.Costs;

/// <summary>
/// A SageMaker endpoint: instance-hours of the endpoint configuration's instance type between the scalable target's
/// minimum and maximum capacity; a serverless endpoint is billed per request and duration, so it is traffic-dependent.
/// </summary>
public sealed class SageMakerCostModel : CostModel<SageMakerTarget>
{
    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, SageMakerTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = AwsCostKeys.Region(input);
        var config = input.One("aws:sagemaker/endpointConfiguration:EndpointConfiguration");
        var scaling = input.One("aws:appautoscaling/target:Target");
        var storage = AwsCostKeys.ArtifactStorage(region);
        List<UsageItem> items = [];
        int min, max;
        if (CostInput.Text(config, "productionVariants[0].instanceType") is { } instanceType)
        {
            var initial = (int)(CostInput.Number(config, "productionVariants[0].initialInstanceCount") ?? 1);
            min = (int)(CostInput.Number(scaling, "minCapacity") ?? initial);
            max = (int)(CostInput.Number(scaling, "maxCapacity") ?? initial);
            items.Add(UsageItem.Metered($"{instanceType} instances", min * UsageItem.HoursPerMonth, max * UsageItem.HoursPerMonth, "instance-hour", new PriceKey("aws", "sagemaker", $"hosting-{instanceType}", region)));
        }
        else
        {
            // Serverless: no instances; memory size × invocation duration and requests are billed (AWS "Serverless Inference").
            min = (int)(CostInput.Number(config, "productionVariants[0].serverlessConfig.provisionedConcurrency") ?? 0);
            max = (int)(CostInput.Number(config, "productionVariants[0].serverlessConfig.maxConcurrency") ?? 0);
            var memory = CostInput.Number(config, "productionVariants[0].serverlessConfig.memorySizeInMb") ?? 0;
            items.Add(UsageItem.Unknown(string.Create(CultureInfo.InvariantCulture, $"serverless inference duration at {memory} MB and requests"), "traffic-dependent: billed per invocation and its duration"));
            if (min > 0)
            {
                items.Add(UsageItem.Unknown(string.Create(CultureInfo.InvariantCulture, $"provisioned concurrency ({min})"), "not priced yet: no price row for provisioned serverless concurrency"));
            }
        }

        items.Add(CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit));
        if (CommonUsage.Capture(input, "S3") is { } capture)
        {
            items.Add(capture);
        }

        items.Add(CommonUsage.Logs(input, "CloudWatch Logs"));
        return new CostUsage(region, min, max, [.. items]);
    }
}
