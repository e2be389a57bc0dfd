using System.Text.Json;
using System.Text.Json.Nodes;
using MlDeploy.Hosting;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Reports;

/// <summary>
/// The forms a report takes (decision 45): tables on a terminal, plain aligned text when redirected, JSON that conforms
/// to its documented schema with <c>--json</c>, and progress on a terminal's standard error only.
/// </summary>
public class ReadableOutputTests
{
    private static readonly Dictionary<string, string> NoColor = new() { ["NO_COLOR"] = "1" };

    private static Func<HostEnvironment, HostEnvironment> Terminal(int width) => h => h with { TerminalWidth = width };

    [Fact]
    public void Plan_Redirected_IsPlainTextWithoutEscapesOrBorders()
    {
        var run = TestHost.Run(["plan", "--stack", "prod"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain('╭', run.Stdout);
        Assert.DoesNotContain(run.Stdout.Split('\n'), l => l.EndsWith(' '));
    }

    [Fact]
    public void Plan_OnATerminal_DrawsEveryConceptAndResourceInTables()
    {
        var run = TestHost.Run(["plan", "--stack", "prod"], NoColor, configure: Terminal(240));

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Contains("╭", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout);
        var plan = JsonNode.Parse(TestHost.Run(["plan", "--stack", "prod", "--json"]).Stdout)!;
        var section = plan["sections"]!.AsArray().Single(s => (string?)s!["deployment"] == "fraud-scorer")!;
        foreach (var resource in section["resources"]!.AsArray())
        {
            Assert.Matches($@"│ {resource!["name"]} +│ {resource["type"]} +│", run.Stdout);
        }

        foreach (var note in section["notes"]!.AsArray())
        {
            Assert.Matches($@"│ {System.Text.RegularExpressions.Regex.Escape((string)note!["concept"]!)} +│ {((string)note["fidelity"]! == "native" ? "native" : "approx")} +│", run.Stdout);
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    public void Plan_OnATerminal_StaysWithinItsWidth(int width)
    {
        var run = TestHost.Run(["plan", "--stack", "staging"], NoColor, configure: Terminal(width));

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Stdout.Split('\n'), l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
    }

    [Fact]
    public void Plan_OnAColourTerminal_ColoursFidelity_AndNoColorTurnsItOff()
    {
        var colour = TestHost.Run(["plan", "--stack", "prod"], configure: Terminal(200));
        var plain = TestHost.Run(["plan", "--stack", "prod"], NoColor, configure: Terminal(200));

        // Green "native" and yellow "approx" in colour; the same text without escapes under NO_COLOR.
        Assert.Matches("\u001b\\[[0-9;]*32m *native", colour.Stdout);
        Assert.Matches("\u001b\\[[0-9;]*(33|93)m *approx", colour.Stdout);
        Assert.Equal(plain.Stdout, System.Text.RegularExpressions.Regex.Replace(colour.Stdout, "\u001b\\[[0-9;]*m", string.Empty));
    }

    public static TheoryData<string> Stacks() => [.. TestHost.ExampleStacks];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void PlanJson_ConformsToItsSchema_AndListsEveryResourceOfTheProgram(string stack)
    {
        var run = TestHost.Run(["plan", "--stack", stack, "--json"], configure: Terminal(120));

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Empty(JsonSchemas.Violations("plan.schema.json", run.Stdout));
        var plan = JsonNode.Parse(run.Stdout)!;
        var listed = plan["sections"]!.AsArray().SelectMany(s => s!["resources"]!.AsArray()).Select(r => (string)r!["name"]!).ToList();
        var program = TestHost.Run(["synth", "--stack", stack]).Stdout;
        var declared = ProgramResourceNames(program);
        Assert.Equal(declared.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(declared.Count, (int)plan["resourceCount"]!);
        Assert.Equal(run.Stdout, TestHost.Run(["plan", "--stack", stack, "--json"]).Stdout);
    }

    private static List<string> ProgramResourceNames(string program)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(program));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        return [.. ((YamlDotNet.RepresentationModel.YamlMappingNode)root.Children["resources"]).Children.Keys.Select(k => k.ToString())];
    }

    [Theory]
    [InlineData("fidelity", "maybe")]
    [InlineData("kind", "program")]
    public void PlanSchema_RejectsAPlantedDefect(string field, string value)
    {
        var plan = JsonNode.Parse(TestHost.Run(["plan", "--stack", "prod", "--json"]).Stdout)!;
        if (field == "fidelity")
        {
            plan["sections"]![0]!["notes"]![0]!["fidelity"] = value;
        }
        else
        {
            plan[field] = value;
        }

        Assert.NotEmpty(JsonSchemas.Violations("plan.schema.json", plan.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }

    [Fact]
    public void Validate_OnATerminal_ShowsEachStackOnStderr_ThenClearsTheLine()
    {
        var run = TestHost.Run(["validate"], configure: h => h with { StderrIsTerminal = true });

        Assert.Equal(0, run.ExitCode);
        var stacks = TestHost.ExampleStacks;
        for (var i = 0; i < stacks.Count; i++)
        {
            Assert.Contains($"\r\u001b[Ksynthesizing: {stacks[i]} ({i + 1}/{stacks.Count})", run.Stderr, StringComparison.Ordinal);
        }

        Assert.EndsWith("\r\u001b[K", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout);
    }

    [Fact]
    public void Validate_Redirected_PrintsNoProgress()
    {
        var run = TestHost.Run(["validate"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void CostJson_ConformsToItsSchema_AndAgreesWithThePlansSummary(string stack)
    {
        var run = TestHost.Run(["cost", "--stack", stack, "--json"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Empty(JsonSchemas.Violations("cost.schema.json", run.Stdout));
        var cost = JsonNode.Parse(run.Stdout)!;
        var plan = JsonNode.Parse(TestHost.Run(["plan", "--stack", stack, "--json"]).Stdout)!;
        foreach (var d in cost["deployments"]!.AsArray())
        {
            var summary = plan["sections"]!.AsArray().Single(s => (string?)s!["deployment"] == (string?)d!["deployment"])!["cost"]!;
            foreach (var field in new[] { "minReplicas", "maxReplicas", "knownAtMin", "knownAtMax", "unknown" })
            {
                Assert.Equal(d![field]?.ToJsonString(), summary[field]?.ToJsonString());
            }

            // An unknown part carries a reason and no amount; the totals add only priced lines.
            var lines = d!["lines"]!.AsArray();
            Assert.All(lines.Where(l => (string?)l!["status"] != "priced"), l => Assert.Null(l!["atMin"]));
            var priced = lines.Where(l => (string?)l!["status"] == "priced").ToList();
            if (priced.Count > 0)
            {
                Assert.Equal(priced.Sum(l => (decimal)l!["atMin"]!), (decimal)d["knownAtMin"]!);
                Assert.Equal(priced.Sum(l => (decimal)l!["atMax"]!), (decimal)d["knownAtMax"]!);
            }
        }
    }

    [Fact]
    public void CostSchema_RejectsAnUnknownPartCountedAsZero()
    {
        var cost = JsonNode.Parse(TestHost.Run(["cost", "--stack", "prod", "--json"]).Stdout)!;
        var unknown = cost["deployments"]![0]!["lines"]!.AsArray().First(l => (string?)l!["status"] == "unknown")!;
        unknown["atMin"] = 0;

        Assert.NotEmpty(JsonSchemas.Violations("cost.schema.json", cost.ToJsonString()));
    }

    [Fact]
    public void Cost_OnATerminal_DrawsOneRowPerPartWithItsAmountsOrWhyNot()
    {
        var run = TestHost.Run(["cost", "--stack", "fargate"], NoColor, configure: Terminal(400));
        var cost = JsonNode.Parse(TestHost.Run(["cost", "--stack", "fargate", "--json"]).Stdout)!;

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        foreach (var line in cost["deployments"]![0]!["lines"]!.AsArray())
        {
            var amounts = (string?)line!["status"] switch
            {
                "priced" => FormattableString.Invariant($"{(decimal)line["atMin"]!:0.00} +│ {(decimal)line["atMax"]!:0.00}"),
                "unknown" => "unknown +│ unknown",
                _ => "- +│ -",
            };
            Assert.Matches($@"│ {System.Text.RegularExpressions.Regex.Escape((string)line["what"]!)} +│ {amounts} +│", run.Stdout);
        }
    }

    [Fact]
    public void Portability_OnAColourTerminal_DrawsTheMatrixWithImpossibleInRed()
    {
        var run = TestHost.Run(["portability", "--stack", "prod"], configure: Terminal(200));
        var json = JsonNode.Parse(TestHost.Run(["portability", "--stack", "prod", "--json"]).Stdout)!;

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Empty(JsonSchemas.Violations("portability.schema.json", json.ToJsonString()));
        Assert.Contains("╭", run.Stdout, StringComparison.Ordinal);
        Assert.Matches("\u001b\\[[0-9;]*(31|91)m *IMPOSSIBLE", run.Stdout);
        foreach (var target in json["deployments"]![0]!["targets"]!.AsArray())
        {
            Assert.Contains((string)target!["target"]!, run.Stdout, StringComparison.Ordinal);
        }
    }
}
