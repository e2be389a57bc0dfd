using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlDeploy.Portability;
using MlDeploy.Validation;

namespace MlDeploy.Hosting.Portability;

/// <summary>
/// <c>portability --json</c>: the <see cref="PortabilityReport"/> in the shape docs/schemas/portability.schema.json
/// documents, written through a source-generated context (no reflection, so NativeAOT keeps it).
/// </summary>
internal static class PortabilityJson
{
    /// <summary>The schema version the output declares; raise it when a field changes meaning or disappears.</summary>
    public const int SchemaVersion = 1;

    private static readonly PortabilityJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // The text is read by people too: keep '<', '>', '&' and non-ASCII letters as they are (still valid JSON).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes the report.</summary>
    /// <param name="report">The matrix.</param>
    /// <returns>The JSON text with a final line end.</returns>
    public static string Write(PortabilityReport report) =>
        JsonSerializer.Serialize(Document(report), Context.PortabilityDocument) + "\n";

    private static PortabilityDocument Document(PortabilityReport report) => new(
        SchemaVersion,
        report.Project,
        report.Stack,
        [.. PortabilityConcepts.All.Select(c => new ConceptDocument(Id(c), PortabilityConcepts.Title(c)))],
        [.. report.Deployments.Select(d => new DeploymentDocument(d.Deployment, d.DeclaredTarget, [.. d.Columns.Select(c => new TargetDocument(
            c.Target,
            c.DisplayName,
            Id(c.Cloud),
            c.Declared,
            c.Valid,
            [.. c.Problems.Select(Problem)],
            [.. c.Cells.Select(x => new CellDocument(Id(x.Concept), Id(x.Status), x.Text, [.. x.Diagnostics.Select(Problem)]))]))]))]);

    private static ProblemDocument Problem(Diagnostic d) => new(d.Path, d.Message, d.Hint);

    private static string Id<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>The document (see docs/schemas/portability.schema.json).</summary>
internal sealed record PortabilityDocument(int SchemaVersion, string Project, string Stack, IReadOnlyList<ConceptDocument> Concepts, IReadOnlyList<DeploymentDocument> Deployments);

/// <summary>A row of the matrix.</summary>
internal sealed record ConceptDocument(string Id, string Title);

/// <summary>One deployment on every target.</summary>
internal sealed record DeploymentDocument(string Name, string DeclaredTarget, IReadOnlyList<TargetDocument> Targets);

/// <summary>One deployment on one target.</summary>
internal sealed record TargetDocument(string Target, string DisplayName, string Cloud, bool Declared, bool Valid, IReadOnlyList<ProblemDocument> Problems, IReadOnlyList<CellDocument> Cells);

/// <summary>One concept on one target.</summary>
internal sealed record CellDocument(string Concept, string Status, string Text, IReadOnlyList<ProblemDocument> Diagnostics);

/// <summary>A diagnostic as <c>validate</c> prints it, in parts.</summary>
internal sealed record ProblemDocument(string Path, string Message, string? Hint);

/// <summary>The source-generated serializer of <see cref="PortabilityDocument"/>.</summary>
[JsonSerializable(typeof(PortabilityDocument))]
internal sealed partial class PortabilityJsonContext : JsonSerializerContext;
