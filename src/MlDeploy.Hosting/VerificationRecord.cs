using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MlDeploy.Verification;

namespace MlDeploy.Hosting;

/// <summary>
/// The record <c>verify --record</c> writes for <c>promote</c> (schema in docs/VERIFY.md): members in a fixed order,
/// deployments sorted by name, checks in the order they ran, so equal runs write equal files.
/// </summary>
internal static class VerificationRecord
{
    /// <summary>Reads a record back for <c>promote</c>: what it needs of it, missing or mistyped members as null or false.</summary>
    /// <param name="json">The record's text.</param>
    /// <returns>The stack, whether every check passed, and each deployment's verified image and model digest.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static Verified Read(string json)
    {
        using var record = JsonDocument.Parse(json);
        var root = record.RootElement;
        var deployments = new Dictionary<string, (string? Image, string? ModelSha256)>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("deployments", out var listed) && listed.ValueKind == JsonValueKind.Object)
        {
            foreach (var d in listed.EnumerateObject())
            {
                deployments[d.Name] = (Text(d.Value, "image"), Text(d.Value, "modelSha256"));
            }
        }

        var passed = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True;
        return new Verified(Text(root, "stack"), passed, deployments);

        static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    public static string Write(string stack, bool passed, IReadOnlyList<(string Deployment, string? Image, string? ModelSha256)> deployments, IReadOnlyList<CheckResult> checks)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("stack", stack);
            w.WriteBoolean("passed", passed);
            w.WriteStartObject("deployments");
            foreach (var (deployment, image, modelSha256) in deployments.OrderBy(d => d.Deployment, StringComparer.Ordinal))
            {
                w.WriteStartObject(deployment);
                w.WriteString("image", image);
                w.WriteString("modelSha256", modelSha256);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("checks");
            foreach (var check in checks)
            {
                w.WriteStartObject();
                w.WriteString("deployment", check.Deployment);
                w.WriteString("check", check.Check);
                w.WriteString("status", Status(check.Status));
                w.WriteString("detail", check.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "fail",
        _ => "skip",
    };
}

/// <summary>What a verify record says, as <c>promote</c> reads it.</summary>
/// <param name="Stack">The verified stack, or null.</param>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Deployments">Each deployment's verified image and model digest.</param>
internal sealed record Verified(string? Stack, bool Passed, IReadOnlyDictionary<string, (string? Image, string? ModelSha256)> Deployments);
