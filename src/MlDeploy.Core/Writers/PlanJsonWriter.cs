using System.Text.Json;
using MlDeploy.Costs;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;

namespace MlDeploy.Writers;

/// <summary>
/// Writes the plan for machines (<c>plan --json</c>): the same facts as <see cref="PlanReport"/>, with every key setting
/// in full, in the shape docs/schemas/plan.schema.json documents. Written with <see cref="Utf8JsonWriter"/>, so it needs
/// no reflection (the host is published NativeAOT) and its key order is fixed.
/// </summary>
public static class PlanJsonWriter
{
    /// <summary>The schema version; a change that removes or renames a field increases it.</summary>
    public const int Version = 1;

    /// <summary>Writes the plan.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="synthesis">The synthesis result.</param>
    /// <param name="stack">The stack identity.</param>
    /// <param name="ruleCount">How many guardrails were checked.</param>
    /// <param name="cost">The stack's cost estimate (each deployment's summary is in its section), or null for none.</param>
    /// <returns>The JSON text, ending with a newline.</returns>
    public static string Write(Platform platform, Synthesis synthesis, StackIdentity stack, int ruleCount, StackCost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(synthesis);
        ArgumentNullException.ThrowIfNull(stack);
        return JsonText.Write(w =>
        {
            var graph = synthesis.Graph;
            w.WriteStartObject();
            w.WriteString("kind", "plan");
            w.WriteNumber("version", Version);
            w.WriteString("project", stack.Project);
            w.WriteString("stack", stack.Stack);
            w.WriteString("profile", platform.EffectiveProfile.ToString().ToLowerInvariant());
            w.WriteNumber("resourceCount", graph.Resources.Length);
            w.WriteNumber("invokeCount", graph.Invokes.Length);
            w.WriteStartArray("providers");
            foreach (var p in graph.Packages)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("version", p.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("deployerTools");
            foreach (var t in synthesis.DeployerTools)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("purpose", t.Purpose);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sections");
            var shared = graph.Resources.Where(r => r.Owner is null).ToList();
            if (shared.Count > 0)
            {
                WriteSection(w, null, null, synthesis.Notes.Where(n => n.Deployment.Length == 0), shared, [], [], null, null);
            }

            foreach (var d in platform.Deployments)
            {
                WriteSection(w, d.Name, d.Target.DisplayName, synthesis.Notes.Where(n => n.Deployment == d.Name), graph.Resources.Where(r => r.Owner == d.Name), d.Serving.NotSecret.Order(StringComparer.Ordinal), d.Waivers, cost?.Deployments.FirstOrDefault(c => c.Deployment == d.Name), cost?.Currency);
            }

            w.WriteEndArray();
            w.WriteStartObject("guardrails");
            w.WriteNumber("rulesChecked", ruleCount);
            w.WriteNumber("violations", 0);
            w.WriteStartArray("findings");
            foreach (var o in synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Advisory).Concat(synthesis.Guardrails.Where(o => o.Status == GuardrailStatus.Waived)))
            {
                w.WriteStartObject();
                w.WriteString("status", o.Status == GuardrailStatus.Waived ? "waived" : "advisory");
                w.WriteString("rule", o.Finding.RuleId);
                w.WriteString("resource", o.Finding.Resource);
                w.WriteString("message", o.Finding.Message);
                if (o.WaiverReason is not null)
                {
                    w.WriteString("reason", o.WaiverReason);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteSection(Utf8JsonWriter w, string? deployment, string? target, IEnumerable<PlanNote> notes, IEnumerable<Resource> resources, IEnumerable<string> notSecret, IEnumerable<Waiver> waivers, DeploymentCost? cost, string? currency)
    {
        w.WriteStartObject();
        if (deployment is null)
        {
            w.WriteNull("deployment");
            w.WriteNull("target");
        }
        else
        {
            w.WriteString("deployment", deployment);
            w.WriteString("target", target);
        }

        w.WriteStartArray("notes");
        foreach (var n in notes)
        {
            w.WriteStartObject();
            w.WriteString("concept", n.Concept);
            w.WriteString("fidelity", n.Fidelity == Fidelity.Native ? "native" : "approximated");
            w.WriteString("text", n.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var r in resources.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("type", r.Type.Token);
            w.WriteStartObject("settings");
            foreach (var (key, text) in PlanReport.Settings(r.Properties, truncate: false))
            {
                w.WriteString(key, text);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("notSecret");
        foreach (var name in notSecret)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteStartArray("waivers");
        foreach (var waiver in waivers)
        {
            w.WriteStartObject();
            w.WriteString("rule", waiver.RuleId);
            if (waiver.Resource is not null)
            {
                w.WriteString("resource", waiver.Resource);
            }

            w.WriteString("reason", waiver.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (cost is null)
        {
            w.WriteNull("cost");
        }
        else
        {
            w.WriteStartObject("cost");
            w.WriteString("currency", currency);
            CostJsonWriter.WriteTotals(w, cost);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
