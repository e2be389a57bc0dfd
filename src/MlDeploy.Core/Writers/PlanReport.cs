using System.Collections.Immutable;
using System.Globalization;
using MlDeploy.Costs;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Writers.Reports;

namespace MlDeploy.Writers;

/// <summary>
/// The plan as people read it: per deployment, how each concept maps onto its target, every resource with its type and
/// key settings, and the guardrails that are advisory or waived. <see cref="PlanWriter"/> prints it as text; the host
/// renders it as tables on a terminal.
/// </summary>
public static class PlanReport
{
    private const int MaxSettings = 4;
    private const int MaxSettingLength = 48;

    /// <summary>Builds the plan.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <param name="cost">The stack's cost estimate, shown as one line per deployment, or null for none.</param>
    /// <returns>The report.</returns>
    public static Report Build(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount, StackCost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(synthesis);
        ArgumentNullException.ThrowIfNull(stack);
        var blocks = ImmutableArray.CreateBuilder<ReportBlock>();
        var graph = synthesis.Graph;
        blocks.Add(new ReportLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Stack {stack.Stack} of {stack.Project} ({platform.EffectiveProfile.ToString().ToLowerInvariant()} profile): {platform.Deployments.Length} deployment(s), {(platform.Components.IsEmpty ? string.Empty : $"{platform.Components.Length} shared component(s), ")}{graph.Resources.Length} resources, {graph.Invokes.Length} invokes")));
        blocks.Add(new ReportLine("Providers: " + string.Join(", ", graph.Packages.Select(p => $"{p.Name} {p.Version}"))));
        if (!synthesis.DeployerTools.IsEmpty)
        {
            // Programs the synthesized program runs on the deployer's machine: missing ones fail pulumi up halfway.
            blocks.Add(new ReportLine("Where pulumi up runs, it needs:"));
            foreach (var tool in synthesis.DeployerTools.GroupBy(t => t.Name, StringComparer.Ordinal))
            {
                blocks.Add(new ReportLine($"{tool.Key}: {string.Join("; ", tool.Select(t => t.Purpose))}", Indented: true));
            }
        }

        // Infrastructure several deployments share (a cluster, its node groups) has no owning deployment.
        var shared = graph.Resources.Where(r => r.Owner is null).ToList();
        if (shared.Count > 0)
        {
            blocks.Add(new ReportHeading("shared platform"));
            AddSection(blocks, synthesis.Notes.Where(n => n.Deployment.Length == 0), shared);
        }

        foreach (var d in platform.Deployments)
        {
            blocks.Add(new ReportHeading($"{d.Name} -> {d.Target.DisplayName}"));
            if (cost?.Deployments.FirstOrDefault(c => c.Deployment == d.Name) is { } estimate)
            {
                blocks.Add(new ReportLine(CostReport.PlanLine(estimate, cost.Currency), Indented: true));
            }

            AddSection(blocks, synthesis.Notes.Where(n => n.Deployment == d.Name), graph.Resources.Where(r => r.Owner == d.Name));
            if (!d.Serving.NotSecret.IsEmpty)
            {
                blocks.Add(new ReportLine($"not secret (declared, literal values allowed by MLS-SEC-01): {string.Join(", ", d.Serving.NotSecret.Order(StringComparer.Ordinal))}", Indented: true));
            }

            foreach (var waiver in d.Waivers)
            {
                var scope = waiver.Resource is null ? string.Empty : $" on {waiver.Resource} only";
                blocks.Add(new ReportLine($"waived {waiver.RuleId}{scope}: {waiver.Reason}", Indented: true));
            }
        }

        var advisory = synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Advisory).ToList();
        var waived = synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Waived).ToList();
        blocks.Add(new ReportHeading(string.Create(CultureInfo.InvariantCulture, $"Guardrails: {ruleCount} rules checked, 0 violations, {advisory.Count} advisory (production-only), {waived.Count} waived")));
        foreach (var o in advisory.Concat(waived))
        {
            blocks.Add(new ReportLine(
                $"{(o.Status == GuardrailStatus.Waived ? "waived  " : "advisory")} {o.Finding.RuleId} {o.Finding.Resource}: {o.Finding.Message}" + (o.WaiverReason is null ? string.Empty : $" (reason: {o.WaiverReason})"),
                Indented: true));
        }

        return new Report(blocks.ToImmutable());
    }

    /// <summary>The tone a fidelity is shown in on a terminal.</summary>
    /// <param name="fidelity">The fidelity.</param>
    /// <returns>The cell.</returns>
    public static ReportCell FidelityCell(Fidelity fidelity) =>
        fidelity == Fidelity.Native ? new ReportCell("native", CellTone.Good) : new ReportCell("approx", CellTone.Caution);

    /// <summary>Adds the concept mappings (native / approximated), then every resource with its type and key settings.</summary>
    private static void AddSection(ImmutableArray<ReportBlock>.Builder blocks, IEnumerable<PlanNote> notes, IEnumerable<Resource> resources)
    {
        var noteRows = notes.Select(n => ImmutableArray.Create<ReportCell>(n.Concept, FidelityCell(n.Fidelity), n.Text)).ToImmutableArray();
        if (!noteRows.IsEmpty)
        {
            blocks.Add(new ReportTable(["concept", "fidelity", "how"], noteRows, ShowHeaders: false));
        }

        var rows = resources.OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => ImmutableArray.Create<ReportCell>(r.Name, new ReportCell(r.Type.Token, CellTone.Muted), KeySettings(r.Properties)))
            .ToImmutableArray();
        if (!rows.IsEmpty)
        {
            blocks.Add(new ReportTable(["RESOURCE", "TYPE", "KEY SETTINGS"], rows));
        }
    }

    private static string KeySettings(MapValue properties) =>
        string.Join(" ", Settings(properties, truncate: true).Take(MaxSettings).Select(e => $"{e.Key}={e.Text}"));

    /// <summary>The settings of a resource that read as one value (not tags, not nested maps and lists), in declaration order.</summary>
    /// <param name="properties">The resource's properties.</param>
    /// <param name="truncate">Whether to shorten long values for a table.</param>
    /// <returns>Each setting's key and text.</returns>
    internal static IEnumerable<(string Key, string Text)> Settings(MapValue properties, bool truncate) =>
        properties.Entries
            .Where(e => e.Key != "tags")
            .Select(e => (e.Key, Text: Describe(e.Value, truncate)))
            .Where(e => e.Text is not null)
            .Select(e => (e.Key, e.Text!));

    private static string? Describe(Value value, bool truncate)
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
        return text is null || !truncate || text.Length <= MaxSettingLength ? text : text[..(MaxSettingLength - 3)] + "...";
    }
}
