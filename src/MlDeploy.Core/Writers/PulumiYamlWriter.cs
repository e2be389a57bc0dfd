using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using MlDeploy.Graph;

namespace MlDeploy.Writers;

/// <summary>
/// Writes a <see cref="ResourceGraph"/> as a Pulumi YAML program. Deterministic: config, variables, resources
/// and outputs are sorted by name; every resource and invoke pins its provider version.
/// </summary>
public static class PulumiYamlWriter
{
    // Printable ASCII but '$' (Pulumi's interpolation), ':' and '#' (YAML's): text made only of these is printed as it is,
    // once its first and last characters pass YamlEmitter.EdgesNeedQuotes.
    private static readonly SearchValues<char> PlainLiteral = SearchValues.Create(
        " !\"%&'()*+,-./0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Writes the program.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="projectName">The Pulumi project name.</param>
    /// <param name="description">A one-line description.</param>
    /// <returns>The YAML text.</returns>
    public static string Write(ResourceGraph graph, string projectName, string description) =>
        Build(graph, projectName, description).ToString();

    /// <summary>Writes the program to a text writer, without first copying it into one string.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="projectName">The Pulumi project name.</param>
    /// <param name="description">A one-line description.</param>
    /// <param name="output">Where to write. Nothing is written unless the whole program could be printed.</param>
    public static void Write(ResourceGraph graph, string projectName, string description, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);

        // Streamed in pieces of a few kilobytes rather than buffered whole: at 1 000 deployments the program is 18 MB
        // of text, 36 MB as one UTF-16 buffer, the largest part of the compiler's peak memory. Nothing in a frozen
        // graph can fail to print (ResourceGraph refuses, when it is built, any value Pulumi YAML has no form for), so a
        // program is never cut off half-way.
        Build(graph, projectName, description, output);
    }

    private static StringBuilder Build(ResourceGraph graph, string projectName, string description, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(projectName);
        ArgumentNullException.ThrowIfNull(description);

        // Printed straight from the graph (no intermediate document tree):
        // programs reach hundreds of thousands of lines, and an intermediate tree would double the work. The
        // builder grows in small chunks (a large initial capacity would be one large-object-heap array); when
        // streaming, it is emptied into the output whenever an entry has filled it past the spill size.
        var w = new Writer(new StringBuilder(output is null ? 16 * 1024 : Writer.SpillSize * 2), output);
        w.Key(0, "name").Scalar(projectName);
        w.Key(0, "runtime").Scalar("yaml");
        w.Key(0, "description").Scalar(description);

        if (graph.Config.Length > 0)
        {
            w.Key(0, "config").Open();
            foreach (var c in graph.Config.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                w.Key(2, c.Key).Open();
                w.Key(4, "type").Scalar(c.Type.ToString());
                if (c.Secret)
                {
                    w.Key(4, "secret").Raw("true");
                }
            }
        }

        if (graph.Invokes.Length > 0)
        {
            w.Key(0, "variables").Open();
            foreach (var i in graph.Invokes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                w.Key(2, i.Name).Open();
                w.Key(4, "fn::invoke").Open();
                w.Key(6, "function").Scalar(i.Function.Token);
                if (i.Arguments.Entries.Length > 0)
                {
                    w.Key(6, "arguments").Value(i.Arguments, 6);
                }

                w.Key(6, "options").Open();
                w.Key(8, "version").Scalar(i.Function.Package.Version);
                w.Spill();
            }
        }

        w.Key(0, "resources");
        if (graph.Resources.IsEmpty)
        {
            w.EmptyMapping();
        }
        else
        {
            w.Open();
            foreach (var r in graph.Resources.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                w.Key(2, r.Name).Open();
                WriteResource(w, r, 4);
                w.Spill();
            }
        }

        if (graph.Outputs.Length > 0)
        {
            w.Key(0, "outputs").Open();
            foreach (var o in graph.Outputs.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                w.Key(2, o.Name).Value(o.Value, 2);
                w.Spill();
            }
        }

        w.Spill(everything: true);
        return w.Output;
    }

    /// <summary>Escapes literal text so Pulumi YAML reads it back unchanged (<c>$</c> before <c>{</c> or <c>$</c> is doubled).</summary>
    /// <param name="text">The literal text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = NextDoubledDollar(text, 0);
        if (i < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 4);
        var start = 0;
        for (; i >= 0; i = NextDoubledDollar(text, i + 1))
        {
            sb.Append(text, start, i + 1 - start).Append('$');
            start = i + 1;
        }

