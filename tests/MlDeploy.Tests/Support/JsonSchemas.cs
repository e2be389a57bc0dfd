using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace MlDeploy.Tests.Support;

/// <summary>Checks a verb's <c>--json</c> output against its documented schema (docs/schemas) with JsonSchema.Net.</summary>
internal static class JsonSchemas
{
    // A schema's $id is registered once per registry: build each file once per test run.
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>Gets every violation of docs/schemas/<paramref name="file"/> in <paramref name="json"/> (empty when it conforms).</summary>
    /// <param name="file">The schema's file name, e.g. <c>plan.schema.json</c>.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>Each violation as "instance location: message".</returns>
    public static IReadOnlyList<string> Violations(string file, string json)
    {
        var schema = Schemas.GetOrAdd(file, f => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(Repo.PathOf("docs", "schemas", f))))).Value;
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }
}
