using MlDeploy.Graph;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>
/// A cloud's rules for tags or labels: which keys and values it accepts (checked at synth time, with the rule in the
/// message) and how the SDK's own keys are spelled (<c>mldeploy:deployment</c> on AWS; lowercase without <c>:</c> on
/// Google Cloud).
/// </summary>
public abstract class LabelPolicy
{
    /// <summary>Gets the spelling of one of the SDK's own keys.</summary>
    /// <param name="name">The key's name, e.g. <c>deployment</c>.</param>
    /// <returns>The key, e.g. <c>mldeploy:deployment</c>.</returns>
    public abstract string SdkKey(string name);

    /// <summary>Checks the user's tags.</summary>
    /// <param name="tags">The tags.</param>
    /// <param name="path">The deployment's path.</param>
    /// <returns>Every problem.</returns>
    public abstract IEnumerable<Diagnostic> Validate(IReadOnlyDictionary<string, string> tags, DeploymentPath path);

    /// <summary>The user's tags plus the SDK's, sorted by key; a user's tag wins over an SDK tag of the same key.</summary>
    /// <param name="tags">The user's tags.</param>
    /// <param name="sdk">The SDK's tags by <see cref="SdkKey"/> name.</param>
    /// <returns>The tag map.</returns>
    public MapValue Apply(IReadOnlyDictionary<string, string> tags, params (string Name, string Value)[] sdk)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(sdk);
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in sdk)
        {
            all[SdkKey(name)] = SdkValue(value);
        }

        foreach (var (key, value) in tags)
        {
            all[key] = value;
        }

        return Value.SortedMap(all);
    }

    /// <summary>Gets the spelling of one of the SDK's own values as the cloud accepts it (e.g. the waiver list).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value as the cloud accepts it.</returns>
    public string SdkValueOf(string value) => SdkValue(value);

    /// <summary>Gets the spelling of one of the SDK's own values (names of deployments, stacks and projects).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value as the cloud accepts it.</returns>
    protected virtual string SdkValue(string value) => value;
}
