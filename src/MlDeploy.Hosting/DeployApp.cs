using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using MlDeploy.Costs;
using MlDeploy.Graph;
using MlDeploy.Hosting.Graphs;
using MlDeploy.Hosting.Pipelines;
using MlDeploy.Hosting.Portability;
using MlDeploy.Hosting.Promotion;
using MlDeploy.Hosting.Reports;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Portability;
using MlDeploy.Targets;
using MlDeploy.Validation;
using MlDeploy.Writers;

namespace MlDeploy.Hosting;

/// <summary>
/// The one call a stack program's <c>Program.cs</c> makes: <c>return DeployApp.Run(args, MyPlatform.Define);</c>.
/// </summary>
/// <remarks>
/// <c>compile</c> is the verb Pulumi's YAML runtime runs (see Pulumi.yaml): with PULUMI_STACK set it prints that
/// stack's program; without it (Pulumi's plugin discovery) it prints the union of every stack's program. The other
/// verbs are for people and CI: <c>synth</c>, <c>plan</c>, <c>validate</c>, and <c>verify</c> after <c>pulumi up</c>.
/// </remarks>
public static class DeployApp
{
    /// <summary>The characters stdout buffers before one write to the console.</summary>
    private const int StdoutBufferCharacters = 16 * 1024;

