using System.Text.Json;
using System.Text.RegularExpressions;
using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Hosting;
using MlDeploy.Model;
using MlDeploy.Portability;
using MlDeploy.Tests.Support;
using MlPlatform.Stacks;

namespace MlDeploy.Tests.Hosting;

public partial class PortabilityCommandTests
{

    /// <summary>Every registered planner's target, in pack order, as the matrix names it.</summary>
    private static readonly List<string> RegisteredTargets =
        [.. new[] { AwsTargets.All, AzureTargets.All, GcpTargets.All }.SelectMany(p => p.Planners).Select(p => PortabilityAnalysis.ShortName(p.TargetType))];

    public static TheoryData<string> Stacks => [.. TestHost.ExampleStacks];

    [Fact]
    public void Portability_ExampleFraudScorer_ShowsAllNineTargets_InTextAndJson()
    {
        var text = TestHost.Run(["portability", "--stack", "prod"]);
        var json = Json(TestHost.Run(["portability", "--stack", "prod", "--json"]));

        Assert.Equal((0, string.Empty), (text.ExitCode, text.Stderr));
        Assert.Equal(9, RegisteredTargets.Count);
        var deployment = Assert.Single(json.GetProperty("deployments").EnumerateArray());
        Assert.Equal("fraud-scorer", deployment.GetProperty("name").GetString());
        Assert.Equal(RegisteredTargets, deployment.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetString()));
        var header = text.Stdout.Split('\n').Single(l => l.StartsWith("  CONCEPT ", StringComparison.Ordinal));
        Assert.Equal(["CONCEPT", .. RegisteredTargets.Select(t => t == "SageMaker" ? "SageMaker*" : t)], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(PortabilityConcepts.All, c => Assert.Contains($"\n  {PortabilityConcepts.Title(c)} ", text.Stdout, StringComparison.Ordinal));

        // Aligned: every row's status words start where the header's target names do.
        var lines = text.Stdout.Split('\n');
        var grid = lines.SkipWhile(l => l != header).Take(PortabilityConcepts.All.Count + 1).ToList();
        static List<int> Starts(string line) => [.. Enumerable.Range(2, line.Length - 2).Where(i => line[i] != ' ' && line[i - 1] == ' ' && line[i - 2] == ' ')];
        Assert.All(grid, l => Assert.Equal(Starts(header), Starts(l)));
        Assert.Equal(text.Stdout, TestHost.Run(["portability", "--stack", "prod"]).Stdout);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Portability_EveryExampleStack_DeclaredColumnPlansLikePlanAndValidate_AndJsonMatchesTheSchema(string stack)
    {
        var validate = TestHost.Run(["validate", "--stack", stack]);
        var plan = TestHost.Run(["plan", "--stack", stack]);
        var run = TestHost.Run(["portability", "--stack", stack, "--json"]);
        var json = Json(run);

        Assert.Equal((0, 0), (validate.ExitCode, plan.ExitCode));
        Assert.Empty(JsonSchemas.Violations("portability.schema.json", run.Stdout));
        var deployment = Assert.Single(json.GetProperty("deployments").EnumerateArray());
        var declared = Assert.Single(deployment.GetProperty("targets").EnumerateArray(), t => t.GetProperty("declared").GetBoolean());
        Assert.Equal(deployment.GetProperty("declaredTarget").GetString(), declared.GetProperty("target").GetString());
        Assert.Contains($"fraud-scorer -> {declared.GetProperty("displayName").GetString()}\n", plan.Stdout, StringComparison.Ordinal);
        Assert.True(declared.GetProperty("valid").GetBoolean());

        // Every cell of the declared target is what plan notes say: each approximation plan prints is in a cell, and a
        // cell's text is made of plan notes only (or says that no note covers its concept).
        var notes = PlanNotes(plan.Stdout);
        var cells = declared.GetProperty("cells").EnumerateArray().Select(c => (Concept: c.GetProperty("concept").GetString()!, Status: c.GetProperty("status").GetString()!, Text: c.GetProperty("text").GetString()!)).ToList();
        Assert.DoesNotContain(cells, c => c.Status is "impossible" or "notEvaluated");
        Assert.All(notes.Where(n => n.Fidelity == "approx"), n => Assert.Contains(cells, c => c.Status == "approximated" && c.Text.Contains($"{n.Concept}: {n.Text}", StringComparison.Ordinal)));
        foreach (var cell in cells.Where(c => c.Status == "approximated" || (c.Status == "native" && c.Concept != "other" && !c.Text.StartsWith("accepted by validation", StringComparison.Ordinal))))
        {
            var rest = notes.OrderByDescending(n => n.Concept.Length + n.Text.Length).Aggregate(cell.Text, (t, n) => t.Replace($"{n.Concept}: {n.Text}", string.Empty, StringComparison.Ordinal));
            Assert.True(rest.Replace("; ", string.Empty, StringComparison.Ordinal).Length == 0, $"{cell.Concept}: '{rest}' is not a plan note of {stack}");
        }
    }

    [Fact]
    public void Portability_DeploymentThatCannotGoEverywhere_EveryColumnReportsExactlyWhatValidatePrintsOnAStackOfThatTarget()
    {
        // One deployment, the same on every stack but for its target: scale to zero, a Secret Manager secret, a canary.
        var matrix = Json(TestHost.Run(["portability", "--stack", "cloud-run", "--json"], define: Portable));
        var columns = Assert.Single(matrix.GetProperty("deployments").EnumerateArray()).GetProperty("targets").EnumerateArray().ToList();
        var compared = new List<string>();

        // The example stacks of the same (development) profile, each selecting its target by config.
        foreach (var stack in TestHost.ExampleStacks.Where(s => File.ReadAllText(Repo.PathOf("stacks", $"Pulumi.{s}.yaml")).Contains("ml-platform:profile: development\n", StringComparison.Ordinal)))
        {
            var declared = Json(TestHost.Run(["portability", "--stack", stack, "--json"])).GetProperty("deployments")[0].GetProperty("declaredTarget").GetString();
            var column = columns.Single(c => c.GetProperty("target").GetString() == declared);
            var validate = TestHost.Run(["validate", "--stack", stack], define: Portable);
            var printed = validate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
            var problems = column.GetProperty("problems").EnumerateArray().Select(Line).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(problems.Count == 0 ? 0 : 2, validate.ExitCode);
            Assert.Equal(printed, problems);
            foreach (var cell in column.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("status").GetString() == "impossible"))
            {
                Assert.All(cell.GetProperty("diagnostics").EnumerateArray(), d => Assert.Contains(Line(d), printed));
            }

            compared.Add(declared!);
        }

        // Every registered target was compared through a stack that selects it; scale to zero is native where the
        // target's record allows it and refused with the capability validator's message elsewhere.
        Assert.Equal(RegisteredTargets.Order(StringComparer.Ordinal), compared.Distinct().Order(StringComparer.Ordinal));
        var scaleToZero = columns.ToDictionary(c => c.GetProperty("target").GetString()!, c => Cell(c, "scaleToZero"));
        Assert.Equal("native", scaleToZero["CloudRun"].GetProperty("status").GetString());
        Assert.Equal("impossible", scaleToZero["Fargate"].GetProperty("status").GetString());
        Assert.Equal("deployments[fraud-scorer].scaling.min", scaleToZero["Fargate"].GetProperty("diagnostics")[0].GetProperty("path").GetString());
        Assert.Equal("impossible", Cell(columns.Single(c => c.GetProperty("target").GetString() == "Eks"), "secrets").GetProperty("status").GetString());
    }

