using System.Diagnostics;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Gcp;

/// <summary>
/// The Vertex AI steps' gcloud calls, through the installed Google Cloud CLI's own flag checks: each step runs with a
/// gcloud on the PATH that finds nothing on describe and hands upload and deploy-model to the real CLI, signed in to
/// nothing. A call whose flags gcloud accepts gets as far as wanting an account; one it refuses never does.
/// </summary>
public sealed class VertexGcloudTests : IDisposable
{
    private const string NoAccount = "You do not currently have an active account selected";

    // Outputs Pulumi fills in at deploy time: an endpoint id, the upload step's model id, the identity's e-mail.
    private static readonly Dictionary<string, string> s_outputs = new(StringComparer.Ordinal)
    {
        ["ENDPOINT"] = "4242424242",
        ["MODEL"] = "ml-platform-model-0123456789ab",
        ["SERVICE_ACCOUNT"] = "classifier@acme-ml-prod.iam.gserviceaccount.com",
        ["ARTIFACT_URI"] = "gs://acme-models/classifier/",
        ["IMAGE"] = "europe-west4-docker.pkg.dev/acme-ml-prod/classifier/classifier@sha256:" + new string('a', 64),
    };

    private readonly TempDirectory _dir = new();

    [GcloudTheory]
    [InlineData("classifier-model", "gcloud.ai.models.upload")]
    [InlineData("classifier-deploy", "gcloud.ai.endpoints.deploy-model")]
    public void Step_FlagsPassGcloudsOwnChecks(string step, string command)
    {
        // The production sample with an environment and arguments that need gcloud's list escaping.
        var production = VertexSamples.Production() with { Serving = new Serving { Env = new Dictionary<string, string> { ["LIST"] = "a,b|c" }, Args = ["--workers", "2"] } };
        foreach (var d in new[] { VertexSamples.Internal(), production })
        {
            var (code, stderr) = RunStep(Step(d, step));

            Assert.NotEqual(0, code);
            Assert.Contains(command, stderr, StringComparison.Ordinal);
            Assert.Contains(NoAccount, stderr, StringComparison.Ordinal);
        }
    }

    [GcloudFact]
    public void DeployStep_FullMetricName_IsRefusedByGcloud()
    {
        // The control: the stand-in reaches the real CLI's validation, which refuses what the step used to pass.
        var deploy = Step(VertexSamples.Internal(), "classifier-deploy");
        var env = Environment(deploy);
        env["AUTOSCALING"] = "aiplatform.googleapis.com/prediction/online/cpu/utilization=70";

        var (code, stderr) = Run(((StringValue)deploy.Properties.Get("create")!).Value, env);

        Assert.NotEqual(0, code);
        Assert.Contains("Autoscaling metric name can only be one of the following: 'cpu-usage', 'gpu-duty-cycle'", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static Resource Step(ModelDeployment d, string name) =>
        VertexSamples.Synthesize(d, d.Target is VertexTarget { StableDeployedModel: not null } ? EnvironmentProfile.Production : EnvironmentProfile.Development)
            .Graph.Resources.Single(r => r.Name == name);

    private static Dictionary<string, string> Environment(Resource step)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ((MapValue)step.Properties.Get("environment")!).Entries)
        {
            env[key] = value is StringValue s ? s.Value : s_outputs[key];
        }

        return env;
    }

    private (int Code, string Stderr) RunStep(Resource step) => Run(((StringValue)step.Properties.Get("create")!).Value, Environment(step));

    private (int Code, string Stderr) Run(string script, Dictionary<string, string> env)
    {
        var bin = Path.Combine(_dir.Path, "bin");
        LoaderFiles.WriteExecutable(Path.Combine(bin, "gcloud"), $"#!/bin/sh\ncase \"$1 $2 $3\" in\n  \"ai models describe\" | \"ai endpoints describe\") exit 1 ;;\nesac\nexec '{Gcloud.Path}' \"$@\"\n");
        var start = new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];

        // An empty configuration: no account, no project, no prompts, no look-up of a metadata server.
        start.Environment["CLOUDSDK_CONFIG"] = Path.Combine(_dir.Path, "gcloud-config");
        start.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
        start.Environment["CLOUDSDK_CORE_CHECK_GCE_METADATA"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
