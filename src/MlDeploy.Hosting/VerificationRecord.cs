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
