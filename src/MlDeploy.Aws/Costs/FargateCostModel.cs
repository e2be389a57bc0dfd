using MlDeploy.Costs;
using MlDeploy.Aws.Ecs;

namespace MlDeploy.Aws.Costs;

/// <summary>
/// An ECS service on Fargate: the task definition's vCPU and memory per task (Linux/x86) between the scalable target's
/// minimum and maximum, and the deployment's own Application Load Balancer hours (its LCUs depend on traffic).
/// </summary>
public sealed class FargateCostModel : CostModel<FargateTarget>
{
    private const decimal MibPerGb = 1024;

    /// <inheritdoc/>
    protected override CostUsage Usage(CostInput input, FargateTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = AwsCostKeys.Region(input);
        var task = input.One("aws:ecs/taskDefinition:TaskDefinition");
        var service = input.One("aws:ecs/service:Service");
        var scaling = input.One("aws:appautoscaling/target:Target");
        var desired = (int)(CostInput.Number(service, "desiredCount") ?? input.Deployment.Scaling.Min);
        var min = (int)(CostInput.Number(scaling, "minCapacity") ?? desired);
        var max = (int)(CostInput.Number(scaling, "maxCapacity") ?? desired);

        // Task-level cpu is in CPU units (1024 per vCPU) and memory in MiB; Fargate bills the task's size, loader included.
        var vcpu = (CostInput.Number(task, "cpu") ?? 0) / 1024;
        var gb = (CostInput.Number(task, "memory") ?? 0) / MibPerGb;
        var hours = UsageItem.HoursPerMonth;
        List<UsageItem> items =
        [
            UsageItem.Metered($"Fargate vCPU ({vcpu.ToString(System.Globalization.CultureInfo.InvariantCulture)} per task)", min * vcpu * hours, max * vcpu * hours, "vCPU-hour", new PriceKey("aws", "fargate", "linux-x86-vcpu", region)),
            UsageItem.Metered($"Fargate memory ({gb.ToString(System.Globalization.CultureInfo.InvariantCulture)} GB per task)", min * gb * hours, max * gb * hours, "GB-hour", new PriceKey("aws", "fargate", "linux-x86-memory", region)),
        ];
        if (input.One("aws:lb/loadBalancer:LoadBalancer") is not null)
        {
            items.Add(UsageItem.Metered("Application Load Balancer", hours, hours, "hour", new PriceKey("aws", "elb", "application-load-balancer", region)));
            items.Add(UsageItem.Unknown("load balancer capacity units (LCU)", "traffic-dependent: connections, bytes and rule evaluations"));
        }
        else
        {
            items.Add(UsageItem.NotAttributed("Application Load Balancer", "shared by the service group's deployments"));
        }

        var storage = AwsCostKeys.ArtifactStorage(region);
        items.Add(CommonUsage.ArtifactStorage(input, storage.Key, storage.Unit));
        items.Add(CommonUsage.Logs(input, "CloudWatch Logs"));
        return new CostUsage(region, min, max, [.. items]);
    }
}
