namespace MlDeploy.Graph;

/// <summary>Factories for the Pulumi YAML built-in functions.</summary>
public static class Fn
{
    /// <summary>Serializes a value to a JSON string at deploy time (for IAM policies and other JSON-string inputs).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The call.</returns>
    public static Value ToJson(Value value) => new FunctionCall(BuiltinFunction.ToJson, value);

    /// <summary>A local file uploaded as an asset.</summary>
    /// <param name="path">The path relative to the project root.</param>
    /// <returns>The call.</returns>
    public static Value FileAsset(string path) => new FunctionCall(BuiltinFunction.FileAsset, path);

    /// <summary>A local directory or archive file.</summary>
    /// <param name="path">The path relative to the project root.</param>
    /// <returns>The call.</returns>
    public static Value FileArchive(string path) => new FunctionCall(BuiltinFunction.FileArchive, path);

    /// <summary>Joins strings with a separator.</summary>
    /// <param name="separator">The separator.</param>
    /// <param name="items">The items.</param>
    /// <returns>The call.</returns>
    public static Value Join(string separator, Value items) =>
        new FunctionCall(BuiltinFunction.Join, Value.List(separator, items));

    /// <summary>Selects an item of a list.</summary>
    /// <param name="index">The index.</param>
    /// <param name="list">The list.</param>
    /// <returns>The call.</returns>
    public static Value Select(int index, Value list) =>
        new FunctionCall(BuiltinFunction.Select, Value.List(index, list));

    /// <summary>Marks a value secret.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The secret.</returns>
    public static Value Secret(Value value) => new SecretValue(value);

    /// <summary>The current stack name.</summary>
    public static Value Stack { get; } = new BuiltinReference(PulumiBuiltin.Stack);

    /// <summary>The current project name.</summary>
    public static Value Project { get; } = new BuiltinReference(PulumiBuiltin.Project);
}
