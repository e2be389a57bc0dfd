using System.Text.RegularExpressions;
using MlDeploy.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Hosting;

/// <summary>
/// Reads a YAML file the host depends on (Pulumi.yaml, a stack config file), turning every way it can be unreadable
/// into a <c>file:line: message (fix)</c> diagnostic instead of an exception that would look like an SDK bug.
/// </summary>
internal static partial class YamlFile
{
    // The representation model loads nodes recursively; a hostile file nested thousands of levels deep would
    // overflow the stack, which no handler can catch. Real config is a few levels deep.
    private const int MaxDepth = 64;

    /// <summary>Loads the file's first document.</summary>
    /// <param name="file">The full path.</param>
    /// <param name="display">How messages name the file.</param>
    /// <returns>The root mapping, or null when the file holds no settings (empty, comments only, or a null document).</returns>
    /// <exception cref="InvalidInputException">The file cannot be read, is not YAML, or its root is not a mapping.</exception>
    public static YamlMappingNode? Load(string file, string display)
    {
        string text;
        try
        {
            // Detects UTF-8/16/32 byte order marks, as Pulumi's reader does.
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new Diagnostic(display, "cannot be read", "check that it is a readable file"));
        }

        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text))));
            if (stream.Documents.Count == 0)
            {
                return null;
            }

            root = stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new InvalidInputException(new Diagnostic($"{display}:{e.Start.Line}", Describe(e), "fix the YAML syntax"));
        }

        return root switch
        {
            YamlMappingNode m => m,
            _ when IsNull(root) => null,
            _ => throw new InvalidInputException(At(display, root, $"is {Shape(root)}, but a mapping of settings is expected", "write one `key: value` setting per line")),
        };
    }

    /// <summary>A diagnostic located at a node.</summary>
    /// <param name="display">How messages name the file.</param>
    /// <param name="node">The node the problem is in.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="hint">How to fix it.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic At(string display, YamlNode node, string message, string? hint) => new($"{display}:{node.Start.Line}", message, hint);

    /// <summary>Says what kind of value a node is, for messages.</summary>
    /// <param name="node">The node.</param>
    /// <returns>"a single value", "a list" or "a mapping".</returns>
    public static string Shape(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a single value",
    };

    /// <summary>Whether a node is YAML's null (empty, <c>~</c> or <c>null</c>, untagged and unquoted).</summary>
    /// <param name="node">The node.</param>
    /// <returns>True for null.</returns>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Tag.IsEmpty && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    // YamlDotNet prefixes its message with both marks; the line is already in the path.
    private static string Describe(YamlException e)
    {
        var message = MarkPrefix().Replace(e.Message, string.Empty);
        return message.Length == 0 ? "is not valid YAML" : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Refuses documents nested deeper than <see cref="MaxDepth"/> before the recursive loader sees them.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++_depth > MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"values are nested more than {MaxDepth} levels deep");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}
