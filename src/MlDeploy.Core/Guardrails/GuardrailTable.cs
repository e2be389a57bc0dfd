using System.Globalization;
using System.Text;

namespace MlDeploy.Guardrails;

/// <summary>
/// Writes the guardrail table (docs/GUARDRAILS.md) from the catalogue and the extractors an engine was given, so the
/// documented coverage is the coverage the code has.
/// </summary>
public static class GuardrailTable
{
    /// <summary>Writes the table as Markdown (LF line ends).</summary>
    /// <param name="engine">The engine (its policies and extractors).</param>
    /// <param name="packs">The names of the packs whose extractors the engine holds, for the heading.</param>
    /// <returns>The Markdown text.</returns>
    public static string Markdown(GuardrailEngine engine, string packs)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var sb = new StringBuilder();
        sb.Append("# Guardrails\n\n")
            .Append(CultureInfo.InvariantCulture, $"Generated from the policy catalogue (`PolicyCatalogue.Default`) and the fact extractors of the {packs} pack by\n")
            .Append("`GuardrailTable.Markdown`; do not edit. Regenerate with\n`UPDATE_GOLDEN=1 dotnet test Deploy.sln --filter GuardrailTableTests`, then review the diff.\n\n")
            .Append("Each policy is one rule over facts; a resource kind is covered when its extractor reports a fact the rule reads.\n")
            .Append("Waivers name the policy id and cover it on every kind (or, given a `Resource`, on that one resource of the deployment). *Production*: advisory outside the production profile.\n\n")
            .Append("| policy | title | level | covers (via fact extractors) | upstream |\n|---|---|---|---|---|\n");
        foreach (var policy in engine.Policies)
        {
            var kinds = engine.Covering(policy.Id).Select(e => e.Kind).ToList();
            var level = policy.LevelNote is { } note ? $"{policy.Level} ({note})" : policy.Level.ToString();
            sb.Append(CultureInfo.InvariantCulture, $"| {policy.Id} | {policy.Title} | {level} | {(kinds.Count == 0 ? "(none yet)" : string.Join(", ", kinds))} | {string.Join(", ", policy.Upstream)} |\n");
        }

        return sb.ToString();
    }
}
