using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;
using MlDeploy.Verification;

namespace MlDeploy.Hosting;

/// <summary>
/// <c>verify --stack &lt;s&gt; --outputs &lt;file|-&gt; [--record &lt;file&gt;]</c>: after <c>pulumi up</c>, reads the stack's
/// outputs and checks each deployment's live state through the live check its target's pack registers. One line per
/// check on stdout; exit 0 when none failed, <see cref="ExitCodes.VerificationFailed"/> when one did. Input problems
/// (the stack, the outputs file, the record's folder) are found before any check runs, so they print nothing on stdout
/// and write no record.
/// </summary>
/// <param name="host">The process environment.</param>
/// <param name="packs">The stack program's packs (their live checks).</param>
internal sealed class VerifyVerb(HostEnvironment host, IReadOnlyList<TargetPack> packs)
{
    /// <summary>How long one API or smoke call may take: a model that needs longer for one sample is not healthy.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the verb.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="outputsArgument">The outputs file, or <c>-</c> for stdin.</param>
    /// <param name="recordArgument">Where to write the record, or null.</param>
    /// <param name="synthesize">Runs the stack program's Define for the stack, as <c>synth</c> does: its deployments and the outputs the program declares.</param>
    /// <returns>The exit code.</returns>
    public int Run(string stack, string outputsArgument, string? recordArgument, Func<string, (Platform Platform, ResourceGraph Graph)> synthesize)
    {
        var (platform, graph) = synthesize(stack);
        var values = StackOutputsFile.Read(outputsArgument, host.WorkingDirectory, host.Stdin, stack);
        var record = recordArgument is null ? null : RecordPath(recordArgument);
        var outputs = DeploymentOutputs(platform, graph, values, outputsArgument, stack);

        var checks = new List<CheckResult>();
        using (var http = new HttpClient { Timeout = CallTimeout })
        {
            foreach (var deployment in platform.Deployments)
            {
                var context = new LiveCheckContext(deployment, outputs[deployment.Name], host.GetEnvironmentVariable, http);
                // One line per check: a cloud's error message may span lines.
                var results = Check(context).GetAwaiter().GetResult().Select(r => r with { Detail = OneLine(r.Detail) }).ToList();
                foreach (var result in results)
                {
                    host.Stdout.WriteLine($"{VerificationRecord.Status(result.Status).ToUpperInvariant()} {result.Deployment} {result.Check}: {result.Detail}");
                }

                checks.AddRange(results);
            }
        }

        var passed = checks.TrueForAll(c => c.Status != CheckStatus.Fail);
        if (record is not null)
        {
            var deployments = platform.Deployments.Select(d => (d.Name, outputs[d.Name].Get("image"), outputs[d.Name].Get("model-sha256"))).ToList();
            AtomicFile.Write(record, VerificationRecord.Write(stack, passed, deployments, checks));
            host.Stderr.WriteLine($"wrote {recordArgument}");
        }

        return passed ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    private async Task<IReadOnlyList<CheckResult>> Check(LiveCheckContext context)
    {
        var type = context.Deployment.Target.GetType();
        if (packs.SelectMany(p => p.LiveChecks).FirstOrDefault(c => c.TargetType == type) is { } check)
        {
            return await check.CheckAsync(context, CancellationToken.None).ConfigureAwait(false);
        }

        var name = context.Deployment.Name;
        return [CheckResult.Skip(name, "live-state", $"no live check reads {type.Name} deployments yet"), await UrlSmoke(context).ConfigureAwait(false)];
    }

    // A target without a live check may still export a URL the runner can reach; a private one or one needing credentials
    // verify does not send is skipped, not failed, since nothing says the runner should reach it.
    private static async Task<CheckResult> UrlSmoke(LiveCheckContext context)
    {
        var name = context.Deployment.Name;
        if (context.Deployment.Smoke is not { } smoke)
        {
            return CheckResult.Skip(name, SmokeCheck.Name, "no smoke test declared (set ModelDeployment.Smoke)");
        }

        if (!Uri.TryCreate(context.Outputs.Get("url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return CheckResult.Skip(name, SmokeCheck.Name, $"the target exports no URL to call ({context.Outputs.NameOf("url")}), and verify has no API call for it yet");
        }

        return await SmokeCheck.PostAsync(context.Http, name, smoke, url, CheckStatus.Skip, CancellationToken.None).ConfigureAwait(false);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private string RecordPath(string argument)
    {
        var full = Path.GetFullPath(Path.Combine(host.WorkingDirectory, argument));
        if (Directory.Exists(full) || !Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new InvalidInputException(new Diagnostic($"--record {argument}", Directory.Exists(full) ? "is a folder" : "is in a folder that does not exist", "name a file in an existing folder, e.g. verify.json"));
        }

        return full;
    }

    /// <summary>Each deployment's outputs, keyed without its prefix; every output the program declares for it must be in the file.</summary>
    private static Dictionary<string, DeploymentOutputs> DeploymentOutputs(Platform platform, ResourceGraph graph, ImmutableSortedDictionary<string, string?> values, string outputsArgument, string stack)
    {
        var problems = new List<Diagnostic>();
        var result = new Dictionary<string, DeploymentOutputs>(StringComparer.Ordinal);
        foreach (var deployment in platform.Deployments)
        {
            var prefix = deployment.Name + "-";
            var own = ImmutableSortedDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
            foreach (var output in graph.Outputs.Where(o => o.Scope == deployment.Name && o.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                if (values.TryGetValue(output.Name, out var value))
                {
                    own[output.Name[prefix.Length..]] = value;
                }
                else
                {
                    problems.Add(new Diagnostic(
                        outputsArgument == "-" ? "--outputs - (stdin)" : $"--outputs {outputsArgument}",
                        $"has no output {output.Name}, which the program declares for deployment {deployment.Name}",
                        $"run `pulumi up --stack {stack}`, then pass what `pulumi stack output --json --show-secrets=false --stack {stack}` prints"));
                }
            }

            result[deployment.Name] = new DeploymentOutputs(deployment.Name, own.ToImmutable());
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : result;
    }
}
