using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Aws.SageMaker;

/// <summary>Where SageMaker endpoints measure the alarm signals: ModelLatency, Invocation5XXErrors, instance CPU/GPU.</summary>
internal static class SageMakerAlarms
{
    public const string Namespace = "AWS/SageMaker";
    public const string InstanceNamespace = "/aws/sagemaker/Endpoints";

    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    public static IReadOnlyList<Resource> Create(AwsScope scope, string endpointName, string variantName, Value topicArn, SageMakerInstanceType? instance)
    {
        var dimensions = Value.Map(("EndpointName", endpointName), ("VariantName", variantName));

        // Instance utilization metrics add up across cores and GPUs (100 % per core / per GPU); serverless has none.
        SaturationSource[] saturation = instance is null ? [] :
        [
            new("alarm-cpu", "CPU", InstanceNamespace, "CPUUtilization", dimensions, instance.Vcpu, $"({instance.Vcpu} vCPU at 100 % each)"),
            .. instance.GpuCount > 0 ? [new SaturationSource("alarm-gpu", "GPU", InstanceNamespace, "GPUUtilization", dimensions, instance.GpuCount, $"({instance.GpuCount} GPU(s) at 100 % each)")] : Array.Empty<SaturationSource>(),
        ];
        if (instance is null)
        {
            scope.Unmeasured(MonitoringSignal.Saturation, "serverless endpoint: SageMaker publishes no instance utilization for it (the platform sizes the capacity); MaxConcurrency bounds it and throttled requests surface as errors");
        }

        // The CloudWatch metrics of real-time endpoints are invocation and instance-utilization metrics only (SageMaker
        // Developer Guide, "Amazon SageMaker AI metrics in Amazon CloudWatch"); an instance count exists only in the
        // separately enabled detailed observability (OpenTelemetry) metrics.
        scope.Unmeasured(MonitoringSignal.HealthyReplicas, "SageMaker publishes no healthy-instance count to CloudWatch; it replaces instances that fail their /ping health check itself, and Application Auto Scaling keeps the variant at its minimum");
        scope.Unmeasured(MonitoringSignal.StartupFailures, "no metric: a container that does not pass /ping within the start-up timeout fails the endpoint update, which SageMaker rolls back to the running configuration and pulumi up reports");
        var alarms = CloudWatchAlarmSet.Create(
            scope,
            topicArn,
            new LatencySource("model latency", Namespace, "ModelLatency", dimensions, LatencyUnit.Microseconds),
            new ErrorRateSource(
                string.Empty,
                [AlarmProperties.SumQuery("errors", Namespace, "Invocation5XXErrors", dimensions), AlarmProperties.SumQuery("invocations", Namespace, "Invocations", dimensions)],
                "IF(invocations > 0, 100 * errors / invocations, 0)"),
            saturation);
        CloudWatchDashboardBlock.Create(scope);
        return alarms;
    }
}
