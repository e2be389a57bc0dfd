using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlPlatform.Stacks;

namespace MlDeploy.Tests.Verification;

/// <summary>Runs <c>verify</c> in-process on the example project, with the outputs JSON on stdin or in a file.</summary>
internal static class VerifyRun
{
    /// <summary>The example model's digest, as the program exports it for every target.</summary>
    public static readonly string ModelSha256 = ModelDigest.Compute(Repo.Root, new FileArtifact("examples/model-server/model"));

    /// <summary>The outputs the example program declares for fraud-scorer on SageMaker (golden example-stack.staging.yaml).</summary>
    public static Dictionary<string, string?> SageMakerOutputs(string endpointArn, string endpoint, string config) => new()
    {
        ["fraud-scorer-endpoint-arn"] = endpointArn,
        ["fraud-scorer-endpoint-config-name"] = config,
        ["fraud-scorer-endpoint-name"] = endpoint,
        ["fraud-scorer-image"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer@sha256:" + new string('a', 64),
        ["fraud-scorer-image-digest"] = "sha256:" + new string('a', 64),
        ["fraud-scorer-invoke-url"] = $"https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/{endpoint}/invocations",
        ["fraud-scorer-model-data"] = "s3://artifacts/models/fraud-scorer/",
        ["fraud-scorer-model-name"] = $"{endpoint}-model",
        ["fraud-scorer-model-sha256"] = ModelSha256,
        ["fraud-scorer-registry-url"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer",
    };

    /// <summary>The outputs the example program declares for fraud-scorer on Fargate (golden example-stack.fargate.yaml).</summary>
    public static Dictionary<string, string?> FargateOutputs(string cluster, string service, string taskDefinition, string url) => new()
    {
        ["fraud-scorer-cluster"] = cluster,
        ["fraud-scorer-image"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer@sha256:" + new string('b', 64),
        ["fraud-scorer-image-digest"] = "sha256:" + new string('b', 64),
        ["fraud-scorer-model-data"] = "s3://artifacts/models/fraud-scorer/",
        ["fraud-scorer-model-sha256"] = ModelSha256,
        ["fraud-scorer-registry-url"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer",
        ["fraud-scorer-service-name"] = service,
        ["fraud-scorer-task-definition"] = taskDefinition,
        ["fraud-scorer-url"] = url,
    };

    public static HostRun WithStdin(string[] args, string stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var env = environment ?? new Dictionary<string, string>();
        var host = new HostEnvironment(args, k => env.TryGetValue(k, out var v) ? v : null, Repo.Root, stdout, stderr) { Stdin = new StringReader(stdin) };
        var exit = DeployApp.Run(host, ModelPlatform.Define, [AwsTargets.All, AzureTargets.All, GcpTargets.All]);
        return new HostRun(exit, stdout.ToString(), stderr.ToString());
    }

    public static HostRun Outputs(string stack, IReadOnlyDictionary<string, string?> outputs, IReadOnlyDictionary<string, string> environment, string? record = null) =>
        WithStdin(["verify", "--stack", stack, "--outputs", "-", .. record is null ? Array.Empty<string>() : ["--record", record]], System.Text.Json.JsonSerializer.Serialize(outputs), environment);
}
