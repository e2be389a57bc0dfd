namespace MlDeploy.Hosting;

/// <summary>What kind of value a config key holds, so a list or mapping is never read as a string.</summary>
internal enum ConfigShape
{
    /// <summary>Text of unknown shape: PULUMI_CONFIG passes lists and mappings as JSON strings, indistinguishable from text.</summary>
    Text,

    /// <summary>A single YAML value.</summary>
    Scalar,

    /// <summary>A YAML list, kept as a JSON array.</summary>
    List,

    /// <summary>A YAML mapping, kept as a JSON object.</summary>
    Map,
}

/// <summary>One config value and where it came from.</summary>
/// <param name="Text">The value (JSON for lists and mappings), or null for a secret that cannot be read.</param>
/// <param name="Shape">What kind of value it is.</param>
/// <param name="Line">The line of its key in the stack config file, or 0 when it came from elsewhere.</param>
internal sealed record ConfigValue(string? Text, ConfigShape Shape, long Line);
