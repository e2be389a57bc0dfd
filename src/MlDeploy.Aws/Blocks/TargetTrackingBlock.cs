using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>What Application Auto Scaling scales: a SageMaker variant's instances or an ECS service's tasks.</summary>
/// <param name="ServiceNamespace">The service namespace, e.g. <c>sagemaker</c>.</param>
/// <param name="Dimension">The scalable dimension, e.g. <c>ecs:service:DesiredCount</c>.</param>
/// <param name="ResourceId">The resource id.</param>
/// <param name="Tags">Tags for the scalable target, or null where the planner sets none.</param>
internal sealed record ScalableResource(string ServiceNamespace, string Dimension, Value ResourceId, MapValue? Tags = null);

/// <summary>
/// The Application Auto Scaling target and target-tracking policy every AWS target with autoscaling emits, from the
/// deployment's replica range and cooldowns and the planner's <see cref="ScalingDecision"/>.
/// </summary>
internal static class TargetTrackingBlock
{
    /// <summary>Adds <c>scaling-target</c> and <c>scaling-policy</c>.</summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="resource">What is scaled.</param>
    /// <param name="decision">The metric and target in the platform's unit.</param>
    /// <param name="metric">The metric specification: <c>predefinedMetricSpecification</c> or <c>customizedMetricSpecification</c> with its value.</param>
    public static void Add(AwsScope scope, ScalableResource resource, ScalingDecision decision, (string Key, Value Value) metric)
    {
        var s = scope.Deployment.Scaling;
        var scalingTarget = scope.Add("scaling-target", AwsTypes.ScalingTarget, Value.Map(
            ("serviceNamespace", resource.ServiceNamespace),
            ("scalableDimension", resource.Dimension),
            ("resourceId", resource.ResourceId),
            ("minCapacity", s.Min),
            ("maxCapacity", s.Max),
            ("tags", resource.Tags)));
        scope.Add("scaling-policy", AwsTypes.ScalingPolicy, Value.Map(
            ("policyType", "TargetTrackingScaling"),
            ("serviceNamespace", scalingTarget.Output("serviceNamespace")),
            ("scalableDimension", scalingTarget.Output("scalableDimension")),
            ("resourceId", scalingTarget.Output("resourceId")),
            ("targetTrackingScalingPolicyConfiguration", Value.Map(
                ("targetValue", decision.Target),
                metric,
                ("scaleInCooldown", (int)s.ScaleInCooldown.TotalSeconds),
                ("scaleOutCooldown", (int)s.ScaleOutCooldown.TotalSeconds)))));
    }
}
