using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlDeploy.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Hosting;

/// <summary>Reads a stack config file (stacks/Pulumi.&lt;stack&gt;.yaml) the way Pulumi does, refusing what Pulumi refuses.</summary>
internal static partial class StackConfigFile
{
    // Aliases let a short file expand exponentially once written out as JSON; no real config comes close.
    private const int MaxNodesPerValue = 10_000;

    /// <summary>Reads the file.</summary>
    /// <param name="project">The project name.</param>
    /// <param name="stack">The stack name.</param>
    /// <param name="file">The full path.</param>
    /// <param name="display">How messages name the file.</param>
    /// <returns>The config (empty for an empty or comments-only file, which Pulumi accepts).</returns>
    /// <exception cref="InvalidInputException">The file is malformed.</exception>
    public static StackConfig Read(string project, string stack, string file, string display)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var secrets = new List<string>();
        var root = YamlFile.Load(file, display);
        if (root is not null && root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) && !YamlFile.IsNull(configNode))
        {
            if (configNode is not YamlMappingNode config)
            {
                throw new InvalidInputException(YamlFile.At(display, configNode, $"config is {YamlFile.Shape(configNode)}, but a mapping of keys to values is expected", "write one `<namespace>:<key>: value` line per setting under `config:`"));
            }

            foreach (var (keyNode, valueNode) in config.Children)
            {
                var key = Key(display, keyNode);
                if (values.ContainsKey(key))
                {
                    throw new InvalidInputException(YamlFile.At(display, keyNode, $"{key} is set twice", "keep one of them"));
                }

                if (valueNode is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("secure")))
                {
                    secrets.Add(key);
                    values[key] = new ConfigValue(null, ConfigShape.Map, keyNode.Start.Line);
                }
                else
                {
                    values[key] = new ConfigValue(ToConfigString(new KeyAt(display, key, keyNode.Start.Line), valueNode), ShapeOf(valueNode), keyNode.Start.Line);
                }
            }
        }

        return new StackConfig(project, stack, display, display, values, secrets);
    }

    // Pulumi's config.ParseKey: `<namespace>:<name>`, or the legacy `<namespace>:config:<name>`; anything else is refused.
    private static string Key(string display, YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            throw new InvalidInputException(YamlFile.At(display, node, $"a config key is {(node is YamlScalarNode ? "empty" : YamlFile.Shape(node))}", "write keys as `<namespace>:<key>`, e.g. `aws:region`"));
        }

        var parts = text.Split(':');
        return parts switch
        {
            [var ns, var name] when ns.Length > 0 && name.Length > 0 => text,
            [var ns, "config", var name] when ns.Length > 0 && name.Length > 0 => $"{ns}:{name}",
            _ => throw new InvalidInputException(YamlFile.At(display, node, $"'{(text.Length > 60 ? text[..60] + "..." : text)}' is not a config key of the form <namespace>:<key>", "prefix the key with its namespace, e.g. `<project>:minReplicas` or `aws:region`")),
        };
    }

    private static ConfigShape ShapeOf(YamlNode node) => node switch
    {
        YamlSequenceNode => ConfigShape.List,
        YamlMappingNode => ConfigShape.Map,
        _ => ConfigShape.Scalar,
    };

    private static string ToConfigString(KeyAt at, YamlNode node)
    {
        if (node is YamlScalarNode s)
        {
            return s.Value ?? string.Empty;
        }

        // Structured values are kept as compact JSON, the way Pulumi passes them in PULUMI_CONFIG.
        var buffer = new ArrayBufferWriter<byte>();
        var budget = MaxNodesPerValue;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, ref budget, at);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, ref int budget, KeyAt at)
    {
        if (--budget < 0)
        {
            throw new InvalidInputException(at.Problem($"expands to more than {MaxNodesPerValue} values", "write the value out without repeating aliases"));
        }

        switch (node)
        {
            case YamlScalarNode s:
                WriteScalar(writer, s);
                break;
            case YamlSequenceNode q:
                writer.WriteStartArray();
                foreach (var item in q.Children)
                {
                    Write(writer, item, ref budget, at);
                }

                writer.WriteEndArray();
                break;
            case YamlMappingNode m:
                writer.WriteStartObject();
                foreach (var (k, v) in m.Children)
                {
                    if (k is not YamlScalarNode { Value: { } name })
                    {
                        throw new InvalidInputException(at.Problem($"has a key that is {YamlFile.Shape(k)}", "use single values as keys"));
                    }

                    writer.WritePropertyName(name);
                    Write(writer, v, ref budget, at);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>
    /// Writes a scalar inside a list or mapping with its YAML type, as Pulumi does (it reads the file with the YAML 1.2
    /// core schema and passes structured values to the program as typed JSON): plain <c>2</c> and <c>0.5</c> are numbers,
    /// plain <c>true</c>/<c>false</c> booleans, plain <c>null</c>, <c>~</c> and nothing are null; quoted scalars and
    /// everything else are strings. Forms JSON cannot hold as a number (hexadecimal, octal, infinity) stay strings.
    /// Top-level values stay text either way: Pulumi passes them as strings.
    /// </summary>
    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode s)
    {
        if (s.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || !s.Tag.IsEmpty)
        {
            writer.WriteStringValue(s.Value);
        }
        else if (YamlFile.IsNull(s))
        {
            writer.WriteNullValue();
        }
        else if (s.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(s.Value[0] is 't' or 'T');
        }
        else if (JsonNumber().IsMatch(s.Value!))
        {
            // Written as it stands, so a list of strings reads back exactly what the file says.
            writer.WriteRawValue(s.Value!);
        }
        else
        {
            writer.WriteStringValue(s.Value);
        }
    }

    // Numbers as both YAML 1.2 and JSON write them. The forms only YAML has (`+1`, `.5`, `007`) stay strings: a leading
    // zero is how an AWS account id or a zip code looks, and reading it as a number would silently drop the zero.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    // Problems inside a value are reported at its key: an alias can point anywhere in the file.
    private sealed record KeyAt(string Display, string Key, long Line)
    {
        public Diagnostic Problem(string message, string hint) => new($"{Display}:{Line}", $"{Key} {message}", hint);
    }
}
