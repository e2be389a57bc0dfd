using System.Collections.Immutable;

namespace MlDeploy.Writers;

/// <summary>A node of the small YAML document model the writers print.</summary>
public abstract record YamlNode;

/// <summary>A scalar: either a string (quoted when a YAML reader could re-type it) or raw text (numbers, booleans, null).</summary>
/// <param name="Text">The text.</param>
/// <param name="IsString">True for strings; false for raw tokens written as they are.</param>
public sealed record YamlScalar(string Text, bool IsString) : YamlNode
{
    /// <summary>Creates a string scalar.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The scalar.</returns>
    public static YamlScalar OfString(string text) => new(text, true);

    /// <summary>Creates a raw scalar (a number, boolean or null token).</summary>
    /// <param name="token">The token.</param>
    /// <returns>The scalar.</returns>
    public static YamlScalar Raw(string token) => new(token, false);
}

/// <summary>A sequence.</summary>
/// <param name="Items">The items.</param>
public sealed record YamlSequence(ImmutableArray<YamlNode> Items) : YamlNode;

/// <summary>A mapping whose entries keep their order.</summary>
/// <param name="Entries">The entries.</param>
public sealed record YamlMapping(ImmutableArray<KeyValuePair<string, YamlNode>> Entries) : YamlNode;
