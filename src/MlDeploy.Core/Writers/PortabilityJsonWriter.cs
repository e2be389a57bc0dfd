using System.Text.Json;
using MlDeploy.Portability;
using MlDeploy.Validation;

namespace MlDeploy.Writers;

/// <summary>
/// Writes the portability matrix for machines (<c>portability --json</c>) in the shape
/// docs/schemas/portability.schema.json documents, with <see cref="Utf8JsonWriter"/> like the plan's and the cost's JSON
/// (no reflection and no serializer metadata in the NativeAOT program; a fixed key order).
/// </summary>
public static class PortabilityJsonWriter
{
    /// <summary>The schema version; a change that removes or renames a field increases it.</summary>
    public const int Version = 1;

    /// <summary>Writes the matrix.</summary>
    /// <param name="report">The computed matrix.</param>
    /// <returns>The JSON text, ending with a newline.</returns>
    public static string Write(PortabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "portability");
            w.WriteNumber("version", Version);
            w.WriteString("project", report.Project);
            w.WriteString("stack", report.Stack);
            w.WriteStartArray("concepts");
            foreach (var concept in PortabilityConcepts.All)
            {
                w.WriteStartObject();
                w.WriteString("id", Id(concept));
                w.WriteString("title", PortabilityConcepts.Title(concept));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("deployments");
            foreach (var d in report.Deployments)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Deployment);
                w.WriteString("declaredTarget", d.DeclaredTarget);
                w.WriteStartArray("targets");
                foreach (var c in d.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("target", c.Target);
                    w.WriteString("displayName", c.DisplayName);
                    w.WriteString("cloud", Id(c.Cloud));
                    w.WriteBoolean("declared", c.Declared);
                    w.WriteBoolean("valid", c.Valid);
                    WriteProblems(w, "problems", c.Problems);
                    w.WriteStartArray("cells");
                    foreach (var cell in c.Cells)
                    {
                        w.WriteStartObject();
                        w.WriteString("concept", Id(cell.Concept));
                        w.WriteString("status", Id(cell.Status));
                        w.WriteString("text", cell.Text);
                        WriteProblems(w, "diagnostics", cell.Diagnostics);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteProblems(Utf8JsonWriter w, string name, IEnumerable<Diagnostic> problems)
    {
        w.WriteStartArray(name);
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString("path", p.Path);
            w.WriteString("message", p.Message);
            if (p.Hint is not null)
            {
                w.WriteString("hint", p.Hint);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // The enum member in camelCase, as the schema lists them (NotEvaluated -> notEvaluated).
    private static string Id<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
