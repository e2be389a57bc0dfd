using MlDeploy.Targets;

namespace MlDeploy.Hosting;

/// <summary>
/// Where the stack program keeps model digests across runs (<see cref="ModelDigestCache"/>): the user's cache folder,
/// as other build tools keep theirs, so every project and clone of one machine shares it and nothing lands in the
/// repository. <c>MLDEPLOY_CACHE_DIR</c> names another folder; set to nothing, it turns the cache off.
/// </summary>
internal static class DigestCache
{
    /// <summary>The variable that moves the cache, or (set to nothing) turns it off.</summary>
    public const string Variable = "MLDEPLOY_CACHE_DIR";

    /// <summary>The cache for this environment, or null when it is turned off or no home folder is known.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The cache, or null.</returns>
    public static ModelDigestCache? For(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = environment(Variable) switch
        {
            { Length: 0 } => null,
            { } set => set,
            null when environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) => Path.Combine(xdg, "mldeploy"),
            null when environment("HOME") is { Length: > 0 } home => Path.Combine(home, ".cache", "mldeploy"),
            null => null,
        };
        return root is null ? null : new ModelDigestCache(Path.Combine(root, "model-digests"));
    }
}