        return sb.Append(text, start, text.Length - start).ToString();
    }

    /// <summary>The index of the next <c>$</c> from <paramref name="from"/> that Pulumi YAML would read as an escape or an interpolation (followed by <c>{</c> or <c>$</c>), or -1.</summary>
    private static int NextDoubledDollar(string text, int from)
    {
        for (var i = text.IndexOf('$', from); i >= 0 && i < text.Length - 1; i = text.IndexOf('$', i + 1))
        {
            if (text[i + 1] is '{' or '$')
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteResource(Writer w, Resource r, int indent)
    {
        var o = r.Options;
        w.Key(indent, "type").Scalar(r.Type.Token);
        if (!r.Properties.Entries.IsEmpty)
        {
            w.Key(indent, "properties").Value(r.Properties, indent);
        }

        var i = indent + 2;
        if (r.Type.Package.IsBuiltin)
        {
            // The engine's own resources (a StackReference) take no plugin version, and the SDK sets them no option.
            return;
        }

        w.Key(indent, "options").Open();
        if (!o.AdditionalSecretOutputs.IsEmpty)
        {
            w.Key(i, "additionalSecretOutputs").Strings(o.AdditionalSecretOutputs, i);
        }

        if (!o.Aliases.IsEmpty)
        {
            w.Key(i, "aliases").Strings(o.Aliases, i);
        }

        if (o.CustomTimeouts is { } t)
        {
            w.Key(i, "customTimeouts");
            if (t.Create is null && t.Update is null && t.Delete is null)
            {
                w.EmptyMapping();
            }
            else
            {
                w.Open();
                if (t.Create is not null)
                {
                    w.Key(i + 2, "create").Scalar(t.Create);
                }

                if (t.Update is not null)
                {
                    w.Key(i + 2, "update").Scalar(t.Update);
                }

                if (t.Delete is not null)
                {
                    w.Key(i + 2, "delete").Scalar(t.Delete);
                }
            }
        }

        if (o.DeleteBeforeReplace)
        {
            w.Key(i, "deleteBeforeReplace").Raw("true");
        }

        if (!o.DependsOn.IsEmpty)
        {
            w.Key(i, "dependsOn").Open();
            foreach (var d in o.DependsOn.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                w.Item(i + 2).ReferenceLine(d.Self());
            }
        }

        if (!o.IgnoreChanges.IsEmpty)
        {
            w.Key(i, "ignoreChanges").Strings(o.IgnoreChanges, i);
        }

        if (o.Parent is not null)
        {
            w.Key(i, "parent").Reference(o.Parent.Self());
        }

        if (o.Protect)
        {
            w.Key(i, "protect").Raw("true");
        }

        if (o.Provider is not null)
        {
            w.Key(i, "provider").Reference(o.Provider.Self());
        }

        if (!o.ReplaceOnChanges.IsEmpty)
        {
            w.Key(i, "replaceOnChanges").Strings(o.ReplaceOnChanges, i);
        }

        if (o.RetainOnDelete)
        {
            w.Key(i, "retainOnDelete").Raw("true");
        }

        w.Key(i, "version").Scalar(r.Type.Package.Version);
    }

    private static string FunctionKey(BuiltinFunction f) => f switch
    {
        BuiltinFunction.ToJson => "fn::toJSON",
        BuiltinFunction.FileAsset => "fn::fileAsset",
        BuiltinFunction.FileArchive => "fn::fileArchive",
        BuiltinFunction.Join => "fn::join",
        BuiltinFunction.Select => "fn::select",
        BuiltinFunction.ToBase64 => "fn::toBase64",
        BuiltinFunction.FromBase64 => "fn::fromBase64",
        BuiltinFunction.Split => "fn::split",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, null),
    };

    /// <summary>The reference as Pulumi YAML writes it inside <c>${...}</c>, e.g. <c>bucket.arn</c>.</summary>
    private static (string Head, string? Path) ReferenceText(Value value) => value switch
    {
        OutputReference { Path.Length: 0 } o => (o.Target.Name, null),
        OutputReference o => (o.Target.Name, o.Path),
        ConfigReference c => (c.Parameter.Key, null),
        BuiltinReference { Variable: PulumiBuiltin.Stack } => ("pulumi.stack", null),
        BuiltinReference { Variable: PulumiBuiltin.Project } => ("pulumi.project", null),
        BuiltinReference { Variable: PulumiBuiltin.Organization } => ("pulumi.organization", null),
        _ => throw new InvalidOperationException(
            $"{value.GetType().Name} cannot appear inside an interpolated string; build it as a separate value."),
    };

    /// <summary>
    /// Prints block-style YAML (two-space indentation; a mapping or sequence inside a sequence starts on the item's line; empty ones
    /// print as <c>{}</c> and <c>[]</c>).
    /// </summary>
    private sealed class Writer(StringBuilder sb, TextWriter? output)
    {
        /// <summary>When streaming, how full the builder may get before it is emptied into the output (kept well below a large-object-heap array).</summary>
        public const int SpillSize = 16 * 1024;

        // Interpolations and references are composed here, then quoted as one scalar: no string per scalar.
        private char[] _scratch = new char[256];
        private int _scratchLength;

        /// <summary>When streaming, empties the builder into the output once it is past the spill size (or always, at the end).</summary>
        public void Spill(bool everything = false)
        {
            if (output is null || (sb.Length < SpillSize && !everything))
            {
                return;
            }

            foreach (var chunk in sb.GetChunks())
            {
                output.Write(chunk.Span);
            }

            sb.Clear();
        }

        /// <summary>Starts a mapping entry on its own line: the indentation, the key and the colon.</summary>
        public Writer Key(int indent, string key)
        {
            sb.Append(' ', indent).AppendString(key).Append(':');
            return this;
        }

        /// <summary>Starts a sequence item on its own line.</summary>
        public Writer Item(int indent)
        {
            sb.Append(' ', indent).Append("- ");
            return this;
        }

        /// <summary>Ends a key whose value is a non-empty mapping or sequence on the following lines.</summary>
        public void Open() => sb.Append('\n');

        public void EmptyMapping() => sb.Append(" {}\n");

        /// <summary>Writes a string scalar after a key.</summary>
        public void Scalar(string text) => sb.Append(' ').AppendString(text).Append('\n');

        /// <summary>Writes a raw token (number, boolean, null) after a key.</summary>
        public void Raw(string token) => sb.Append(' ').Append(token).Append('\n');

        /// <summary>Writes a reference (<c>${name}</c>) after a key.</summary>
        public void Reference(Value reference)
        {
            sb.Append(' ');
            AppendReference(reference);
            sb.Append('\n');
        }

        /// <summary>Writes a reference (<c>${name}</c>) after <c>- </c>.</summary>
        public void ReferenceLine(Value reference)
        {
            AppendReference(reference);
            sb.Append('\n');
        }

        /// <summary>Writes a sequence of literal strings after a key (never empty here).</summary>
        public void Strings(ImmutableArray<string> items, int indent)
        {
            Open();
            foreach (var item in items)
            {
                Item(indent + 2).AppendLiteral(item);
                sb.Append('\n');
            }
        }

        /// <summary>Writes a value after a key whose line starts at <paramref name="indent"/>.</summary>
        public void Value(Value value, int indent)
        {
            switch (value)
            {
                case ListValue { Items.Length: 0 }:
                    sb.Append(" []\n");
                    break;
                case MapValue { Entries.Length: 0 }:
                    sb.Append(" {}\n");
                    break;
                case ListValue l:
                    Open();
                    Items(l.Items, indent + 2, firstLineInline: false);
                    break;
                case MapValue m:
                    Open();
                    Entries(m.Entries, indent + 2, firstLineInline: false);
                    break;
                case SecretValue or FunctionCall:
                    Open();
                    Wrapped(value, indent + 2, firstLineInline: false);
                    break;
                default:
                    sb.Append(' ');
                    AppendScalar(value);
                    sb.Append('\n');
                    break;
            }
        }

        public StringBuilder Output => sb;

        private void Entries(ImmutableArray<KeyValuePair<string, Value>> entries, int indent, bool firstLineInline)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (i > 0 || !firstLineInline)
                {
                    sb.Append(' ', indent);
                }

                // Pulumi YAML evaluates mapping keys as it does values (a key "k-${x.y}" is interpolated), so data keys
                // are escaped like literal values. Validation keeps user keys free of "${" and "fn::" in the first place.
                AppendLiteral(entries[i].Key);
                sb.Append(':');
                Value(entries[i].Value, indent);
            }
        }

        private void Items(ImmutableArray<Value> items, int indent, bool firstLineInline)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0 || !firstLineInline)
                {
                    sb.Append(' ', indent);
                }

                sb.Append("- ");
                switch (items[i])
                {
                    case ListValue { Items.Length: 0 }:
                        sb.Append("[]\n");
                        break;
                    case MapValue { Entries.Length: 0 }:
                        sb.Append("{}\n");
                        break;
                    case ListValue l:
                        Items(l.Items, indent + 2, firstLineInline: true);
                        break;
                    case MapValue m:
                        Entries(m.Entries, indent + 2, firstLineInline: true);
                        break;
                    case SecretValue or FunctionCall:
                        Wrapped(items[i], indent + 2, firstLineInline: true);
                        break;
                    default:
                        AppendScalar(items[i]);
                        sb.Append('\n');
                        break;
                }
            }
        }

        /// <summary>Writes the one-entry mapping of a secret (<c>fn::secret</c>) or a built-in function call.</summary>
        private void Wrapped(Value value, int indent, bool firstLineInline)
        {
            if (!firstLineInline)
            {
                sb.Append(' ', indent);
            }

            var (key, inner) = value switch
            {
                SecretValue s => ("fn::secret", s.Inner),
                FunctionCall f => (FunctionKey(f.Function), f.Argument),
                _ => throw new InvalidOperationException($"cannot write {value.GetType().Name}"),
            };
            sb.AppendString(key).Append(':');
            Value(inner, indent);
        }

        /// <summary>Appends literal text escaped (<see cref="EscapeLiteral"/>) and quoted when YAML needs it.</summary>
        public void AppendLiteral(string text)
        {
            // Most scalars and keys are printable ASCII without '$', ':' or '#': one vectorized scan shows that neither
            // Pulumi's escaping nor YAML's quoting (beyond the edges) applies, and the text is copied as it is.
            if (!text.AsSpan().ContainsAnyExcept(PlainLiteral) && !YamlEmitter.EdgesNeedQuotes(text))
            {
                sb.Append(text);
            }
            else
            {
                // Escaped in the scratch buffer, not into a new string (scripts and policy documents run to kilobytes).
                _scratchLength = 0;
                ScratchLiteral(text);
                sb.AppendString(_scratch.AsSpan(0, _scratchLength));
            }
        }

        private void AppendReference(Value reference)
        {
            _scratchLength = 0;
            ScratchReference(reference);
            sb.AppendString(_scratch.AsSpan(0, _scratchLength));
        }

        private void ScratchReference(Value reference)
        {
            var (head, path) = ReferenceText(reference);
            Scratch("${");
            Scratch(head);
            if (path is not null)
            {
                Scratch(".");
                Scratch(path);
            }

            Scratch("}");
        }

        /// <summary>Appends literal text as <see cref="EscapeLiteral"/> escapes it.</summary>
        private void ScratchLiteral(string text)
        {
            var start = 0;
            for (var i = NextDoubledDollar(text, 0); i >= 0; i = NextDoubledDollar(text, i + 1))
            {
                Scratch(text.AsSpan(start, i + 1 - start));
                Scratch("$");
                start = i + 1;
            }

            Scratch(text.AsSpan(start));
        }

        private void Scratch(ReadOnlySpan<char> text)
        {
            if (_scratchLength + text.Length > _scratch.Length)
            {
                Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + text.Length));
            }

            text.CopyTo(_scratch.AsSpan(_scratchLength));
            _scratchLength += text.Length;
        }

        private void AppendScalar(Value value)
        {
            switch (value)
            {
                case NullValue:
                    sb.Append("null");
                    break;
                case BoolValue b:
                    sb.Append(b.Value ? "true" : "false");
                    break;
                case NumberValue n:
                    // As NumberValue.ToInvariantString prints it, formatted in place (a decimal needs at most 31 characters).
                    Span<char> digits = stackalloc char[32];
                    var normalized = n.Normalized;
                    if (normalized.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
                    {
                        sb.Append(digits[..written]);
                    }
                    else
                    {
                        sb.Append(n.ToInvariantString());
                    }

                    break;
                case StringValue s:
                    AppendLiteral(s.Value);
                    break;
                case OutputReference or ConfigReference or BuiltinReference:
                    AppendReference(value);
                    break;
                case Interpolation i:
                    _scratchLength = 0;
                    foreach (var p in i.Parts)
                    {
                        if (p is StringValue s)
                        {
                            ScratchLiteral(s.Value);
                        }
                        else
                        {
                            ScratchReference(p);
                        }
                    }

                    sb.AppendString(_scratch.AsSpan(0, _scratchLength));
                    break;
                default:
                    throw new InvalidOperationException($"cannot write {value.GetType().Name}");
            }
        }
    }
}
