namespace MlDeploy.Graph;

/// <summary>A stack output.</summary>
/// <param name="Name">The output name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Owner">The deployment it describes, if any.</param>
public sealed record StackOutput(string Name, Value Value, string? Owner = null);
