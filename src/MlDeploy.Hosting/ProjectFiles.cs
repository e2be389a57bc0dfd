using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using MlDeploy.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        var file = Path.Combine(root, "Pulumi.yaml");
        var project = LoadMapping(file);
        var name = Scalar(project, "name") ?? throw new InvalidInputException(new Diagnostic(file, "has no 'name'", "add `name: <project>`"));
        var configDir = Scalar(project, "stackConfigDir") ?? ".";
        return new ProjectFiles(root, name, Path.GetFullPath(Path.Combine(root, configDir)));
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
    public ImmutableArray<string> Stacks() =>
        Directory.Exists(StackConfigDirectory)
            ? [.. Directory.EnumerateFiles(StackConfigDirectory, "Pulumi.*.yaml")
                .Select(f => Path.GetFileName(f)["Pulumi.".Length..^".yaml".Length])
                .Where(s => s.Length > 0)
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Reads a stack's config file.</summary>
    /// <param name="stack">The stack name.</param>
    /// <returns>The config.</returns>
    /// <exception cref="InvalidInputException">The file is missing or malformed.</exception>
    public StackConfig ReadStack(string stack)
    {
        var file = Path.Combine(StackConfigDirectory, $"Pulumi.{stack}.yaml");
        if (!File.Exists(file))
        {
            var known = Stacks();
            throw new InvalidInputException(new Diagnostic(
                $"--stack {stack}",
                $"there is no config file {Path.GetRelativePath(RootDirectory, file)}",
                known.IsEmpty ? "create it with `pulumi stack init`" : $"known stacks: {string.Join(", ", known)}"));
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var secrets = new List<string>();
        var root = LoadMapping(file);
        if (root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode))
        {
            if (configNode is not YamlMappingNode config)
            {
                throw new InvalidInputException(new Diagnostic($"{file}: config", "must be a mapping of keys to values", null));
            }

            foreach (var (keyNode, valueNode) in config.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                if (valueNode is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("secure")))
                {
                    secrets.Add(key);
                    values[key] = null;
                }
                else
                {
                    values[key] = ToConfigString(valueNode);
                }
            }
        }

        return new StackConfig(Name, stack, values, secrets);
    }

    /// <summary>Reads the config Pulumi passes to the compiler.</summary>
    /// <param name="project">PULUMI_PROJECT (falls back to the project file's name).</param>
    /// <param name="stack">PULUMI_STACK.</param>
    /// <param name="configJson">PULUMI_CONFIG, a JSON object of fully qualified keys to string values.</param>
    /// <param name="secretKeysJson">PULUMI_CONFIG_SECRET_KEYS, a JSON array, or null.</param>
    /// <returns>The config.</returns>
    public static StackConfig FromEnvironment(string project, string stack, string? configJson, string? secretKeysJson)
    {
        Dictionary<string, string?>? values;
        List<string>? secretKeys;
        try
        {
            values = string.IsNullOrWhiteSpace(configJson) ? [] : ConfigJson.ReadObject(configJson);
            secretKeys = string.IsNullOrWhiteSpace(secretKeysJson) ? [] : ConfigJson.ReadArray(secretKeysJson);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new Diagnostic("PULUMI_CONFIG", $"is not a JSON object of strings: {e.Message}", "Pulumi sets it; check that nothing else overrides it"));
        }

        // Secret values are decrypted in PULUMI_CONFIG; keep them out of reach so they cannot be inlined.
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in secretKeys ?? [])
        {
            secrets.Add(key);
        }

        var readable = new Dictionary<string, string?>(values?.Count ?? 0, StringComparer.Ordinal);
        foreach (var (key, value) in values ?? [])
        {
            readable.Add(key, secrets.Contains(key) ? null : value);
        }

        return new StackConfig(project, stack, readable, secrets);
    }

    private static YamlMappingNode LoadMapping(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new InvalidInputException(new Diagnostic(file, "is not a YAML mapping", null));
        }
        catch (YamlException e)
        {
            throw new InvalidInputException(new Diagnostic($"{file}:{e.Start.Line}:{e.Start.Column}", e.Message, "fix the YAML syntax"));
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    private static string ToConfigString(YamlNode node)
    {
        if (node is YamlScalarNode s)
        {
            return s.Value ?? string.Empty;
        }

        // Structured values are kept as compact JSON, the way Pulumi passes them in PULUMI_CONFIG.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode s:
                writer.WriteStringValue(s.Value);
                break;
            case YamlSequenceNode q:
                writer.WriteStartArray();
                foreach (var item in q.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlMappingNode m:
                writer.WriteStartObject();
                foreach (var (k, v) in m.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)k).Value ?? string.Empty);
                    Write(writer, v);
                }

                writer.WriteEndObject();
                break;
        }
    }
}
