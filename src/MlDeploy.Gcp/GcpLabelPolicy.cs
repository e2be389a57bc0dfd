using System.Text;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Gcp;

/// <summary>
/// Google Cloud labels (Resource Manager docs, "Creating and managing labels", requirements): at most 64 per resource;
/// keys of 1-63 characters that start with a lowercase letter; keys and values only lowercase letters, digits,
/// <c>_</c> and <c>-</c>; values of at most 63 characters (may be empty). There is no <c>:</c>, so the SDK's own keys
/// are <c>mldeploy-&lt;name&gt;</c> and its values are lowercased with other characters mapped to <c>_</c>.
/// </summary>
internal sealed class GcpLabelPolicy : LabelPolicy
{
    /// <summary>The most labels one resource takes.</summary>
    public const int MaxLabels = 64;

    /// <summary>How many of them the SDK may use: deployment, project, stack and waivers.</summary>
    public const int SdkLabels = 4;

    /// <summary>The longest key or value.</summary>
    public const int MaxLength = 63;

    public static GcpLabelPolicy Instance { get; } = new();

    public override string SdkKey(string name) => $"mldeploy-{name}";

    public override IEnumerable<Diagnostic> Validate(IReadOnlyDictionary<string, string> tags, DeploymentPath path)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(path);
        if (tags.Count > MaxLabels - SdkLabels)
        {
            yield return path.Error("tags", $"Google Cloud resources take at most {MaxLabels} labels, and the SDK sets up to {SdkLabels} of its own; got {tags.Count}", $"keep at most {MaxLabels - SdkLabels} labels");
        }

        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (key.Length is < 1 or > MaxLength || !char.IsAsciiLetterLower(key[0]) || !key.All(IsLabelChar))
            {
                yield return path.Error($"tags[{key}]", "Google Cloud label keys have 1-63 lowercase letters, digits, '_' or '-' and start with a letter (no ':')", $"use e.g. '{Suggest(key)}'");
            }
            else if (key.StartsWith("mldeploy-", StringComparison.Ordinal))
            {
                yield return path.Error($"tags[{key}]", "the 'mldeploy-' prefix is the SDK's own", "use another prefix");
            }

            if (value is null || value.Length > MaxLength || !value.All(IsLabelChar))
            {
                yield return path.Error($"tags[{key}]", "Google Cloud label values have at most 63 lowercase letters, digits, '_' or '-'", $"use e.g. '{Suggest(value ?? string.Empty)}'");
            }
        }
    }

    protected override string SdkValue(string value)
    {
        var text = Suggest(value);
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    private static bool IsLabelChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-';

    /// <summary>The text lowercased, every other character mapped to '_'.</summary>
    private static string Suggest(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(IsLabelChar(c) ? c : '_');
        }

        return sb.ToString();
    }
}
