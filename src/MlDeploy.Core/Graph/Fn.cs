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

    /// <summary>Splits a string at each occurrence of a delimiter.</summary>
    /// <param name="delimiter">The delimiter.</param>
    /// <param name="text">The string.</param>
    /// <returns>The call, a list of strings.</returns>
    public static Value Split(string delimiter, Value text) =>
        new FunctionCall(BuiltinFunction.Split, Value.List(delimiter, text));

    /// <summary>Decodes a base64 string.</summary>
    /// <param name="encoded">The base64 text.</param>
    /// <returns>The call.</returns>
    public static Value FromBase64(Value encoded) => new FunctionCall(BuiltinFunction.FromBase64, encoded);

    /// <summary>Marks a value secret.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The secret.</returns>
    public static Value Secret(Value value) => new SecretValue(value);

    /// <summary>The current stack name.</summary>
    public static Value Stack { get; } = new BuiltinReference(PulumiBuiltin.Stack);

    /// <summary>The current project name.</summary>
    public static Value Project { get; } = new BuiltinReference(PulumiBuiltin.Project);
}
