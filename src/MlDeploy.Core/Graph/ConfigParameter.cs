namespace MlDeploy.Graph;

/// <summary>A stack configuration value the program reads at deploy time (used for secrets, so they are never inlined).</summary>
/// <param name="Key">The key without the project prefix.</param>
/// <param name="Type">The Pulumi YAML config type.</param>
/// <param name="Secret">Whether the value is secret.</param>
public sealed record ConfigParameter(string Key, ConfigType Type, bool Secret);

/// <summary>Pulumi YAML config types.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are named after the Pulumi YAML config types they print as.")]
public enum ConfigType
{
    /// <summary>A string.</summary>
    String,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Boolean,
}
