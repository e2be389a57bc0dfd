using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.SageMaker;

/// <summary>The alarms SageMaker endpoints get: p99 model latency, 5xx error rate, and CPU/GPU saturation.</summary>
internal static class SageMakerAlarms
{
    public const string Namespace = "AWS/SageMaker";
    public const string InstanceNamespace = "/aws/sagemaker/Endpoints";

    /// <summary>Creates the alarms; returns those that should roll a deployment back (latency and errors).</summary>
    public static IReadOnlyList<Resource> Create(AwsScope scope, string endpointName, string variantName, Value topicArn, SageMakerInstanceType? instance)
    {
        var m = scope.Deployment.Monitoring;
        var dimensions = Value.Map(("EndpointName", endpointName), ("VariantName", variantName));
        var actions = Value.List(topicArn);

        var latency = scope.Add("alarm-latency", AwsTypes.MetricAlarm, AlarmProperties.Of(
            $"p99 model latency of {scope.Name} is above {m.LatencyP99Ms} ms",
            ("namespace", Namespace),
            ("metricName", "ModelLatency"),
            ("dimensions", dimensions),
            ("extendedStatistic", "p99"),
            ("period", 60),

            // ModelLatency is reported in microseconds.
            ("threshold", (long)m.LatencyP99Ms * 1000),
            ("actions", actions),
            ("tags", scope.Tags)));

        var errors = scope.Add("alarm-errors", AwsTypes.MetricAlarm, AlarmProperties.Of(
            string.Create(CultureInfo.InvariantCulture, $"5xx error rate of {scope.Name} is above {m.ErrorRatePercent} %"),
            ("metricQueries", Value.List(
                AlarmProperties.SumQuery("errors", Namespace, "Invocation5XXErrors", dimensions),
                AlarmProperties.SumQuery("invocations", Namespace, "Invocations", dimensions),
                Value.Map(
                    ("id", "errorRate"),
                    ("expression", "IF(invocations > 0, 100 * errors / invocations, 0)"),
                    ("label", "5xx error rate (%)"),
                    ("returnData", true)))),
            ("threshold", m.ErrorRatePercent),
            ("actions", actions),
            ("tags", scope.Tags)));

        if (instance is not null)
        {
            // Instance utilization metrics add up across cores and GPUs (100 % per core / per GPU).
            scope.Add("alarm-cpu", AwsTypes.MetricAlarm, AlarmProperties.Of(
                $"CPU of {scope.Name} is above {m.SaturationPercent} % ({instance.Vcpu} vCPU at 100 % each)",
                ("namespace", InstanceNamespace),
                ("metricName", "CPUUtilization"),
                ("dimensions", dimensions),
                ("statistic", "Average"),
                ("period", 60),
                ("threshold", m.SaturationPercent * instance.Vcpu),
                ("actions", actions),
                ("tags", scope.Tags)));
            if (instance.GpuCount > 0)
            {
                scope.Add("alarm-gpu", AwsTypes.MetricAlarm, AlarmProperties.Of(
                    $"GPU of {scope.Name} is above {m.SaturationPercent} % ({instance.GpuCount} GPU(s) at 100 % each)",
                    ("namespace", InstanceNamespace),
                    ("metricName", "GPUUtilization"),
                    ("dimensions", dimensions),
                    ("statistic", "Average"),
                    ("period", 60),
                    ("threshold", m.SaturationPercent * instance.GpuCount),
                    ("actions", actions),
                    ("tags", scope.Tags)));
            }
        }

        return [latency, errors];
    }
}