    public static TheoryData<string, string> Scenarios => new()
    {
        // Production: an existing ECR image (the promoted release), sampled capture, digest-pinned loaders required.
        { "prod", "declared" },
        // One L4 GPU on a GKE cluster, which no serverless container target and no AWS target offers.
        { "gke", "gpu" },
        // Scale to zero, a Secret Manager secret and a canary, on Cloud Run.
        { "cloud-run", "portable" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Portability_EveryColumn_IsExactlyWhatValidatePrintsWithTheDeploymentMovedToThatTarget(string stack, string scenario)
    {
        var define = Scenario(scenario);
        var columns = Assert.Single(Json(TestHost.Run(["portability", "--stack", stack, "--json"], define: define)).GetProperty("deployments").EnumerateArray()).GetProperty("targets").EnumerateArray().ToList();

        foreach (var planner in new[] { AwsTargets.All, AzureTargets.All, GcpTargets.All }.SelectMany(p => p.Planners))
        {
            // The host's own validate, on the same stack config, with the deployment's target replaced.
            var validate = TestHost.Run(["validate", "--stack", stack], define: s => Modify(define(s), d => d with { Target = planner.PortableTarget(d) }));
            var column = columns.Single(c => c.GetProperty("target").GetString() == PortabilityAnalysis.ShortName(planner.TargetType));
            var problems = column.GetProperty("problems").EnumerateArray().Select(Line).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(problems.Count == 0 ? 0 : 2, validate.ExitCode);
            Assert.Equal(validate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), problems);
            Assert.Equal(problems.Count, column.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("diagnostics").GetArrayLength()));
        }
    }

