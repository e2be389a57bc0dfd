using System.Globalization;
using System.Text;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>
/// Writes docs/CAPABILITIES.md from the registered planners' capability records: the same data the validator checks,
/// so the documented table and the enforced one cannot drift.
/// </summary>
public static class CapabilityTable
{
    /// <summary>Renders the table, one column per documented target variant, one row per concept.</summary>
    /// <param name="planners">The registered planners.</param>
    /// <returns>The Markdown document.</returns>
    public static string Markdown(IEnumerable<ITargetPlanner> planners)
    {
        ArgumentNullException.ThrowIfNull(planners);
        var columns = planners
            .OrderBy(p => p.TargetType.Name, StringComparer.Ordinal)
            .SelectMany(p => p.DocumentedCapabilities)
            .ToList();
        var rows = new (string Concept, Func<TargetCapabilities, string> Cell)[]
        {
            ("cloud", c => c.Cloud.ToString()),
            ("scale to zero", c => YesNo(c.ScaleToZero)),
            ("most replicas", c => c.MaxReplicas.ToString(CultureInfo.InvariantCulture)),
            ("scaling metrics", c => List(c.ScalingMetrics.Select(m => m.ToString()))),
            ("GPUs (most per replica)", c => c.Gpus.IsEmpty ? "none" : List(c.Gpus.Select(g => $"{g.Kind} ({g.MaxPerReplica})"))),
            ("request/response capture", c => YesNo(c.DataCapture)),
            ("secret sources", c => List(c.SecretSources.Select(s => s.ToString()))),
            ("image sources", c => List(c.ImageSources.Select(s => s.ToString())) + (c.Registry is { } r ? $"; existing images from {r.Name}" : string.Empty)),
            ("artifact sources", c => List(c.ArtifactSources.Select(s => s.ToString()))),
            ("DVC-tracked models", c => (c.ArtifactSources.Contains(ArtifactSourceKind.Dvc) ? "yes" : "no") + (c.DvcHint is { } h ? $": {h}" : string.Empty)),
            ("exposure", c => List(c.Exposures.Select(e => e.ToString())) + (c.Exposures.Contains(Exposure.Public) && c.PublicNeedsWaiver ? " (public needs MLS-NET-01)" : string.Empty)),
            ("authentication off", c => c.Unauthenticated ? "with waiver MLS-NET-02 when public" : "never"),
            ("rollout strategies (traffic % per step)", c => List(c.Rollouts.Select(o => o.Strategy is RolloutStrategy.Canary or RolloutStrategy.Linear ? $"{o.Strategy} {o.MinPercent}-{o.MaxPercent}" : o.Strategy.ToString()))),
            ("longest bake per step", c => DurationText.Of(c.MaxBakeTime)),
            ("longest request", c => c.MaxRequestTimeout is { } t ? DurationText.Of(t) : "not limited by the target"),
            ("start-up allowance", c => $"{DurationText.Of(c.StartupTimeout.Min)} - {DurationText.Of(c.StartupTimeout.Max)}"),
            ("log retention (days)", c => c.LogRetentionRange is { } range ? string.Create(CultureInfo.InvariantCulture, $"{range.Min}-{range.Max}") : c.LogRetentionDays.IsEmpty ? "the cluster's log pipeline" : List(c.LogRetentionDays.Select(d => d.ToString(CultureInfo.InvariantCulture)))),
            ("serving contract", c => c.FixedServing is { } f ? $"port {f.Port}, {f.HealthPath}, {f.PredictPath}, model at {f.ModelDir}{(f.ArgsAllowed ? string.Empty : ", no args")}" : (c.PrivilegedPorts ? "the deployment's own" : "the deployment's own, port >= 1024") + (c.ContainerArguments ? string.Empty : ", no args")),
            ("tags/labels", c => c.Labels?.GetType().Name.Replace("Policy", string.Empty, StringComparison.Ordinal) ?? "none"),
        };

        var sb = new StringBuilder();
        sb.Append("# Target capabilities\n\n");
        sb.Append("Generated from the `TargetCapabilities` records of the registered target packs (`CapabilityTableTests` keeps it\n");
        sb.Append("current; `UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter CapabilityTableTests` rewrites it). The validator checks\n");
        sb.Append("every deployment against exactly these records; a target's own knobs (instance types, node groups, ...) are checked\n");
        sb.Append("by its planner.\n\n");
        sb.Append("| concept |");
        foreach (var c in columns)
        {
            sb.Append(' ').Append(c.Target).Append(c.Variant is { } v && !c.Target.Contains(v, StringComparison.OrdinalIgnoreCase) ? $" ({v})" : string.Empty).Append(" |");
        }

        sb.Append("\n|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (var (concept, cell) in rows)
        {
            sb.Append("| ").Append(concept).Append(" |");
            foreach (var c in columns)
            {
                sb.Append(' ').Append(cell(c).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string List(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? "none" : text;
    }

}