    /// <summary>Runs the stack program with the process's arguments, environment, console and working folder.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="define">Builds the platform for one stack from its config.</param>
    /// <param name="packs">The target packs the platform uses, e.g. <c>AwsTargets.All</c>.</param>
    /// <returns>The exit code (0 ok, 1 internal failure, 2 invalid input, 4 a verify check failed).</returns>
    public static int Run(string[] args, Func<StackContext, Platform> define, params TargetPack[] packs)
    {
        // First, before anything is allocated: what a compile allocates then lands in huge pages, not in 4 KB faults.
        HeapSetAside.AtStart();

        // Started by compile.sh, the published program first checks that it is current; if a source changed, the script
        // republishes and runs the new program, whose exit code this process ends with, having printed nothing itself.
        if (PublishedSources.Check(args, Environment.GetEnvironmentVariable, static () => Console.Error) is { } ending)
        {
            return ending;
        }

        // The console stream is unbuffered: each flush of the writer is one write(2). With StreamWriter's default buffer
        // of 1 024 characters a 100-deployment program (2.3 MB) took 2 270 of them; 16 384 characters (a 48 KB byte
        // buffer, still below the large-object heap) take about 150 (docs/BENCHMARKS.md).
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), StdoutBufferCharacters) { AutoFlush = false, NewLine = "\n" };

        // stderr as a writer over the stream rather than Console.Error, which costs a compile's start-up a few tenths of a
        // millisecond to make (docs/BENCHMARKS.md, stop 19); each line reaches the stream as it is written.
        var stderr = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" });
        var host = new HostEnvironment(args, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), stdout, stderr)
        {
            Stdin = new ConsoleInput(),
            TerminalWidth = Console.IsOutputRedirected ? null : TerminalColumns(),
            StderrIsTerminal = !Console.IsErrorRedirected,
        };
        var exit = Run(host, define, packs, ownsProcess: true);
        stdout.Flush();
        return exit;
    }

    /// <summary>The terminal's width; a terminal that does not say (or a console without one) gets the classic 80.</summary>
    private static int TerminalColumns()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>Runs the stack program against an explicit environment (used by tests and embedding hosts).</summary>
    /// <param name="host">Arguments, environment, working folder and output streams.</param>
    /// <param name="define">Builds the platform for one stack.</param>
    /// <param name="packs">The target packs.</param>
    /// <returns>The exit code.</returns>
    public static int Run(HostEnvironment host, Func<StackContext, Platform> define, IReadOnlyList<TargetPack> packs) =>
        Run(host, define, packs, ownsProcess: false);

    private static int Run(HostEnvironment host, Func<StackContext, Platform> define, IReadOnlyList<TargetPack> packs, bool ownsProcess)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(define);
        ArgumentNullException.ThrowIfNull(packs);
        if (packs.Count == 0)
        {
            throw new ArgumentException("name the target packs the stack program uses, e.g. DeployApp.Run(args, Define, AwsTargets.All).", nameof(packs));
        }

        var app = new App(host, define, new Synthesizer(packs), packs, ownsProcess);
        try
        {
            return app.Invoke();
        }
        catch (InvalidInputException e)
        {
            foreach (var d in e.Diagnostics)
            {
                host.Stderr.WriteLine($"error: {d}");
            }

            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The host is the process boundary: every other failure is reported as an internal error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            host.Stderr.WriteLine($"internal error: {e}");
            return ExitCodes.InternalError;
        }
    }

    private sealed class App(HostEnvironment host, Func<StackContext, Platform> define, Synthesizer synthesizer, IReadOnlyList<TargetPack> packs, bool ownsProcess)
    {
        public int Invoke()
        {
            // Pulumi runs `compile` before every preview: take it straight, without building the parser (its commands,
            // options and resource-backed help texts were about 8 % of a NativeAOT compile run). Everything else,
            // `compile` with further arguments included, goes through the parser.
            if (host.Args is ["compile"])
            {
                return Compile();
            }

            var stackOption = new Option<string>("--stack") { Description = "The stack whose config file (stacks/Pulumi.<stack>.yaml) to use", Required = true };
            var optionalStack = new Option<string?>("--stack") { Description = "Validate only this stack (default: every stack with a config file)" };
            var outOption = new Option<string?>("--out") { Description = "Write <out>/Pulumi.<stack>.program.yaml instead of printing the program" };

            var compile = new Command("compile", "Print the Pulumi YAML program (run by Pulumi's YAML runtime; reads PULUMI_STACK and PULUMI_CONFIG)");
            compile.SetAction(_ => Compile());
            var synth = new Command("synth", "Print or write the Pulumi YAML program for a stack, offline") { stackOption, outOption };
            synth.SetAction(r => Synth(r.GetValue(stackOption)!, r.GetValue(outOption)));
            var jsonOption = new Option<bool>("--json") { Description = "Print JSON for machines instead of tables (schema: docs/schemas/<verb>.schema.json)" };
            var plan = new Command("plan", "Show what each deployment maps to and every resource that would be created") { stackOption, jsonOption };
            plan.SetAction(r => Plan(r.GetValue(stackOption)!, r.GetValue(jsonOption)));
            var validate = new Command("validate", "Check the stack program against every stack's config") { optionalStack };
            validate.SetAction(r => Validate(r.GetValue(optionalStack)));

            var outputsOption = new Option<string>("--outputs") { Description = "What `pulumi stack output --json --show-secrets=false --stack <s>` prints: a file, or - for stdin", Required = true };
            var recordOption = new Option<string?>("--record") { Description = "Also write the checks as JSON for promote (docs/VERIFY.md)" };
            var verify = new Command("verify", "After pulumi up: check each deployment's live state and smoke request (exit 4 when a check fails)") { stackOption, outputsOption, recordOption };
            verify.SetAction(r => !VerifyFeature.IsSupported ? VerifyFeature.Unavailable() : new VerifyVerb(host, packs).Run(r.GetValue(stackOption)!, r.GetValue(outputsOption)!, r.GetValue(recordOption), s =>
            {
                var project = Project;
                var result = Synthesize(project, project.ReadStack(s));
                return (result.Platform, result.Synthesis.Graph);
            }));

            var fromOption = new Option<string>("--from") { Description = "The stack whose release to promote (it ran pulumi up and verify)", Required = true };
            var toOption = new Option<string>("--to") { Description = "The stack whose config file (stacks/Pulumi.<to>.yaml) receives the release", Required = true };
            var promoteOutputs = new Option<string>("--outputs") { Description = "What `pulumi stack output --json --show-secrets=false --stack <from>` prints: a file, or - for stdin", Required = true };
            var verifiedOption = new Option<string?>("--verified") { Description = "The record `verify --record` wrote for the source stack: promote only what passed" };
            var promote = new Command("promote", "Write the source stack's image and model digests into the target stack's config") { fromOption, toOption, promoteOutputs, verifiedOption };
            promote.SetAction(r => new PromoteVerb(host, Project, config => define(new StackContext(config))).Run(r.GetValue(fromOption)!, r.GetValue(toOption)!, r.GetValue(promoteOutputs)!, r.GetValue(verifiedOption)));

            var ci = CiCommand.Create(host, () => Project, p => [.. SynthesizeEvery(p, p.Stacks()).Select(r => new SynthesizedStack(r.Stack, r.Result.Platform, r.Result.Synthesis))]);

            var cost = new Command("cost", "Estimate each deployment's monthly cost at its minimum and maximum replicas from the repository's price table") { stackOption, jsonOption };
            cost.SetAction(r => Cost(r.GetValue(stackOption)!, r.GetValue(jsonOption)));

            var graph = GraphCommand.Create(host, () => Project, (p, s) => Synthesize(p, p.ReadStack(s)).Synthesis.Graph);

            // The stack must synthesize as declared first: an invalid stack is refused, not reported as a matrix.
            var portability = PortabilityCommand.Create(host, s =>
            {
                var project = Project;
                var result = Synthesize(project, project.ReadStack(s));
                return PortabilityAnalysis.Analyze(synthesizer, packs, result.Platform, result.Identity);
            });

            var root = new RootCommand("Synthesize Pulumi programs that deploy ML model servers") { compile, synth, plan, validate, cost, portability, verify, promote, ci, graph };
            var parsed = root.Parse(host.Args);
            if (parsed.Errors.Count > 0)
            {
                throw new InvalidInputException(parsed.Errors.Select(e => new Diagnostic("command line", e.Message, "run with --help to see the commands")));
            }

            // Exceptions must reach DeployApp.Run, which maps them to exit codes 2 (invalid input) and 1 (internal failure).
            return parsed.Invoke(new InvocationConfiguration { Output = host.Stdout, Error = host.Stderr, EnableDefaultExceptionHandler = false });
        }

        private ProjectFiles Project => ProjectFiles.Find(host.WorkingDirectory);

        private int Compile()
        {
            var stack = host.GetEnvironmentVariable("PULUMI_STACK");
            if (string.IsNullOrEmpty(stack))
            {
                // Plugin discovery: Pulumi asks for the program without a stack and installs what it references.
                var files = Project;
                var graphs = SynthesizeEvery(files, files.Stacks()).Select(r => r.Result.Synthesis.Graph);
                PulumiYamlWriter.Write(ResourceGraph.Union(graphs), files.Name, Description(files.Name, "every stack (plugin discovery)"), host.Stdout);
                return ExitCodes.Success;
            }

            if (!Names.IsValid(stack))
            {
                throw new InvalidInputException(new Diagnostic("PULUMI_STACK", $"'{stack}' is not a valid stack name", Names.Rule));
            }

            // Pulumi names the project it runs; Pulumi.yaml is then only located (its folder is the root that local
            // paths are relative to). Without PULUMI_PROJECT (a compile run by hand) the name comes from the file.
            string name, root;
            if (host.GetEnvironmentVariable("PULUMI_PROJECT") is { Length: > 0 } pulumiProject)
            {
                if (!Names.IsValid(pulumiProject))
                {
                    throw new InvalidInputException(new Diagnostic("PULUMI_PROJECT", $"'{pulumiProject}' is not a valid project name", Names.Rule));
                }

                (name, root) = (pulumiProject, ProjectFiles.FindRoot(host.WorkingDirectory));
            }
            else
            {
                var project = Project;
                (name, root) = (project.Name, project.RootDirectory);
            }

            var config = ProjectFiles.FromEnvironment(name, stack, host.GetEnvironmentVariable("PULUMI_CONFIG"), host.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS"));
            var result = Synthesize(name, root, config);
            PulumiYamlWriter.Write(result.Synthesis.Graph, config.Project, Description(config.Project, stack), host.Stdout);
            return ExitCodes.Success;
        }

        private int Synth(string stack, string? outDirectory)
        {
            var project = Project;
            var result = Synthesize(project, project.ReadStack(stack));
            var yaml = PulumiYamlWriter.Write(result.Synthesis.Graph, project.Name, Description(project.Name, stack));
            if (outDirectory is null)
            {
                host.Stdout.Write(yaml);
                return ExitCodes.Success;
            }

            var target = OutputDirectory.Write(host.WorkingDirectory, outDirectory, $"Pulumi.{stack}.program.yaml", yaml, project.StackConfigDirectory);
            host.Stderr.WriteLine($"wrote {target} ({result.Synthesis.Graph.Resources.Length} resources)");
            return ExitCodes.Success;
        }

        private int Plan(string stack, bool json)
        {
            var project = Project;
            var result = Synthesize(project, project.ReadStack(stack));
            var cost = Estimate(result);
            ReportOutput.Write(
                host,
                json,
                () => PlanReport.Build(result.Platform, result.Synthesis, result.Identity, synthesizer.Policies.Length, cost),
                () => PlanJsonWriter.Write(result.Platform, result.Synthesis, result.Identity, synthesizer.Policies.Length, cost));
            return ExitCodes.Success;
        }

        private int Cost(string stack, bool json)
        {
            var project = Project;
            var result = Synthesize(project, project.ReadStack(stack));
            var cost = Estimate(result);
            ReportOutput.Write(host, json, () => CostReport.Build(cost, stack), () => CostJsonWriter.Write(cost, stack));
            return ExitCodes.Success;
        }

        // Off the compile path: only `plan` and `cost` read the price table and the cost models.
        private StackCost Estimate(StackResult result) =>
            CostEstimator.Estimate(result.Platform, result.Synthesis.Graph, packs, PriceTable.Default, result.Config.Get, result.Identity.RootDirectory ?? ".");

        private int Validate(string? stack)
        {
            var project = Project;
            var summaries = stack is null
                ? SynthesizeEvery(project, project.Stacks()).Select(r => Summary(r.Stack, r.Result))
                : [Summary(stack, Synthesize(project, project.ReadStack(stack)))];

            foreach (var line in summaries)
            {
                host.Stdout.WriteLine(line);
            }

            return ExitCodes.Success;
        }

        // The tools pulumi up runs on this machine are named here, so a missing one is found before a deployment fails
        // halfway; `plan` says what each is for.
        private static string Summary(string stack, StackResult result) =>
            $"{stack}: valid ({result.Platform.Deployments.Length} deployment(s), {(result.Platform.Components.IsEmpty ? string.Empty : $"{result.Platform.Components.Length} shared component(s), ")}{result.Synthesis.Graph.Resources.Length} resources)"
            + (result.Synthesis.DeployerTools.IsEmpty ? string.Empty : $"; pulumi up needs {string.Join(", ", result.Synthesis.DeployerTools.Select(t => t.Name).Distinct(StringComparer.Ordinal))} (see plan)");

        /// <summary>Synthesizes every stack, reporting every stack's problems at once, each naming its stack.</summary>
        private List<(string Stack, StackResult Result)> SynthesizeEvery(ProjectFiles project, ImmutableArray<string> stacks)
        {
            if (stacks.IsEmpty)
            {
                throw new InvalidInputException(new Diagnostic(project.DisplayPath(project.StackConfigDirectory), "has no Pulumi.<stack>.yaml", "create a stack with `pulumi stack init <name>`"));
            }

            var problems = new List<Diagnostic>();
            var results = new List<(string, StackResult)>();
            using var progress = new ProgressLine(host, "synthesizing", stacks.Length);
            foreach (var s in stacks)
            {
                progress.Step(s);
                var file = project.DisplayPath(project.StackFile(s));
                if (!Names.IsValid(s))
                {
                    problems.Add(new Diagnostic(file, $"'{s}' is not a valid stack name", $"rename the file: {Names.Rule}"));
                    continue;
                }

                try
                {
                    results.Add((s, Synthesize(project, project.ReadStack(s))));
                }
                catch (InvalidInputException e)
                {
                    // Problems in the stack's own file already name it; the program's problems need the stack said.
                    problems.AddRange(e.Diagnostics.Select(d => d.Path.StartsWith(file, StringComparison.Ordinal) ? d : d with { Path = $"[{s}] {d.Path}" }));
                }
            }

            return problems.Count > 0 ? throw new InvalidInputException(problems) : results;
        }

        private StackResult Synthesize(ProjectFiles project, StackConfig config) => Synthesize(project.Name, project.RootDirectory, config);

        private StackResult Synthesize(string projectName, string rootDirectory, StackConfig config)
        {
            var context = new StackContext(config);
            var platform = define(context);
            if (ownsProcess)
            {
                HeapSetAside.For(platform.Deployments.Length);
            }

            // Read before the problems are checked: a bad profile value must be refused, not slip through as a default.
            var profile = context.Profile;
            if (config.Problems.Count > 0)
            {
                throw new InvalidInputException(config.Problems.Distinct());
            }

            // The stack's config decides the profile; a program that sets one must agree with it.
            if (platform.Profile is { } declared && declared != profile)
            {
                throw new InvalidInputException(new Diagnostic("Platform.Profile", $"the stack program says {declared} but {config.Stack}'s config says {profile}", "leave Platform.Profile unset: the host takes it from the profile config key"));
            }

            platform = platform with { Profile = profile };

            var identity = new StackIdentity(projectName, config.Stack, rootDirectory) { ModelDigests = ownsProcess ? DigestCache.For(host.GetEnvironmentVariable) : null };
            return new StackResult(platform, synthesizer.Synthesize(platform, identity), identity, config);
        }

        private static string Description(string project, string stack) =>
            $"ML model deployments of {project} for {stack}, generated by MlDeploy from the C# stack program (do not edit)";
    }

    private sealed record StackResult(Platform Platform, Synthesis Synthesis, StackIdentity Identity, StackConfig Config);
}
