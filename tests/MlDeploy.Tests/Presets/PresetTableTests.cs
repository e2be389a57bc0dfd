using System.Globalization;
using System.Text;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Presets;

/// <summary>docs/PRESETS.md is the preset catalogue and the preset x target outcomes the matrix test proves; UPDATE_GOLDEN=1 rewrites it.</summary>
public class PresetTableTests
{
    [Fact]
    public void PresetsDoc_MatchesTheCatalogueAndTheMatrix() =>
        GeneratedDoc.AssertCurrent("PRESETS.md", Markdown(), "PresetTableTests");

    private static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Serving presets\n\n");
        sb.Append("Generated from `ServingPreset.All` (`PresetTableTests` keeps it current; `UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter PresetTableTests`\n");
        sb.Append("rewrites it). `Serving.For(ServingPreset.X)` turns a row into the deployment's serving contract (decision 46 in\n");
        sb.Append("ARCHITECTURE.md); the outcome table below is the one `ServingPresetMatrixTests` checks against validation and the\n");
        sb.Append("emitted programs of every registered target.\n\n");
        sb.Append("| preset | server | port (how to move it) | liveness | readiness | predict | metrics | start-up | model (how it is told) | SageMaker-style mode |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var p in ServingPreset.All)
        {
            var serving = Model.Serving.For(p);
            var move = p.PortArgument ?? p.PortVariable;
            var port = serving.Port == p.ImagePort
                ? $"{p.ImagePort}{(move is null ? string.Empty : $" ({move})")}"
                : $"{p.ImagePort} in the image, deployed on {serving.Port} ({move} {serving.Port})";
            var told = p.ModelArgument is { } a ? $"{a} {p.ModelDir}" : p.ModelVariable is { } v ? $"{v}={p.ModelDir}" : "nothing (the image's convention)";
            sb.Append(CultureInfo.InvariantCulture, $"| `{p.Id}` | {p.Name} | {port} | `{p.LivenessPath}` | `{p.ReadinessPath}` | `{p.PredictPath}` | {Metrics(p.Metrics)} | {(int)p.StartupTimeout.TotalMinutes} min | `{p.ModelDir}`, {told}{(p.Args.IsEmpty ? string.Empty : $"; command `{string.Join(' ', p.Args)}`")} | {(p.ContractMode is { } mode ? $"`{mode.Id}`" : "none")} |\n");
        }

        sb.Append("\n## Where each preset runs\n\n");
        sb.Append("`runs`: validation accepts it and the program carries its port, probes, arguments, environment and (on clusters with a\n");
        sb.Append("Prometheus Operator) its metrics. Otherwise the diagnostic's subject; the exact messages are in `ServingPresetMatrixTests`.\n\n");
        var targets = ServingPresetMatrixTests.TargetNames;
        sb.Append("| preset | ").Append(string.Join(" | ", targets)).Append(" |\n|---|").Append(string.Concat(targets.Select(_ => "---|"))).Append('\n');
        foreach (var p in ServingPreset.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{p.Id}` | ").Append(string.Join(" | ", targets.Select(t => ServingPresetMatrixTests.Outcome(p.Id, t) is { } problem ? Subject(problem) : "runs"))).Append(" |\n");
        }

        sb.Append("\n## Sources\n\n");
        foreach (var p in ServingPreset.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- **{p.Name}** (`{p.Id}`)\n");
            foreach (var s in p.Sources)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {s.Fact}: {s.Url}\n");
            }

            foreach (var u in p.Unverified)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - UNVERIFIED, left out of behaviour: {u}\n");
            }
        }

        return sb.ToString();
    }

    private static string Metrics(ServingMetrics? m)
    {
        if (m is null)
        {
            return "none exported";
        }

        var errors = m switch
        {
            { RequestCounter: { } all, StatusLabel: { } status } => $"5xx of `{all}` by `{status}`",
            { FailureCounter: { } failed, RequestCounter: { } all } => $"`{failed}` / `{all}`",
            { FailureCounter: { } failed, SuccessCounter: { } succeeded } => $"`{failed}` / (`{failed}` + `{succeeded}`)",
            { SuccessCounter: { } succeeded, RequestCounter: { } all } => $"1 - `{succeeded}` / `{all}`",
            _ => "not exported",
        };
        return $"`{m.Path}`{(m.Port is { } port ? $" on {port}" : string.Empty)}; latency {(m.LatencyHistogram is { } h ? $"`{h}`" : "not exported")}; errors {errors}; load {(m.InFlightGauge is { } g ? $"`{g}`" : "not exported")}";
    }

    // "deployments[x].serving.startupTimeout: ..." -> "serving.startupTimeout"
    private static string Subject(string problem)
    {
        var path = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
        return $"refused: `{path[(path.IndexOf("].", StringComparison.Ordinal) + 2)..]}`";
    }
}
