using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlDeploy.Writers;

/// <summary>
/// The one way the verbs' <c>--json</c> outputs are written: indented, non-ASCII letters and <c>&lt;&gt;&amp;</c> kept as
/// they are (still valid JSON, and readable in a terminal), a final newline, through <see cref="Utf8JsonWriter"/> so the
/// NativeAOT program needs no reflection or serializer metadata and the key order is the writer's.
/// </summary>
internal static class JsonText
{
    /// <summary>Writes one JSON document.</summary>
    /// <param name="write">Writes the document's value.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
