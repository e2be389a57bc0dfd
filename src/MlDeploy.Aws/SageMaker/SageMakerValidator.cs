using System.Globalization;
using MlDeploy.Aws.Blocks;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.SageMaker;

/// <summary>What a SageMaker real-time endpoint cannot honour, reported before anything is deployed.</summary>
internal static class SageMakerValidator
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        var s = d.Serving;
        if (s.Port != 8080)
        {
            yield return p.Error("serving.port", $"SageMaker sends requests to port 8080, not {s.Port}", "listen on 8080 (the default)");
        }

        if (s.HealthPath != "/ping")
        {
            yield return p.Error("serving.healthPath", $"SageMaker checks health at /ping, not {s.HealthPath}", "serve GET /ping (the default)");
        }

        if (s.PredictPath != "/invocations")
        {
            yield return p.Error("serving.predictPath", $"SageMaker sends predictions to /invocations, not {s.PredictPath}", "serve POST /invocations (the default)");
        }

        if (s.ModelDir != "/opt/ml/model")
        {
            yield return p.Error("serving.modelDir", $"SageMaker places the model at /opt/ml/model, not {s.ModelDir}", "read the model from /opt/ml/model (the default)");
        }

        if (!s.Args.IsEmpty)
        {
            yield return p.Error("serving.args", "SageMaker starts the container with the single argument 'serve'", "put the command in the image ENTRYPOINT and accept a leading 'serve'");
        }

        if (t.Serverless is null && s.StartupTimeout.TotalSeconds is < 60 or > 3600)
        {
            yield return p.Error("serving.startupTimeout", $"{Seconds(s.StartupTimeout)} s is outside SageMaker's start-up window of 60-3600 s", "allow the download and load time of the model, within that window");
        }

        foreach (var problem in ValidateCompute(d, t, p))
        {
            yield return problem;
        }

        if (t.Serverless is null && d.Scaling.Min == 0)
        {
            yield return p.Error("scaling.min", "0 is not supported by SageMaker real-time endpoints", "use serverless inference or min >= 1");
        }

        if (d.Scaling.Metric == ScalingMetric.Concurrency)
        {
            yield return p.Error("scaling.metric", "SageMaker variants scale on invocations per instance, CPU or GPU utilization, not concurrency", "use ScalingMetric.RequestsPerSecond");
        }

        if (!LogGroupBlock.AllowedRetentionDays.Contains(d.Monitoring.LogRetentionDays))
        {
            yield return p.Error("monitoring.logRetentionDays", $"CloudWatch Logs cannot keep logs {d.Monitoring.LogRetentionDays} days", $"use one of {string.Join(", ", LogGroupBlock.AllowedRetentionDays.Order())}");
        }

        if (d.Monitoring.NotificationTopic is { } topic && !topic.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("monitoring.notificationTopic", $"'{topic}' is not an SNS topic ARN", "use arn:aws:sns:<region>:<account>:<topic>");
        }

        foreach (var problem in ValidateRollout(d.Rollout, p))
        {
            yield return problem;
        }

        foreach (var problem in ValidateNetwork(d, t, p))
        {
            yield return problem;
        }

        switch (d.Image)
        {
            case ExistingImage e when ContainerImageBlock.ParseEcr(e.Reference) is null:
                yield return p.Error("image.reference", $"SageMaker pulls images only from Amazon ECR, and '{e.Reference}' is not an ECR image", "push the image to ECR, or use ImageSource.Build so the SDK does");
                break;
        }

        if (d.Artifact is RegistryArtifact)
        {
            yield return p.Error("artifact", "model package entries are not supported on SageMaker yet: the execution role could not be scoped to the package's image and data", "use ModelArtifact.FromUri with the package's model data and ImageSource.Existing with its image");
        }

        if (t.KeepImages < 1)
        {
            yield return p.Error("target.keepImages", $"{t.KeepImages} keeps no image to roll back to", "keep at least 1 (30 is the default)");
        }

        if (t.ArtifactKmsKeyArn is { } keyArn && !keyArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return p.Error("target.artifactKmsKeyArn", $"'{keyArn}' is not a KMS key ARN", "use arn:aws:kms:<region>:<account>:key/<id>");
        }
    }

    private static IEnumerable<Diagnostic> ValidateCompute(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (t.Serverless is { } sl)
        {
            if (c.Gpu is not null)
            {
                yield return p.Error("compute.gpu", "serverless inference has no GPUs", "use an instance type (Serverless = null)");
            }

            if (sl.MemoryMb is < 1024 or > 6144 || sl.MemoryMb % 1024 != 0)
            {
                yield return p.Error("target.serverless.memoryMb", $"{sl.MemoryMb} MB is not a serverless memory size", "use 1024, 2048, 3072, 4096, 5120 or 6144");
            }

            if (sl.MaxConcurrency is < 1 or > 200)
            {
                yield return p.Error("target.serverless.maxConcurrency", $"{sl.MaxConcurrency} is outside 1-200", "use 1-200 concurrent invocations");
            }

            if (sl.ProvisionedConcurrency is { } pc && (pc < 1 || pc > sl.MaxConcurrency))
            {
                yield return p.Error("target.serverless.provisionedConcurrency", $"{pc} is outside 1-{sl.MaxConcurrency}", "provision at most MaxConcurrency");
            }

            if (d.Monitoring.DataCapturePercent > 0)
            {
                yield return p.Error("monitoring.dataCapturePercent", "serverless endpoints cannot capture request and response data", "set DataCapturePercent = 0, or use an instance type");
            }

            if (t.InstanceType is not null)
            {
                yield return p.Error("target.instanceType", "an instance type cannot be combined with serverless inference", "set either InstanceType or Serverless");
            }

            yield break;
        }

        if (c.Gpu is { Count: > 0 } gpu && gpu.Count > SageMakerInstanceTypes.MaxGpus(gpu.Kind))
        {
            yield return p.Error("compute.gpu.count", $"SageMaker offers at most {SageMakerInstanceTypes.MaxGpus(gpu.Kind)} {gpu.Kind} GPUs per instance, not {gpu.Count}", "use fewer GPUs per replica, or another GPU kind");
            yield break;
        }

        if (t.InstanceType is { } name)
        {
            var type = SageMakerInstanceTypes.Find(name);
            if (type is null)
            {
                yield return p.Error("target.instanceType", $"'{name}' is not a SageMaker hosting instance type the SDK knows", $"use one of the ml.m5, ml.c5, ml.r5, ml.g4dn, ml.g5, ml.g6, ml.g6e, ml.p3, ml.p4d or ml.p5 types, or leave it null to pick from compute");
            }
            else if (!SageMakerInstanceTypes.Fits(type, c))
            {
                yield return p.Error("target.instanceType", $"'{name}' ({Describe(type)}) does not give what compute asks for ({Describe(c)})", "pick a type with at least that much, or lower the compute request");
            }
        }
        else if (SageMakerInstanceTypes.Smallest(c) is null)
        {
            yield return p.Error("compute", $"no SageMaker instance type offers {Describe(c)}", "lower the request, or choose the instance type explicitly");
        }
    }

    private static IEnumerable<Diagnostic> ValidateRollout(Rollout r, DeploymentPath p)
    {
        if (r.Strategy == RolloutStrategy.Canary && r.TrafficPercent > 50)
        {
            yield return p.Error("rollout.trafficPercent", $"SageMaker canaries take at most 50 % of capacity, not {r.TrafficPercent} %", "use 50 or less");
        }

        if (r.Strategy == RolloutStrategy.Linear && r.TrafficPercent is < 10 or > 50)
        {
            yield return p.Error("rollout.trafficPercent", $"SageMaker linear steps must be 10-50 % of capacity, not {r.TrafficPercent} %", "use a step between 10 and 50");
        }

        if (r.BakeTime.TotalSeconds > 3600)
        {
            yield return p.Error("rollout.bakeTime", $"{Seconds(r.BakeTime)} s is longer than SageMaker's 3600 s wait interval", "bake for at most one hour per step");
        }
    }

    private static IEnumerable<Diagnostic> ValidateNetwork(ModelDeployment d, SageMakerTarget t, DeploymentPath p)
    {
        var n = d.Network;
        if (!n.RequireAuth)
        {
            yield return p.Error("network.requireAuth", "SageMaker endpoints always require IAM (SigV4) authentication", "keep RequireAuth = true; put an API gateway in front for other callers");
        }

        if (n.Exposure == Exposure.Private)
        {
            if (n.SubnetIds.Length < 2)
            {
                yield return p.Error("network.subnetIds", $"a private SageMaker endpoint needs at least 2 subnets in different availability zones, got {n.SubnetIds.Length}", "set Network.SubnetIds (private subnets), or choose Exposure.Public (still IAM-authenticated)");
            }

            if (n.SecurityGroupIds.IsEmpty)
            {
                yield return p.Error("network.securityGroupIds", "a private SageMaker endpoint needs a security group", "set Network.SecurityGroupIds");
            }

            if (t.Serverless is not null)
            {
                yield return p.Error("network.exposure", "the SDK places serverless endpoints in no VPC", "use Exposure.Public (IAM-authenticated) or an instance type");
            }
        }
        else if (!t.NetworkIsolation)
        {
            yield return p.Error("target.networkIsolation", "turning network isolation off gives the container open internet access", "keep NetworkIsolation = true, or use a private network (its VPC then controls egress)");
        }

        if (!d.Secrets.IsEmpty && t.NetworkIsolation)
        {
            yield return p.Error("secrets", "the model container runs with network isolation, so it cannot read secrets from Secrets Manager at run time", "set NetworkIsolation = false with a private network that has a Secrets Manager VPC endpoint");
        }
    }

    private static string Seconds(TimeSpan t) => ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Describe(SageMakerInstanceType t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Vcpu} vCPU, {t.MemoryGiB} GiB, {(t.GpuCount == 0 ? "no GPU" : $"{t.GpuCount}x {t.GpuKind}")}");

    private static string Describe(Compute c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Cpu} vCPU, {c.MemoryGiB} GiB, {(c.Gpu is null ? "no GPU" : $"{c.Gpu.Count}x {c.Gpu.Kind}")}");
}
