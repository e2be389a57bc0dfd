using System.Diagnostics;
using System.Text.Json;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Conformance;

/// <summary>
/// Runs tests/conformance/check.mjs, which translates Pulumi YAML programs to TypeScript against the pinned official
/// Pulumi Node SDKs, type-checks them with tsc --strict and runs them under the SDK's mock runtime.
/// Installs the pinned packages (npm ci --ignore-scripts) when they are missing, so `dotnet test` works on a fresh clone.
/// </summary>
public sealed class ConformanceFixture
{
    private readonly string _directory = Repo.PathOf("tests", "conformance");

    public ConformanceFixture()
    {
        // Re-install when any pinned package is missing (e.g. a checkout from before a package was added).
        string[] probes = [Path.Combine("@pulumi", "aws"), Path.Combine("@pulumi", "awsguard"), "kubernetes-models", Path.Combine("@kubernetes-models", "prometheus-operator")];
        if (probes.Any(p => !File.Exists(Path.Combine(_directory, "node_modules", p, "package.json"))))
        {
            var install = Run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10));
            Assert.True(install.ExitCode == 0, $"npm ci failed in {_directory}:\n{install.Stdout}\n{install.Stderr}");
        }
    }

    public CheckResult Check(params string[] paths)
    {
        var run = Run("node", ["check.mjs", "--json", .. paths], TimeSpan.FromMinutes(5));
        var start = run.Stdout.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"check.mjs printed no JSON (exit {run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout[start..]);
        var programs = json.RootElement.GetProperty("programs").EnumerateArray()
            .Select(p => new ProgramResult(
                Path.GetFileName(p.GetProperty("file").GetString()!),
                p.GetProperty("ok").GetBoolean(),
                [.. p.GetProperty("errors").EnumerateArray().Select(e => e.GetRawText())]))
            .ToList();
        return new CheckResult(run.ExitCode, programs, run.Stdout + run.Stderr);
    }

    /// <summary>Runs tests/conformance/policies.mjs (awsguard, kubernetes-models, Pod Security restricted) with --json.</summary>
    public (int ExitCode, JsonDocument Report, string Output) Policies(params string[] args)
    {
        var run = Run("node", ["policies.mjs", "--json", .. args], TimeSpan.FromMinutes(5));
        var start = run.Stdout.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"policies.mjs printed no JSON (exit {run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        return (run.ExitCode, JsonDocument.Parse(run.Stdout[start..]), run.Stdout + run.Stderr);
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string command, string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(command) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', args)} timed out after {timeout}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

public sealed record ProgramResult(string File, bool Ok, IReadOnlyList<string> Errors);

public sealed record CheckResult(int ExitCode, IReadOnlyList<ProgramResult> Programs, string Output);
