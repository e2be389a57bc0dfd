using System.Collections.Immutable;
using System.Text.Json;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads what <c>pulumi stack output --json --show-secrets=false</c> prints: one JSON object of output name to value.
/// Strings are kept as printed (a secret is the string <c>[secret]</c>), other values as their JSON text.
/// </summary>
internal static class StackOutputsFile
{
    public static ImmutableSortedDictionary<string, string?> Read(string argument, string workingDirectory, TextReader stdin, string stack)
    {
        var fix = $"run `pulumi stack output --json --show-secrets=false --stack {stack}` and pass what it prints (a file, or - for stdin)";
        var display = argument == "-" ? "--outputs - (stdin)" : $"--outputs {argument}";
        string text;
        try
        {
            text = argument == "-" ? stdin.ReadToEnd() : File.ReadAllText(Path.Combine(workingDirectory, argument));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException(new Diagnostic(display, $"cannot be read: {e.Message}", fix));
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(new Diagnostic(display, $"is a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object of output names to values", fix));
            }

            var values = ImmutableSortedDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }

            return values.ToImmutable();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new Diagnostic(display, $"is not valid JSON: {e.Message}", fix));
        }
    }
}
