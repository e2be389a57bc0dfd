using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MlDeploy.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Hosting.Promotion;

/// <summary>
/// Sets and removes single-value keys under <c>config:</c> in a stack config file, leaving every other byte as it was:
/// YamlDotNet's parser locates each key and value (their start and end marks), only those spans are rewritten, and new
/// keys are inserted as lines before the first existing key, at its indentation. Comments, key order, quoting and
/// secrets elsewhere in the file are untouched. The result is parsed again and compared with the original, so an edit
/// that would change any other setting is an internal error, never a written file.
/// </summary>
internal static class ConfigFileEdit
{
    /// <summary>Applies the edits.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="display">How messages name the file.</param>
    /// <param name="edits">Fully qualified keys to their new values; null removes the key.</param>
    /// <returns>The new text (equal to <paramref name="text"/> when nothing changes).</returns>
    /// <exception cref="InvalidInputException">The file is not a block mapping config, or a key to set holds a mapping or list.</exception>
    public static string Apply(string text, string display, IReadOnlyList<KeyValuePair<string, string?>> edits)
    {
        var root = Parse(text, display);
        var config = root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "config" }).Value;
        var replacements = new List<(int Start, int End, string Text)>();
        var inserts = new StringBuilder();
        YamlMappingNode? mapping = null;
        if (config is YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow } m && m.Children.Count > 0)
        {
            mapping = m;
        }
        else if (config is not null && !YamlFile.IsNull(config) && config is not YamlMappingNode { Children.Count: 0, Style: not YamlDotNet.Core.Events.MappingStyle.Flow })
        {
            throw new InvalidInputException(YamlFile.At(display, config, "config is not a block mapping, so promote cannot add keys to it without rewriting it", "write config as one `<namespace>:<key>: value` line per setting"));
        }

        var indent = mapping is null ? "  " : new string(' ', (int)mapping.Children.First().Key.Start.Column - 1);
        foreach (var (key, value) in edits)
        {
            var existing = mapping?.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key);
            if (existing is { Key: { } keyNode, Value: { } valueNode })
            {
                if (valueNode is not YamlScalarNode)
                {
                    throw new InvalidInputException(YamlFile.At(display, keyNode, $"{key} holds {YamlFile.Shape(valueNode)}, but promote writes one value there", "remove the key; promote writes it"));
                }

                if (value is null)
                {
                    // The key's whole line (or lines), from its indentation to the end of its value's line.
                    var start = LineStart(text, (int)keyNode.Start.Index);
                    var end = LineEnd(text, (int)valueNode.End.Index);
                    replacements.Add((start, end, string.Empty));
                }
                else if (((YamlScalarNode)valueNode).Value != value)
                {
                    replacements.Add(((int)valueNode.Start.Index, (int)valueNode.End.Index, Quote(value)));
                }
            }
            else if (value is not null)
            {
                inserts.Append(indent).Append(key).Append(": ").Append(Quote(value)).Append('\n');
            }
        }

        var result = new StringBuilder(text);
        foreach (var (start, end, replacement) in replacements.OrderByDescending(r => r.Start))
        {
            result.Remove(start, end - start).Insert(start, replacement);
        }

        if (inserts.Length > 0)
        {
            if (mapping is not null)
            {
                // Replacements all lie after the first key, so its position has not moved.
                result.Insert(LineStart(text, (int)mapping.Children.First().Key.Start.Index), inserts.ToString());
            }
            else if (config is not null)
            {
                // `config:` with no value (or an empty mapping): the keys go on the lines after it.
                var keyNode = root!.Children.First(c => c.Key is YamlScalarNode { Value: "config" }).Key;
                var lineEnd = LineEnd(text, (int)keyNode.End.Index);
                result.Remove(LineStart(text, (int)keyNode.Start.Index), lineEnd - LineStart(text, (int)keyNode.Start.Index));
                result.Insert(LineStart(text, (int)keyNode.Start.Index), "config:\n" + inserts);
            }
            else
            {
                if (result.Length > 0 && result[^1] != '\n')
                {
                    result.Append('\n');
                }

                result.Append("config:\n").Append(inserts);
            }
        }

        var updated = result.ToString();
        Check(text, updated, display, edits);
        return updated;
    }

    // Double-quoted YAML is a superset of a JSON string: every value round-trips exactly, whatever it holds.
    private static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static int LineStart(string text, int index)
    {
        var newline = text.LastIndexOf('\n', Math.Max(0, index - 1));
        return index == 0 ? 0 : newline + 1;
    }

    private static int LineEnd(string text, int index)
    {
        var newline = text.IndexOf('\n', index);
        return newline < 0 ? text.Length : newline + 1;
    }

    private static YamlMappingNode? Parse(string text, string display)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException e)
        {
            throw new InvalidInputException(new Diagnostic($"{display}:{e.Start.Line}", "is not valid YAML", "fix the YAML syntax"));
        }
    }

    /// <summary>The edited file must hold exactly the old settings with the edits applied.</summary>
    private static void Check(string before, string after, string display, IReadOnlyList<KeyValuePair<string, string?>> edits)
    {
        var expected = Settings(Parse(before, display));
        foreach (var (key, value) in edits)
        {
            if (value is null)
            {
                expected.Remove(key);
            }
            else
            {
                expected[key] = value;
            }
        }

        var actual = Settings(Parse(after, display));
        if (expected.Count != actual.Count || expected.Any(e => !actual.TryGetValue(e.Key, out var v) || v != e.Value))
        {
            throw new InvalidOperationException($"editing {display} would have changed settings other than the promoted ones; nothing was written.");
        }
    }

    private static Dictionary<string, string> Settings(YamlMappingNode? root)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "config" }).Value is YamlMappingNode config)
        {
            foreach (var (key, value) in config.Children)
            {
                settings[((YamlScalarNode)key).Value ?? string.Empty] = Canonical(value);
            }
        }

        return settings;
    }

    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? string.Empty,
        YamlSequenceNode l => "[" + string.Join(",", l.Children.Select(Canonical)) + "]",
        YamlMappingNode m => "{" + string.Join(",", m.Children.Select(c => Canonical(c.Key) + ":" + Canonical(c.Value))) + "}",
        _ => string.Empty,
    };
}
