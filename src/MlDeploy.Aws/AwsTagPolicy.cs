using System.Globalization;
using System.Text;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Aws;

/// <summary>
/// AWS tags: keys of 1-128 and values of at most 256 characters, letters, digits, spaces and <c>_ . : / = + - @</c>
/// only, and no key starting with the reserved <c>aws:</c> (AWS "Tag naming limits and requirements"; the character
/// set is what the Resource Groups Tagging API and most services accept). The SDK's keys are <c>mldeploy:&lt;name&gt;</c>.
/// </summary>
internal sealed class AwsTagPolicy : LabelPolicy
{
    public static AwsTagPolicy Instance { get; } = new();

    public override string SdkKey(string name) => $"mldeploy:{name}";

    public override IEnumerable<Diagnostic> Validate(IReadOnlyDictionary<string, string> tags, DeploymentPath path)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (key.Length is < 1 or > 128)
            {
                yield return path.Error($"tags[{key}]", "tag keys must have 1-128 characters", "shorten the key");
            }
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                yield return path.Error($"tags[{key}]", "the 'aws:' prefix is reserved", "use another prefix");
            }
            else if (key.StartsWith("mldeploy:", StringComparison.Ordinal))
            {
                yield return path.Error($"tags[{key}]", "the 'mldeploy:' prefix is the SDK's own", "use another prefix");
            }
            else if (!IsAllowed(key))
            {
                yield return path.Error($"tags[{key}]", "AWS tag keys may contain only letters, digits, spaces and _ . : / = + - @", "remove the other characters");
            }

            if (value is null || value.Length > 256)
            {
                yield return path.Error($"tags[{key}]", "tag values may have at most 256 characters", "shorten the value");
            }
            else if (!IsAllowed(value))
            {
                yield return path.Error($"tags[{key}]", "AWS tag values may contain only letters, digits, spaces and _ . : / = + - @", "remove the other characters");
            }
        }
    }

    /// <summary>
    /// AWS documents the pattern <c>^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$</c> (e.g. the EFS and Resource Groups Tagging API
    /// <c>Tag</c> types). AWS evaluates it over code points, so a letter outside the Basic Multilingual Plane (CJK
    /// Extension B, 𠀋) is a letter; .NET's regex would see two surrogates, so the check walks runes instead.
    /// </summary>
    private static bool IsAllowed(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var allowed = Rune.GetUnicodeCategory(rune) switch
            {
                >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter => true,
                >= UnicodeCategory.DecimalDigitNumber and <= UnicodeCategory.OtherNumber => true,
                >= UnicodeCategory.SpaceSeparator and <= UnicodeCategory.ParagraphSeparator => true,
                _ => rune.IsAscii && "_.:/=+-@".Contains((char)rune.Value, StringComparison.Ordinal),
            };
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}
