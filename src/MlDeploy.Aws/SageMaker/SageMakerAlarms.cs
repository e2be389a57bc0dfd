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
        return CloudWatchAlarmSet.Create(
            scope,
            topicArn,
            new LatencySource("model latency", Namespace, "ModelLatency", dimensions, LatencyUnit.Microseconds),
            new ErrorRateSource(
                string.Empty,
                [AlarmProperties.SumQuery("errors", Namespace, "Invocation5XXErrors", dimensions), AlarmProperties.SumQuery("invocations", Namespace, "Invocations", dimensions)],
                "IF(invocations > 0, 100 * errors / invocations, 0)"),
            saturation);
    }
}
