using MlDeploy.Validation;

namespace MlDeploy.Hosting.Graphs;

/// <summary>Parses <c>--format</c>.</summary>
internal static class GraphFormats
{
    /// <summary>The accepted spellings, as the hint lists them.</summary>
    public const string Names = "mermaid, dot or html";

    /// <summary>Parses a <c>--format</c> value (lower case, as documented).</summary>
    /// <param name="value">The value, or null for the default.</param>
    /// <returns>The format.</returns>
    /// <exception cref="InvalidInputException">It names no format.</exception>
    public static GraphFormat Parse(string? value) => value switch
    {
        null or "mermaid" => GraphFormat.Mermaid,
        "dot" => GraphFormat.Dot,
        "html" => GraphFormat.Html,
        _ => throw new InvalidInputException(new Diagnostic($"--format {value}", "is not a graph format", $"use {Names}")),
    };
}
