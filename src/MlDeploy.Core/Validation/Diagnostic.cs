namespace MlDeploy.Validation;

/// <summary>One problem with the input: where it is, what is wrong, and how to fix it.</summary>
/// <param name="Path">The location, e.g. <c>deployments[fraud].scaling.min</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">How to fix it, or null.</param>
public sealed record Diagnostic(string Path, string Message, string? Hint = null)
{
    /// <summary>Formats as <c>path: message (hint)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Hint is null ? $"{Path}: {Message}" : $"{Path}: {Message} ({Hint})";
}
