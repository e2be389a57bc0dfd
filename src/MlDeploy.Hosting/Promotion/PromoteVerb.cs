using System.Collections.Immutable;
using System.Text.Json;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Hosting.Promotion;

/// <summary>
/// <c>promote --from &lt;stack&gt; --to &lt;stack&gt; --outputs &lt;file|-&gt; [--verified &lt;record&gt;]</c>: writes the
/// source stack's release (each deployment's digest-pinned image and model digest, read from its outputs) into the
/// target stack's config file, which its stack program reads through <see cref="StackContext.Release"/>. Every refusal
/// is invalid input (exit 2) and writes nothing; a second run with the same outputs writes nothing either.
/// </summary>
internal sealed class PromoteVerb(HostEnvironment host, ProjectFiles project, Func<StackConfig, Platform> define)
{
    public int Run(string from, string to, string outputsArgument, string? verifiedArgument)
    {
        foreach (var (option, stack) in new[] { ("--from", from), ("--to", to) })
        {
            if (!Names.IsValid(stack))
            {
                throw new InvalidInputException(new Diagnostic(option, $"'{stack}' is not a valid stack name", Names.Rule));
            }
        }

        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            throw new InvalidInputException(new Diagnostic("--to", $"is the source stack {from}", "promote from one stack to another, e.g. --from staging --to prod"));
        }

        // Both stacks' programs say which deployments they hold; config problems do not matter here (the target
        // stack may not synthesize before its first release), only the deployments' names.
        var source = Deployments("--from", from);
        var target = Deployments("--to", to);
        var problems = new List<Diagnostic>();
        problems.AddRange(source.Except(target, StringComparer.Ordinal).Select(d => new Diagnostic($"--to {to}", $"has no deployment '{d}', which {from} deploys", $"declare '{d}' for {to} too, or remove it from {from}")));
        problems.AddRange(target.Except(source, StringComparer.Ordinal).Select(d => new Diagnostic($"--from {from}", $"has no deployment '{d}', which {to} deploys", $"declare '{d}' for {from} too, so it is verified before {to} gets it")));
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var outputs = StackOutputsFile.Read(outputsArgument, host.WorkingDirectory, host.Stdin, from);
        var releases = source.Select(d => (Deployment: d, Values: ReleaseOf(d, outputs, from, outputsArgument, problems))).ToList();
        if (verifiedArgument is not null)
        {
            problems.AddRange(CheckVerified(verifiedArgument, from, releases));
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var file = project.StackFile(to);
        var display = project.DisplayPath(file);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new Diagnostic(display, e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : "cannot be read", $"create the stack first (`pulumi stack init {to}`), or check the file's permissions"));
        }

        var edits = releases.SelectMany(r => r.Values.Select(v => new KeyValuePair<string, string?>($"{project.Name}:{r.Deployment}-{v.Part}", v.Value))).ToList();
        var updated = ConfigFileEdit.Apply(text, display, edits);
        if (string.Equals(updated, text, StringComparison.Ordinal))
        {
            host.Stderr.WriteLine($"{display}: already holds {from}'s release; nothing written");
            return ExitCodes.Success;
        }

        AtomicFile.Write(file, updated);
        foreach (var (deployment, values) in releases)
        {
            host.Stdout.WriteLine($"{to}: {deployment} <- {from}: image {values[0].Value}, model sha256 {values[1].Value}{(values[2].Value is { } uri ? $" at {uri}" : string.Empty)}{(values[3].Value is { } version ? $" version {version}" : string.Empty)}");
        }

        host.Stderr.WriteLine($"wrote {display}");
        return ExitCodes.Success;
    }

    private List<string> Deployments(string option, string stack)
    {
        if (!File.Exists(project.StackFile(stack)))
        {
            throw new InvalidInputException(new Diagnostic($"{option} {stack}", $"has no config file ({project.DisplayPath(project.StackFile(stack))})", $"name a stack with a config file: {string.Join(", ", project.Stacks())}"));
        }

        return [.. define(project.ReadStack(stack)).Deployments.Select(d => d.Name).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The deployment's release values from the outputs: image and model digest required, model URI when the model is remote.</summary>
    private static List<(string Part, string? Value)> ReleaseOf(string deployment, ImmutableSortedDictionary<string, string?> outputs, string from, string argument, List<Diagnostic> problems)
    {
        var values = new List<(string Part, string? Value)>();
        foreach (var part in Release.Parts)
        {
            var name = $"{deployment}-{part}";
            var at = $"--outputs {argument}: {name}";
            outputs.TryGetValue(name, out var value);
            switch (part)
            {
                case "image" when value is null:
                    problems.Add(new Diagnostic(at, "is missing", $"pass the outputs of `pulumi stack output --json --show-secrets=false --stack {from}` after {from}'s `pulumi up`"));
                    break;
                case "image" when value == "[secret]":
                    problems.Add(new Diagnostic(at, "is a secret, so its value cannot be promoted", "export the image reference as a plain output"));
                    break;
                case "image" when !Release.IsDigestPinned(value):
                    problems.Add(new Diagnostic(at, $"'{value}' is {(value.Contains('@', StringComparison.Ordinal) ? "not pinned by a sha256 digest" : "a mutable tag, not a digest")}", "promote only images pinned by digest: registry/repository@sha256:<64 hex digits>"));
                    break;
                case "model-sha256" when value is null:
                    problems.Add(new Diagnostic(at, "is missing, so nothing pins the model's bytes", $"pin the model in {from} (a local artifact is pinned by this SDK; give a storage URI's Sha256) and run `pulumi up` there again"));
                    break;
                case "model-sha256" when !ModelDigest.IsWellFormed(value):
                    problems.Add(new Diagnostic(at, $"'{value}' is not a SHA-256 digest", "pass the outputs exactly as `pulumi stack output --json` prints them"));
                    break;
            }

            values.Add((part, value));
        }

        return values;
    }

    /// <summary>A verify record from another stack, a failed one, or one of another release stops the promotion.</summary>
    private List<Diagnostic> CheckVerified(string argument, string from, List<(string Deployment, List<(string Part, string? Value)> Values)> releases)
    {
        var at = $"--verified {argument}";
        var fix = $"run `verify --stack {from} --outputs <outputs> --record {argument}` on the release being promoted";
        Verified record;
        try
        {
            record = VerificationRecord.Read(File.ReadAllText(Path.Combine(host.WorkingDirectory, argument)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
        {
            return [new Diagnostic(at, e is JsonException ? "is not valid JSON" : "cannot be read", fix)];
        }

        if (!string.Equals(record.Stack, from, StringComparison.Ordinal))
        {
            return [new Diagnostic(at, $"records a verification of {(record.Stack is null ? "no stack" : $"stack {record.Stack}")}, not {from}", fix)];
        }

        if (!record.Passed)
        {
            return [new Diagnostic(at, $"says {from}'s last verification did not pass", $"fix what `verify --stack {from}` reports, then verify again")];
        }

        var problems = new List<Diagnostic>();
        foreach (var (deployment, values) in releases)
        {
            var verified = record.Deployments.GetValueOrDefault(deployment);
            foreach (var (field, part, checkedValue) in new[] { ("image", "image", verified.Image), ("modelSha256", "model-sha256", verified.ModelSha256) })
            {
                var promoted = values.First(v => v.Part == part).Value;
                if (!string.Equals(checkedValue, promoted, StringComparison.Ordinal))
                {
                    problems.Add(new Diagnostic(at, $"{deployment}: verified {field} {checkedValue ?? "(none)"}, but the outputs promote {promoted ?? "(none)"}", fix));
                }
            }
        }

        return problems;
    }
}
