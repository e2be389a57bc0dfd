using System.Globalization;
using System.Text;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;

namespace MlDeploy.Writers;

/// <summary>
/// Writes the human-readable plan: per deployment, how each concept maps onto its target (the portability view),
/// every resource with its type and key settings, and the guardrails that are advisory or waived.
/// </summary>
public static class PlanWriter
{
    private const int MaxSettings = 4;
    private const int MaxSettingLength = 48;

    /// <summary>Writes the plan.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <returns>The plan text.</returns>
    public static string Write(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount) => Write(platform, synthesis, stack, ruleCount, null);

    /// <summary>Writes the plan with a cost line per deployment.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <param name="cost">The stack's cost estimate, or null for none.</param>
    /// <returns>The plan text.</returns>
    public static string Write(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount, Costs.StackCost? cost)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(synthesis);
        ArgumentNullException.ThrowIfNull(stack);
        var sb = new StringBuilder();
        var graph = synthesis.Graph;
        sb.Append(CultureInfo.InvariantCulture, $"Stack {stack.Stack} of {stack.Project} ({platform.EffectiveProfile.ToString().ToLowerInvariant()} profile): ")
          .Append(CultureInfo.InvariantCulture, $"{platform.Deployments.Length} deployment(s), ")
          .Append(platform.Components.IsEmpty ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{platform.Components.Length} shared component(s), "))
          .Append(CultureInfo.InvariantCulture, $"{graph.Resources.Length} resources, {graph.Invokes.Length} invokes\n");
        sb.Append("Providers: ").Append(string.Join(", ", graph.Packages.Select(p => $"{p.Name} {p.Version}"))).Append('\n');
        if (!synthesis.DeployerTools.IsEmpty)
        {
            // Programs the synthesized program runs on the deployer's machine: missing ones fail pulumi up halfway.
            sb.Append("Where pulumi up runs, it needs:\n");
            foreach (var tool in synthesis.DeployerTools.GroupBy(t => t.Name, StringComparer.Ordinal))
            {
                sb.Append("  ").Append(tool.Key).Append(": ").Append(string.Join("; ", tool.Select(t => t.Purpose))).Append('\n');
            }
        }

        // Infrastructure several deployments share (a cluster, its node groups) has no owning deployment.
        var shared = graph.Resources.Where(r => r.Owner is null).ToList();
        if (shared.Count > 0)
        {
            sb.Append("\nshared platform\n");
            WriteSection(sb, synthesis.Notes.Where(n => n.Deployment.Length == 0), shared);
        }

        foreach (var d in platform.Deployments)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"{d.Name} -> {d.Target.DisplayName}\n");
            if (cost?.Deployments.FirstOrDefault(c => c.Deployment == d.Name) is { } estimate)
            {
                sb.Append("  ").Append(CostWriter.PlanLine(estimate, cost.Currency)).Append('\n');
            }

            WriteSection(sb, synthesis.Notes.Where(n => n.Deployment == d.Name), graph.Resources.Where(r => r.Owner == d.Name));
            if (!d.Serving.NotSecret.IsEmpty)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  not secret (declared, literal values allowed by MLS-SEC-01): {string.Join(", ", d.Serving.NotSecret.Order(StringComparer.Ordinal))}\n");
            }

            foreach (var waiver in d.Waivers)
            {
                var scope = waiver.Resource is null ? string.Empty : $" on {waiver.Resource} only";
                sb.Append(CultureInfo.InvariantCulture, $"  waived {waiver.RuleId}{scope}: {waiver.Reason}\n");
            }
        }

        var advisory = synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Advisory).ToList();
        var waived = synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Waived).ToList();
        sb.Append('\n').Append(CultureInfo.InvariantCulture, $"Guardrails: {ruleCount} rules checked, 0 violations, {advisory.Count} advisory (production-only), {waived.Count} waived\n");
        foreach (var o in advisory.Concat(waived))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {(o.Status == GuardrailStatus.Waived ? "waived  " : "advisory")} {o.Finding.RuleId} {o.Finding.Resource}: {o.Finding.Message}")
              .Append(o.WaiverReason is null ? string.Empty : $" (reason: {o.WaiverReason})").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the concept mappings (native / approximated), then every resource with its type and key settings.</summary>
    private static void WriteSection(StringBuilder sb, IEnumerable<PlanNote> notes, IEnumerable<Resource> resources)
    {
        var noteList = notes.ToList();
        if (noteList.Count > 0)
        {
            var conceptWidth = noteList.Max(n => n.Concept.Length);
            foreach (var note in noteList)
            {
                sb.Append("  ").Append(note.Concept.PadRight(conceptWidth)).Append("  ")
                  .Append((note.Fidelity == Fidelity.Native ? "native" : "approx").PadRight(6)).Append("  ")
                  .Append(note.Text).Append('\n');
            }
        }

        var rows = resources.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => (r.Name, r.Type.Token, Settings: KeySettings(r.Properties))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var nameWidth = Math.Max("RESOURCE".Length, rows.Max(r => r.Name.Length));
        var typeWidth = Math.Max("TYPE".Length, rows.Max(r => r.Token.Length));
        sb.Append('\n').Append("  ").Append("RESOURCE".PadRight(nameWidth)).Append("  ").Append("TYPE".PadRight(typeWidth)).Append("  KEY SETTINGS\n");
        foreach (var (name, token, settings) in rows)
        {
            sb.Append("  ").Append(name.PadRight(nameWidth)).Append("  ").Append(token.PadRight(typeWidth)).Append("  ").Append(settings).TrimEndSpaces().Append('\n');
        }
    }

    private static StringBuilder TrimEndSpaces(this StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }

        return sb;
    }

    private static string KeySettings(MapValue properties)
    {
        var settings = properties.Entries
            .Where(e => e.Key != "tags")
            .Select(e => (e.Key, Text: Describe(e.Value)))
            .Where(e => e.Text is not null)
            .Take(MaxSettings)
            .Select(e => $"{e.Key}={e.Text}");
        return string.Join(" ", settings);
    }

    private static string? Describe(Value value)
    {
        var text = value switch
        {
            StringValue s => s.Value,
            NumberValue n => n.ToInvariantString(),
            BoolValue b => b.Value ? "true" : "false",
            OutputReference o => o.Path.Length == 0 ? $"<{o.Target.Name}>" : $"<{o.Target.Name}.{o.Path}>",
            ConfigReference c => $"<config {c.Parameter.Key}>",
            SecretValue => "<secret>",
            _ => null,
        };
        return text is null ? null : text.Length > MaxSettingLength ? text[..(MaxSettingLength - 3)] + "..." : text;
    }
}
