using System.Collections.Immutable;

namespace MlDeploy.Verification;

/// <summary>
/// One deployment's stack outputs as <c>pulumi stack output --json</c> printed them, keyed without the
/// <c>&lt;deployment&gt;-</c> prefix. The host has already checked that every output the program declares is present.
/// </summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="Values">The values: strings as printed, other JSON values as their JSON text, null for JSON null.</param>
public sealed record DeploymentOutputs(string Deployment, ImmutableSortedDictionary<string, string?> Values)
{
    /// <summary>What <c>pulumi stack output --show-secrets=false</c> prints for a secret output.</summary>
    public const string SecretMarker = "[secret]";

    /// <summary>Gets an output's value, or null when the program exports no such output or it is null.</summary>
    /// <param name="key">The key, e.g. <c>endpoint-name</c>.</param>
    /// <returns>The value.</returns>
    public string? Get(string key) => Values.GetValueOrDefault(key);

    /// <summary>The full output name, as a message shows it.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>&lt;deployment&gt;-&lt;key&gt;</c>.</returns>
    public string NameOf(string key) => $"{Deployment}-{key}";
}
