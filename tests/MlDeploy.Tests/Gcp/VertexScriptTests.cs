using System.Diagnostics;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Tests.Gcp;

/// <summary>The gcloud steps: valid POSIX shell, and user values reach them only through the environment.</summary>
public class VertexScriptTests
{
    private const string Hostile = "x$(touch /tmp/pwned)`id`'\"\n;rm -rf /";

    private static ModelDeployment HostileDeployment() => VertexSamples.Internal() with
    {
        Serving = new Serving
        {
            Env = new Dictionary<string, string> { ["GREETING"] = Hostile, ["LIST"] = "a,b|c~d" },
            Args = ["--name", Hostile],
            HealthPath = "/health$(id)",
            PredictPath = "/predict`id`",
        },
    };

    private static IEnumerable<Resource> Steps(ModelDeployment d) =>
        VertexSamples.Synthesize(d).Graph.Resources.Where(r => r.Type.Token == "command:local:Command");

    private static List<string> Scripts(ModelDeployment d) =>
        [.. Steps(d).SelectMany(r => new[] { "create", "update", "delete" }.Select(k => r.Properties.Get(k)).OfType<StringValue>().Select(s => s.Value)).Distinct()];

    [Fact]
    public void Scripts_EveryStepScript_PassesShellSyntaxCheck()
    {
        var scripts = Scripts(VertexSamples.Production());

        Assert.Equal(6, scripts.Count);
        foreach (var script in scripts)
        {
            var start = new ProcessStartInfo("sh", "-n") { RedirectStandardInput = true, RedirectStandardError = true };
            using var sh = Process.Start(start)!;
            sh.StandardInput.Write(script);
            sh.StandardInput.Close();
            var errors = sh.StandardError.ReadToEnd();
            sh.WaitForExit();
            Assert.True(sh.ExitCode == 0, $"sh -n failed: {errors}\n{script}");
        }
    }

    [Fact]
    public void Scripts_HostileValues_ReachTheStepsOnlyThroughTheEnvironment()
    {
        var d = HostileDeployment() with { Name = "classifier" };
        var steps = Steps(d).ToList();
        var model = steps.Single(r => r.Name == "classifier-model");
        var env = (MapValue)model.Properties.Get("environment")!;

        Assert.Contains(Hostile, ((StringValue)env.Get("CONTAINER_ENV")!).Value, StringComparison.Ordinal);
        Assert.Equal("/health$(id)", ((StringValue)env.Get("HEALTH_ROUTE")!).Value);
        foreach (var step in steps)
        {
            foreach (var key in new[] { "create", "update", "delete" })
            {
                if (step.Properties.Get(key) is StringValue script)
                {
                    Assert.DoesNotContain("touch /tmp/pwned", script.Value, StringComparison.Ordinal);
                    Assert.DoesNotContain("$(id)", script.Value, StringComparison.Ordinal);
                    Assert.DoesNotContain("`id`", script.Value, StringComparison.Ordinal);
                    Assert.DoesNotContain("classifier", script.Value, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Scripts_UserValuesAreOnlyExpandedInsideDoubleQuotes()
    {
        string[] userVariables = ["DISPLAY_NAME", "IMAGE", "ARTIFACT_URI", "HEALTH_ROUTE", "PREDICT_ROUTE", "CONTAINER_ENV", "CONTAINER_ARGS", "STABLE", "MODEL", "ENDPOINT"];
        foreach (var script in Scripts(VertexSamples.Production()))
        {
            foreach (var name in userVariables)
            {
                var unquoted = System.Text.RegularExpressions.Regex.Matches(script, $@"(?<![""=\w/,-])\${name}\b");
                Assert.True(unquoted.Count == 0, $"${name} is expanded outside double quotes in:\n{script}");
            }
        }
    }

    [Fact]
    public void ContainerEnv_ValuesWithCommas_UseADelimiterNoValueContains()
    {
        var env = (MapValue)Steps(HostileDeployment()).Single(r => r.Name == "classifier-model").Properties.Get("environment")!;
        var list = ((StringValue)env.Get("CONTAINER_ENV")!).Value;

        Assert.StartsWith("^~~^", list, StringComparison.Ordinal);
        Assert.Contains("LIST=a,b|c~d", list, StringComparison.Ordinal);
    }

    [Fact]
    public void Triggers_NewImageOrArtifact_ReplaceTheUploadAndTheDeployStep()
    {
        var steps = Steps(VertexSamples.Internal()).ToList();
        var upload = (ListValue)steps.Single(r => r.Name == "classifier-model").Properties.Get("triggers")!;
        var deploy = (ListValue)steps.Single(r => r.Name == "classifier-deploy").Properties.Get("triggers")!;

        Assert.Contains(upload.Items, v => v is Interpolation i && i.Parts.OfType<OutputReference>().Any(o => o.Path == "digest"));
        Assert.Contains(deploy.Items, v => v is OutputReference { Path: "stdout" });
    }

    [Fact]
    public void Planning_Vertex_RequiresGcloudOnTheDeployerMachine()
    {
        var synthesis = VertexSamples.Synthesize(VertexSamples.Internal());

        Assert.Contains(synthesis.DeployerTools, t => t.Name == "gcloud");
    }
}
