using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Azure;

/// <summary>
/// Azure tags (Azure Resource Manager docs, "Use tags to organize your Azure resources", limitations): at most 50 per
/// resource; names of at most 512 characters (128 on storage accounts) that contain none of <c>&lt; &gt; % &amp; \ ? /</c>;
/// values of at most 256 characters. Names are case-insensitive. The SDK's own keys are <c>mldeploy:&lt;name&gt;</c>.
/// </summary>
internal sealed class AzureTagPolicy : LabelPolicy
{
    /// <summary>The most tags one resource takes.</summary>
    public const int MaxTags = 50;

    /// <summary>How many of them the SDK may use: deployment, project, stack and waivers.</summary>
    public const int SdkTags = 4;

    private static readonly System.Buffers.SearchValues<char> s_forbidden = System.Buffers.SearchValues.Create("<>%&\\?/");

    public static AzureTagPolicy Instance { get; } = new();

    public override string SdkKey(string name) => $"mldeploy:{name}";

    public override IEnumerable<Diagnostic> Validate(IReadOnlyDictionary<string, string> tags, DeploymentPath path)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(path);
        if (tags.Count > MaxTags - SdkTags)
        {
            yield return path.Error("tags", $"Azure resources take at most {MaxTags} tags, and the SDK sets up to {SdkTags} of its own; got {tags.Count}", $"keep at most {MaxTags - SdkTags} tags");
        }

        foreach (var key in tags.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.First()))
        {
            yield return path.Error($"tags[{key}]", "Azure tag names are case-insensitive, and this name is given twice in different cases", "keep one of them");
        }

        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (key.Length is < 1 or > 512)
            {
                yield return path.Error($"tags[{key}]", "Azure tag names must have 1-512 characters", "shorten the name");
            }
            else if (key.StartsWith("mldeploy:", StringComparison.OrdinalIgnoreCase))
            {
                yield return path.Error($"tags[{key}]", "the 'mldeploy:' prefix is the SDK's own", "use another prefix");
            }
            else if (key.AsSpan().ContainsAny(s_forbidden))
            {
                yield return path.Error($"tags[{key}]", "Azure tag names may not contain < > % & \\ ? /", "remove those characters");
            }

            if (value is null || value.Length > 256)
            {
                yield return path.Error($"tags[{key}]", "Azure tag values may have at most 256 characters", "shorten the value");
            }
        }
    }
}
