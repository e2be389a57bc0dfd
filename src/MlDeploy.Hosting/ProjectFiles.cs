using System.Collections.Immutable;
using System.Text.Json;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>The Pulumi project on disk: its root, name, and the per-stack config files.</summary>
/// <param name="RootDirectory">The folder holding Pulumi.yaml.</param>
/// <param name="Name">The project name.</param>
/// <param name="StackConfigDirectory">The folder holding Pulumi.&lt;stack&gt;.yaml files.</param>
public sealed record ProjectFiles(string RootDirectory, string Name, string StackConfigDirectory)
{
    /// <summary>Finds the project by walking up from a folder to the first Pulumi.yaml.</summary>
    /// <param name="startDirectory">Where to start.</param>
    /// <returns>The project.</returns>
    /// <exception cref="InvalidInputException">No Pulumi.yaml was found, or it is malformed.</exception>
    public static ProjectFiles Find(string startDirectory)
    {
        var root = FindRoot(startDirectory);
        return ProjectFile.Read(root, Path.Combine(root, "Pulumi.yaml"), "Pulumi.yaml");
    }

    /// <summary>Finds the project's root folder (the first folder at or above <paramref name="startDirectory"/> holding Pulumi.yaml) without reading the file.</summary>
    /// <param name="startDirectory">Where to start.</param>
    /// <returns>The full path of the root folder.</returns>
    /// <exception cref="InvalidInputException">No Pulumi.yaml was found.</exception>
    internal static string FindRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidInputException(new Diagnostic(startDirectory, "is not inside a Pulumi project (no Pulumi.yaml here or above)", "run from the project folder"));
    }

    /// <summary>Lists the stacks that have a config file, ordered by name.</summary>
    /// <returns>The stack names.</returns>
    /// <exception cref="InvalidInputException">The stack folder cannot be listed.</exception>
    public ImmutableArray<string> Stacks()
    {
        try
        {
            return Directory.Exists(StackConfigDirectory)
                ? [.. Directory.EnumerateFiles(StackConfigDirectory, "Pulumi.*.yaml")
                    .Select(Path.GetFileName)
                    .Where(f => f!.Length > "Pulumi..yaml".Length)
                    .Select(f => f!["Pulumi.".Length..^".yaml".Length])
                    .Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new Diagnostic(DisplayPath(StackConfigDirectory), "cannot be listed", "check that the stack config folder is readable"));
        }
    }

    /// <summary>Reads a stack's config file.</summary>
    /// <param name="stack">The stack name.</param>
    /// <returns>The config.</returns>
    /// <exception cref="InvalidInputException">The file is missing or malformed.</exception>
    public StackConfig ReadStack(string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (!Names.IsValid(stack))
        {
            // Checked before the name becomes part of a path: "../x" or "a/b" would read a file outside the stack folder.
            throw new InvalidInputException(new Diagnostic($"--stack {stack}", "is not a valid stack name", Names.Rule));
        }

        var file = StackFile(stack);
        if (!File.Exists(file))
        {
            var known = Stacks();
            throw new InvalidInputException(new Diagnostic(
                $"--stack {stack}",
                $"there is no config file {Path.GetRelativePath(RootDirectory, file)}",
                known.IsEmpty ? "create it with `pulumi stack init`" : $"known stacks: {string.Join(", ", known)}"));
        }

        return StackConfigFile.Read(Name, stack, file, DisplayPath(file));
    }

    /// <summary>Reads the config Pulumi passes to the compiler.</summary>
    /// <param name="project">PULUMI_PROJECT (falls back to the project file's name).</param>
    /// <param name="stack">PULUMI_STACK.</param>
    /// <param name="configJson">PULUMI_CONFIG, a JSON object of fully qualified keys to string values.</param>
    /// <param name="secretKeysJson">PULUMI_CONFIG_SECRET_KEYS, a JSON array, or null.</param>
    /// <returns>The config.</returns>
    public static StackConfig FromEnvironment(string project, string stack, string? configJson, string? secretKeysJson)
    {
        var values = ReadJson(configJson, ConfigJson.ReadObject, "PULUMI_CONFIG", "a JSON object of strings", stack);
        var secretKeys = ReadJson(secretKeysJson, ConfigJson.ReadArray, "PULUMI_CONFIG_SECRET_KEYS", "a JSON array of strings", stack);

        // Secret values are decrypted in PULUMI_CONFIG; keep them out of reach so they cannot be inlined.
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in secretKeys ?? [])
        {
            secrets.Add(key);
        }

        var readable = new Dictionary<string, ConfigValue>(values?.Count ?? 0, StringComparer.Ordinal);
        foreach (var (key, value) in values ?? [])
        {
            readable.Add(key, new ConfigValue(secrets.Contains(key) ? null : value, ConfigShape.Text, 0));
        }

        return new StackConfig(project, stack, $"PULUMI_CONFIG (stack {stack})", $"Pulumi.{stack}.yaml", readable, secrets);
    }

    private static T? ReadJson<T>(string? json, Func<string, T?> read, string variable, string shape, string stack)
        where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : read(json);
        }
        catch (JsonException e)
        {
            // The position, never the text: PULUMI_CONFIG holds decrypted secrets.
            throw new InvalidInputException(new Diagnostic($"{variable} (stack {stack})", $"is not {shape} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", "Pulumi sets it; check that nothing else overrides it"));
        }
    }

    /// <summary>The config file of a stack.</summary>
    /// <param name="stack">The stack name.</param>
    /// <returns>Its full path.</returns>
    internal string StackFile(string stack) => Path.Combine(StackConfigDirectory, $"Pulumi.{stack}.yaml");

    /// <summary>How messages name a file: relative to the project root, as people see it in the repository.</summary>
    /// <param name="path">The full path.</param>
    /// <returns>The path to show.</returns>
    internal string DisplayPath(string path) => Path.GetRelativePath(RootDirectory, path).Replace('\\', '/');
}