    [Fact]
    public void Portability_TextMatrix_NamesEachImpossibleCellsDiagnostic_AndWhatWasNotEvaluated()
    {
        var text = TestHost.Run(["portability", "--stack", "cloud-run"], define: Portable).Stdout;
        var json = Json(TestHost.Run(["portability", "--stack", "cloud-run", "--json"], define: Portable));

        foreach (var column in json.GetProperty("deployments")[0].GetProperty("targets").EnumerateArray())
        {
            Assert.All(column.GetProperty("problems").EnumerateArray(), p => Assert.Matches($"  IMPOSSIBLE  {System.Text.RegularExpressions.Regex.Escape(Line(p)["error: ".Length..])}\n", text));
            var unevaluated = column.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("status").GetString() == "notEvaluated")
                .Select(c => PortabilityConcepts.Title(Enum.Parse<PortabilityConcept>(c.GetProperty("concept").GetString()!, ignoreCase: true))).ToList();
            // A refused target claims nothing it did not plan: no cell of it is native or approximated.
            var statuses = column.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ToList();
            Assert.True(column.GetProperty("valid").GetBoolean()
                ? unevaluated.Count == 0 && !statuses.Contains("impossible")
                : !statuses.Contains("native") && !statuses.Contains("approximated"));
            if (unevaluated.Count > 0)
            {
                Assert.Contains($"\n  not planned, so unevaluated: {string.Join(", ", unevaluated)}\n", text, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("nope", "stacks/Pulumi.nope.yaml")]
    [InlineData("../prod", "error: --stack ../prod: is not a valid stack name")]
    public void Portability_BadInput_ExitsTwo_PrintsNothing(string stack, string expected)
    {
        var run = TestHost.Run(["portability", "--stack", stack, "--json"]);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Portability_InvalidDeclaredTarget_IsRefusedLikeValidate_NotReportedAsAMatrix()
    {
        var run = TestHost.Run(["portability", "--stack", "fargate"], define: Portable);
        var validate = TestHost.Run(["validate", "--stack", "fargate"], define: Portable);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal(validate.Stderr, run.Stderr);
    }

    private static Func<StackContext, Platform> Scenario(string name) => name switch
    {
        "gpu" => s => Modify(ModelPlatform.Define(s), d => d with { Compute = new Compute { Cpu = 4, MemoryGiB = 16, Gpu = new Gpu(1, GpuKind.L4) } }),
        "portable" => Portable,
        _ => ModelPlatform.Define,
    };

    private static Platform Modify(Platform platform, Func<ModelDeployment, ModelDeployment> change) =>
        platform with { Deployments = [.. platform.Deployments.Select(change)] };

    /// <summary>The example deployment with every cloud-neutral setting fixed, so stacks differ only in their target.</summary>
    private static Platform Portable(StackContext stack)
    {
        var d = ModelPlatform.Define(stack).Deployments.Single();
        return new Platform
        {
            Deployments =
            [
                d with
                {
                    Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
                    Scaling = new Scaling { Min = 0, Max = 3, Metric = ScalingMetric.Concurrency, Target = 8 },
                    Monitoring = d.Monitoring with { LogRetentionDays = 30, DataCapturePercent = 0, NotificationEmail = "ml-alerts@example.com" },
                    Network = new Network(),
                    Rollout = new Rollout { Strategy = RolloutStrategy.Canary, TrafficPercent = 10, BakeTime = TimeSpan.FromMinutes(5) },
                    Serving = d.Serving with { StartupTimeout = TimeSpan.FromMinutes(5) },
                    Secrets = [new SecretReference("API_TOKEN", SecretSource.Store("projects/acme-ml-staging/secrets/api-token"))],
                },
            ],
        };
    }

    private static JsonElement Cell(JsonElement column, string concept) =>
        column.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("concept").GetString() == concept);

    private static string Line(JsonElement d) =>
        d.TryGetProperty("hint", out var hint)
            ? $"error: {d.GetProperty("path").GetString()}: {d.GetProperty("message").GetString()} ({hint.GetString()})"
            : $"error: {d.GetProperty("path").GetString()}: {d.GetProperty("message").GetString()}";

    private static JsonElement Json(HostRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    /// <summary>The notes <c>plan</c> prints under the deployment: <c>  concept  native|approx  text</c>.</summary>
    private static List<(string Concept, string Fidelity, string Text)> PlanNotes(string plan)
    {
        var block = plan[plan.IndexOf("\nfraud-scorer -> ", StringComparison.Ordinal)..];
        block = block[(block.IndexOf('\n', 1) + 1)..block.IndexOf("\n\n", StringComparison.Ordinal)];
        return [.. block.Split('\n').Select(l => NoteLine().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value))];
    }

    [GeneratedRegex(@"^  (\S.*?) +(native|approx)  (.+)$")]
    private static partial Regex NoteLine();
}
