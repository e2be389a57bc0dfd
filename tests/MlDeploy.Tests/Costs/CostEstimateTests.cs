using System.Text.Json.Nodes;
using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Costs;
using MlDeploy.Gcp;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Costs;

/// <summary>The <c>cost</c> verb and the plan's cost line (decision 44): figures from the price table, unknowns never as zero.</summary>
public class CostEstimateTests
{
    private static readonly TargetPack[] s_packs = [AwsTargets.All, AzureTargets.All, GcpTargets.All];

    private static readonly IReadOnlyList<(string Name, Func<ModelDeployment> Deployment, Func<ModelDeployment, Synthesis> Synthesize)> s_cases = RepresentativeDeployments.All;

    public static TheoryData<string> Cases => [.. s_cases.Select(c => c.Name)];

    public static TheoryData<string> ExampleStacks => [.. TestHost.ExampleStacks];

    [Fact]
    public void Packs_RegisterACostModelForEveryPlannersTarget()
    {
        foreach (var pack in s_packs)
        {
            var modelled = pack.CostModels.Select(m => m.TargetType).ToHashSet();
            Assert.All(pack.Planners, p => Assert.Contains(p.TargetType, modelled));
        }

        var covered = s_cases.Select(c => c.Deployment().Target.GetType()).ToHashSet();
        Assert.All(SampleDeployments.Synthesizer().Planners, p => Assert.Contains(p.TargetType, covered));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimate_EveryTarget_ReportsReplicasAndOnlyPricedUnknownOrUnattributedLines(string name)
    {
        var (_, deployment, synthesize) = s_cases.Single(c => c.Name == name);
        var d = deployment();
        var s = synthesize(d);

        var cost = CostEstimator.Estimate(Platform(d), s.Graph, s_packs, PriceTable.Default, k => k == "aws:region" ? "eu-west-1" : null, Repo.Root);

        var estimate = Assert.Single(cost.Deployments);
        Assert.Equal(d.Name, estimate.Deployment);
        Assert.InRange(estimate.MinReplicas, 0, estimate.MaxReplicas);
        Assert.NotEmpty(estimate.Lines);
        Assert.All(estimate.Lines, l => Assert.True(
            (l.Price is not null && l.Unknown is null) || (l.Price is null && !string.IsNullOrWhiteSpace(l.Unknown ?? l.Item.Reason)),
            $"{l.Item.What}: neither priced nor explained"));
        Assert.Contains(estimate.Lines, l => l.Item.What.Contains("logging", StringComparison.OrdinalIgnoreCase) || l.Item.What.Contains("Logs", StringComparison.Ordinal) || l.Item.What.Contains("Log Analytics", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_TargetWithoutACostModel_IsADefectNotAZero()
    {
        var d = SampleDeployments.CpuEndpoint();
        var s = RepresentativeDeployments.Get("sagemaker").Synthesize(d);

        var e = Assert.Throws<InvalidOperationException>(() => CostEstimator.Estimate(Platform(d), s.Graph, [AwsTargets.All with { CostModels = [] }], PriceTable.Default, _ => "eu-west-1", Repo.Root));

        Assert.Contains("no cost model is registered for SageMakerTarget", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_FargateExample_MatchesAHandCalculationFromThePriceTable()
    {
        // The rows the calculation assumes: Linux/x86 Fargate, the ALB hour and S3 Standard in eu-west-1.
        AssertRow("aws", "fargate", "linux-x86-vcpu", "eu-west-1", 0.04048m, "vCPU-hour");
        AssertRow("aws", "fargate", "linux-x86-memory", "eu-west-1", 0.004445m, "GB-hour");
        AssertRow("aws", "elb", "application-load-balancer", "eu-west-1", 0.0252m, "hour");
        AssertRow("aws", "s3", "standard-storage", "eu-west-1", 0.023m, "GB-month");

        // stacks/Pulumi.fargate.yaml: 1 vCPU and 3 GB per task (task cpu 1024, memory 3072), 1 to 3 tasks, 730 hours; one
        // load balancer of its own whatever the task count; the 232-byte model the SDK uploads stored for the month.
        var storage = Math.Round(232m / (1024m * 1024m * 1024m) * 0.023m, 2);
        var atMin = Math.Round(1 * 1 * 0.04048m * 730, 2) + Math.Round(1 * 3 * 0.004445m * 730, 2) + Math.Round(730 * 0.0252m, 2) + storage;
        var atMax = Math.Round(3 * 1 * 0.04048m * 730, 2) + Math.Round(3 * 3 * 0.004445m * 730, 2) + Math.Round(730 * 0.0252m, 2) + storage;
        Assert.Equal((0.00m, 57.68m, 136.25m), (storage, atMin, atMax));

        var run = TestHost.Run(["cost", "--stack", "fargate"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Matches(@"\n  Fargate vCPU \(1 per task\) +29\.55 +88\.65 +730-2190 vCPU-hour x 0\.04048 \(read ", run.Stdout);
        Assert.Matches(@"\n  Fargate memory \(3 GB per task\) +9\.73 +29\.20 +2190-6570 GB-hour x 0\.004445 \(read ", run.Stdout);
        Assert.Matches(@"\n  Application Load Balancer +18\.40 +18\.40 +730-730 hour x 0\.0252 \(read ", run.Stdout);
        Assert.Contains(FormattableString.Invariant($"  total: {atMin:0.00} at 1 replica - {atMax:0.00} at 3, + unknown: load balancer capacity units (LCU); CloudWatch Logs ingestion and storage (14 days' retention)\n"), run.Stdout, StringComparison.Ordinal);
        var d = CostJson("fargate");
        Assert.Equal((atMin, atMax), ((decimal)d["knownAtMin"]!, (decimal)d["knownAtMax"]!));
        Assert.Equal(new[] { "load balancer capacity units (LCU)", "CloudWatch Logs ingestion and storage (14 days' retention)" }, Unknown(d));
    }

    [Fact]
    public void Estimate_CloudRunWithInstanceBasedBilling_MatchesAHandCalculationFromThePriceTable()
    {
        // The rows the calculation assumes: Cloud Run instance-based billing ("CPU always allocated") in europe-west4, Tier 1.
        var vcpu = PriceTable.Default.Find(new PriceKey("gcp", "cloud-run", "instance-based-vcpu", "europe-west4"));
        var memory = PriceTable.Default.Find(new PriceKey("gcp", "cloud-run", "instance-based-memory", "europe-west4"));
        Assert.Equal((0.000018m, "vCPU-second"), (vcpu!.Price, vcpu.Unit));
        Assert.Equal((0.000002m, "GiB-second"), (memory!.Price, memory.Unit));

        // 2 vCPU and 4 GiB per instance, 2 to 5 instances (production asks for at least two), billed for the whole 730-hour month (730 * 3600 seconds).
        var d = Gcp.CloudRunSamples.Internal(EnvironmentProfile.Production) with
        {
            Target = Gcp.CloudRunSamples.Target(EnvironmentProfile.Production) with { CpuAlwaysAllocated = true },
            Scaling = new Scaling { Min = 2, Max = 5, Metric = ScalingMetric.Concurrency, Target = 8 },
        };
        var s = Gcp.CloudRunSamples.Synthesize(d, EnvironmentProfile.Production);

        var cost = CostEstimator.Estimate(Platform(d), s.Graph, s_packs, PriceTable.Default, _ => null, Repo.Root);

        var lines = Assert.Single(cost.Deployments).Lines;
        var cpuLine = Assert.Single(lines, l => l.Item.What.StartsWith("instance vCPU, instance-based billing", StringComparison.Ordinal));
        var memoryLine = Assert.Single(lines, l => l.Item.What.StartsWith("instance memory, instance-based billing", StringComparison.Ordinal));
        Assert.Equal((Math.Round(2 * 2 * 0.000018m * 730 * 3600, 2), Math.Round(5 * 2 * 0.000018m * 730 * 3600, 2)), (cpuLine.AtMin, cpuLine.AtMax));
        Assert.Equal((189.22m, 473.04m), (cpuLine.AtMin!.Value, cpuLine.AtMax!.Value));
        Assert.Equal((Math.Round(2 * 4 * 0.000002m * 730 * 3600, 2), Math.Round(5 * 4 * 0.000002m * 730 * 3600, 2)), (memoryLine.AtMin, memoryLine.AtMax));
        Assert.Equal((42.05m, 105.12m), (memoryLine.AtMin!.Value, memoryLine.AtMax!.Value));
        Assert.Contains(lines, l => l.Item.What == "requests" && l.Price is null);
    }

    [Fact]
    public void Cost_CloudRunExample_WithRequestBasedBillingKeepsInstanceTimeUnknown()
    {
        // stacks/Pulumi.cloud-run.yaml does not ask for CPU always allocated: the planner emits cpuIdle: true
        // (request-based billing), whose minimum instances are billed at an idle rate the price table does not hold.
        var run = TestHost.Run(["cost", "--stack", "cloud-run"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Matches(@"\n  instance vCPU- and GiB-seconds \(2 vCPU, 4Gi each; 1 always present\) +unknown +unknown +traffic-dependent: with request-based billing", run.Stdout);
        Assert.DoesNotContain("instance-based billing (", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_ProdExample_MatchesAHandCalculationFromThePriceTable()
    {
        // The rows the calculation assumes: SageMaker real-time hosting on ml.m5.xlarge and S3 Standard, both in eu-west-1.
        AssertRow("aws", "sagemaker", "hosting-ml.m5.xlarge", "eu-west-1", 0.257m, "instance-hour");
        AssertRow("aws", "s3", "standard-storage", "eu-west-1", 0.023m, "GB-month");

        // stacks/Pulumi.prod.yaml: instanceType ml.m5.xlarge, minReplicas 2, maxReplicas 6, for 730 hours; the 232-byte
        // model stored for the month. Capture (20 %) and logs depend on traffic.
        var storage = Math.Round(232m / (1024m * 1024m * 1024m) * 0.023m, 2);
        var atMin = Math.Round(2 * 730 * 0.257m, 2) + storage;
        var atMax = Math.Round(6 * 730 * 0.257m, 2) + storage;
        Assert.Equal((375.22m, 1125.66m), (atMin, atMax));

        var d = CostJson("prod");

        Assert.Equal((2, 6), ((int)d["minReplicas"]!, (int)d["maxReplicas"]!));
        Assert.Equal((atMin, atMax), ((decimal)d["knownAtMin"]!, (decimal)d["knownAtMax"]!));
        var instances = Line(d, "ml.m5.xlarge instances");
        Assert.Equal(("priced", 1460m, 4380m, 0.257m), ((string)instances["status"]!, (decimal)instances["quantityAtMin"]!, (decimal)instances["quantityAtMax"]!, (decimal)instances["unitPrice"]!));
        Assert.Equal((storage, storage), ((decimal)Line(d, "model artifact storage (232 bytes)")["atMin"]!, (decimal)Line(d, "model artifact storage (232 bytes)")["atMax"]!));
        Assert.Equal(new[] { "data capture storage in S3 (20 % of requests)", "CloudWatch Logs ingestion and storage (90 days' retention)" }, Unknown(d));
        Assert.All(d["lines"]!.AsArray().Where(l => (string?)l!["status"] == "unknown"), l => Assert.Null(l!["atMin"]));
    }

    [Fact]
    public void Cost_StagingExample_ShowsTheUnpricedInstanceTypeAsUnknownNeverAsZero()
    {
        // No source for SageMaker hosting on ml.m5.large in eu-west-1 could be read (see prices.tsv): the line stays unknown.
        Assert.Null(PriceTable.Default.Find(new PriceKey("aws", "sagemaker", "hosting-ml.m5.large", "eu-west-1")));
        AssertRow("aws", "s3", "standard-storage", "eu-west-1", 0.023m, "GB-month");

        var run = TestHost.Run(["cost", "--stack", "staging"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Contains("fraud-scorer -> SageMaker real-time endpoint in eu-west-1, 1-2 replicas\n", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  ml\.m5\.large instances +unknown +unknown +no price for aws/sagemaker/hosting-ml\.m5\.large in eu-west-1 in the price table\n", run.Stdout);
        Assert.Matches(@"\n  data capture storage in S3 \(100 % of requests\) +unknown +unknown +traffic-dependent", run.Stdout);
        Assert.Contains("  total: 0.00 at 1 replica - 0.00 at 2, + unknown: ml.m5.large instances;", run.Stdout, StringComparison.Ordinal);
        var d = CostJson("staging");
        var instances = Line(d, "ml.m5.large instances");
        Assert.Equal("unknown", (string?)instances["status"]);
        Assert.Null(instances["atMin"]);
        Assert.Null(instances["atMax"]);
        Assert.Contains("ml.m5.large instances", Unknown(d));
    }

    [Fact]
    public void Cost_AzureMlExample_MatchesAHandCalculationFromThePriceTable()
    {
        // The row the calculation assumes: a managed online endpoint instance of Standard_DS3_v2 in westeurope, per hour.
        AssertRow("azure", "machine-learning", "managed-online-Standard_DS3_v2", "westeurope", 0.272m, "instance-hour");
        Assert.Null(PriceTable.Default.Find(new PriceKey("azure", "blob-storage", "hot-lrs", "westeurope")));

        // stacks/Pulumi.azure-ml.yaml: instanceType Standard_DS3_v2, minReplicas 1, maxReplicas 3, for 730 hours.
        var atMin = Math.Round(1 * 730 * 0.272m, 2);
        var atMax = Math.Round(3 * 730 * 0.272m, 2);
        Assert.Equal((198.56m, 595.68m), (atMin, atMax));

        var d = CostJson("azure-ml");

        Assert.Equal((1, 3), ((int)d["minReplicas"]!, (int)d["maxReplicas"]!));
        Assert.Equal((atMin, atMax), ((decimal)d["knownAtMin"]!, (decimal)d["knownAtMax"]!));
        var instances = Line(d, "Standard_DS3_v2 instances");
        Assert.Equal(("priced", 730m, 2190m), ((string)instances["status"]!, (decimal)instances["quantityAtMin"]!, (decimal)instances["quantityAtMax"]!));
        var storage = Line(d, "model artifact storage (232 bytes)");
        Assert.Equal("unknown", (string?)storage["status"]);
        Assert.Null(storage["atMin"]);
        Assert.Contains("model artifact storage (232 bytes)", Unknown(d));
    }

    [Theory]
    [InlineData("eks", "aws", "s3", "standard-storage", "eu-west-1", 0.023)]
    [InlineData("gke", "gcp", "cloud-storage", "standard", "europe-west4", 0.02)]
    [InlineData("cloud-run", "gcp", "cloud-storage", "standard", "europe-west4", 0.02)]
    [InlineData("vertex", "gcp", "cloud-storage", "standard", "europe-west4", 0.02)]
    public void Cost_ExampleWhoseOnlyPricedPartIsTheModelStorage_MatchesAHandCalculation(string stack, string cloud, string service, string sku, string region, double price)
    {
        AssertRow(cloud, service, sku, region, (decimal)price, "GB-month");

        // Every example stack uploads the same 232-byte model (examples/model-server/model), stored for the month: less
        // than a cent. Nodes of an existing cluster are not attributed; everything else is traffic-dependent or unpriced.
        var storage = Math.Round(232m / (1024m * 1024m * 1024m) * (decimal)price, 2);
        Assert.Equal(0.00m, storage);

        var d = CostJson(stack);

        Assert.Equal((storage, storage), ((decimal)d["knownAtMin"]!, (decimal)d["knownAtMax"]!));
        var line = Line(d, "model artifact storage (232 bytes)");
        Assert.Equal(("priced", (decimal)price), ((string)line["status"]!, (decimal)line["unitPrice"]!));
        Assert.All(d["lines"]!.AsArray().Where(l => l != line), l => Assert.NotEqual("priced", (string?)l!["status"]));
        Assert.NotEmpty(Unknown(d));
        if (stack == "vertex")
        {
            // No source for Vertex AI prediction nodes in europe-west4 could be read: unknown, not zero.
            Assert.Null(PriceTable.Default.Find(new PriceKey("gcp", "vertex-ai", "prediction-n1-standard-4", "europe-west4")));
            Assert.Equal("unknown", (string?)Line(d, "n1-standard-4 prediction nodes")["status"]);
            Assert.Contains("n1-standard-4 prediction nodes", Unknown(d));
        }
    }

    [Theory]
    [InlineData("aks")]
    [InlineData("container-apps")]
    public void Cost_AzureExampleWithoutAPricedPart_ShowsEveryPartUnknownOrUnattributed(string stack)
    {
        // No Blob Storage hot LRS price for westeurope could be read in a form that names its tier (see prices.tsv).
        Assert.Null(PriceTable.Default.Find(new PriceKey("azure", "blob-storage", "hot-lrs", "westeurope")));

        var run = TestHost.Run(["cost", "--stack", stack]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Contains("  total: no known part, + unknown: ", run.Stdout, StringComparison.Ordinal);
        var d = CostJson(stack);
        Assert.All(d["lines"]!.AsArray(), l => Assert.NotEqual("priced", (string?)l!["status"]));
        Assert.Contains("model artifact storage (232 bytes)", Unknown(d));
    }

    [Theory]
    [MemberData(nameof(ExampleStacks))]
    public void Cost_EveryExampleStack_IsLabelledAnEstimateWithItsPriceDatesAndCurrency(string stack)
    {
        var run = TestHost.Run(["cost", "--stack", stack]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.StartsWith($"Cost estimate for stack {stack} (USD per month of 730 hours, on-demand list prices read {PriceTable.Default.ReadFrom:yyyy-MM-dd}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("an estimate, not a quote", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  total: ", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(run.Stdout, TestHost.Run(["cost", "--stack", stack]).Stdout);
    }

    [Fact]
    public void Cost_UnknownStack_Exits2WithNothingOnStdout()
    {
        var run = TestHost.Run(["cost", "--stack", "qa"]);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Contains("there is no config file stacks/Pulumi.qa.yaml", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ShowsEachDeploymentsCostLine()
    {
        var run = TestHost.Run(["plan", "--stack", "fargate"]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        var lines = run.Stdout.Split('\n');
        var header = Array.IndexOf(lines, "fraud-scorer -> ECS on Fargate");
        Assert.StartsWith("  cost (estimate, USD/month): 57.68 at 1 replica - 136.25 at 3, + unknown: load balancer capacity units (LCU);", lines[header + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void PriceTable_EveryRow_HasAnHttpsSourceADateAndANote()
    {
        var rows = PriceTable.Default.Rows;

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.StartsWith("https://", r.Source, StringComparison.Ordinal);
            Assert.InRange(r.Read, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
            Assert.Equal("USD", r.Currency);
            Assert.True(r.Price > 0);
            Assert.False(string.IsNullOrWhiteSpace(r.Note));
            // The header comment's rule: every note says how its figure was read.
            Assert.True(
                r.Note.StartsWith("Provider data: ", StringComparison.Ordinal) || r.Note.StartsWith("UNVERIFIED", StringComparison.Ordinal) || r.Note.StartsWith("Read on the provider's page", StringComparison.Ordinal),
                $"{r.Key}: the note does not say how the price was read");
            Assert.True(!r.Note.StartsWith("Provider data: ", StringComparison.Ordinal) || r.Source.StartsWith("https://github.com/", StringComparison.Ordinal), $"{r.Key}: provider data is named by the repository file it was read in");
        });
    }

    [Theory]
    [InlineData("aws\tfargate\tx\thour\teu-west-1\t0\tUSD\t2026-11-28\thttps://example.com/p\tn", "is not a positive number")]
    [InlineData("aws\tfargate\tx\thour\teu-west-1\t0.1\tUSD\t2026-11-28\t\tn", "is not an https URL")]
    [InlineData("aws\tfargate\tx\thour\teu-west-1\t0.1\tUSD\tlast week\thttps://example.com/p\tn", "is not yyyy-MM-dd")]
    [InlineData("aws\tfargate\tx\thour\teu-west-1\t0.1\tEUR\t2026-11-28\thttps://example.com/p\tn", "is not USD")]
    public void PriceTable_Parse_RefusesARowWithoutAPriceSourceDateOrUsd(string row, string message)
    {
        var text = "cloud\tservice\tsku\tunit\tregion\tprice\tcurrency\tread\tsource\tnote\n" + row + "\n";

        var e = Assert.Throws<InvalidInputException>(() => PriceTable.Parse(text, "prices.tsv"));

        Assert.Contains(e.Diagnostics, d => d.Path == "prices.tsv:2" && d.Message.Contains(message, StringComparison.Ordinal));
    }

    private static Platform Platform(ModelDeployment d) => SampleDeployments.Platform(EnvironmentProfile.Production, d);

    private static void AssertRow(string cloud, string service, string sku, string region, decimal price, string unit)
    {
        var row = PriceTable.Default.Find(new PriceKey(cloud, service, sku, region));
        Assert.True(row is not null, $"no row for {cloud}/{service}/{sku} in {region}");
        Assert.Equal((price, unit, "USD"), (row.Price, row.Unit, row.Currency));
    }

    // The stack's one deployment as `cost --stack <s> --json` reports it (docs/schemas/cost.schema.json).
    private static JsonNode CostJson(string stack)
    {
        var run = TestHost.Run(["cost", "--stack", stack, "--json"]);
        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        return Assert.Single(JsonNode.Parse(run.Stdout)!["deployments"]!.AsArray())!;
    }

    private static JsonNode Line(JsonNode deployment, string what) => Assert.Single(deployment["lines"]!.AsArray(), l => (string?)l!["what"] == what)!;

    private static List<string> Unknown(JsonNode deployment) => [.. deployment["unknown"]!.AsArray().Select(u => (string)u!)];

}
