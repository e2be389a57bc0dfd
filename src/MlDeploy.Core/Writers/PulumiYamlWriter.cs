using System.Collections.Immutable;
using System.Text;
using MlDeploy.Graph;

namespace MlDeploy.Writers;

/// <summary>
/// Writes a <see cref="ResourceGraph"/> as a Pulumi YAML program. Deterministic: config, variables, resources
/// and outputs are sorted by name; every resource and invoke pins its provider version.
/// </summary>
public static class PulumiYamlWriter
{
    /// <summary>Writes the program.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="projectName">The Pulumi project name.</param>
    /// <param name="description">A one-line description.</param>
    /// <returns>The YAML text.</returns>
    public static string Write(ResourceGraph graph, string projectName, string description)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var root = new List<KeyValuePair<string, YamlNode>>
        {
            Entry("name", YamlScalar.OfString(projectName)),
            Entry("runtime", YamlScalar.OfString("yaml")),
            Entry("description", YamlScalar.OfString(description)),
        };

        if (graph.Config.Length > 0)
        {
            root.Add(Entry("config", Mapping(graph.Config
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => Entry(c.Key, Mapping(
                    Entry("type", YamlScalar.OfString(c.Type.ToString())),
                    c.Secret ? Entry("secret", YamlScalar.Raw("true")) : default))))));
        }

        if (graph.Invokes.Length > 0)
        {
            root.Add(Entry("variables", Mapping(graph.Invokes
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => Entry(i.Name, Mapping(Entry("fn::invoke", Mapping(
                    Entry("function", YamlScalar.OfString(i.Function.Token)),
                    i.Arguments.Entries.Length > 0 ? Entry("arguments", ToNode(i.Arguments)) : default,
                    Entry("options", Mapping(Entry("version", YamlScalar.OfString(i.Function.Package.Version))))))))))));
        }

        root.Add(Entry("resources", Mapping(graph.Resources
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => Entry(r.Name, ResourceNode(r))))));

        if (graph.Outputs.Length > 0)
        {
            root.Add(Entry("outputs", Mapping(graph.Outputs
                .OrderBy(o => o.Name, StringComparer.Ordinal)
                .Select(o => Entry(o.Name, ToNode(o.Value))))));
        }

        return YamlEmitter.Emit(new YamlMapping([.. root]));
    }

    /// <summary>Escapes literal text so Pulumi YAML reads it back unchanged (<c>$</c> before <c>{</c> or <c>$</c> is doubled).</summary>
    /// <param name="text">The literal text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (text[i] == '$' && i + 1 < text.Length && (text[i + 1] == '{' || text[i + 1] == '$'))
            {
                sb.Append('$');
            }
        }

        return sb.ToString();
    }

    private static YamlMapping ResourceNode(Resource r)
    {
        var o = r.Options;
        var options = Mapping(
            o.AdditionalSecretOutputs.IsEmpty ? default : Entry("additionalSecretOutputs", Strings(o.AdditionalSecretOutputs)),
            o.Aliases.IsEmpty ? default : Entry("aliases", Strings(o.Aliases)),
            o.CustomTimeouts is { } t ? Entry("customTimeouts", Mapping(
                t.Create is null ? default : Entry("create", YamlScalar.OfString(t.Create)),
                t.Update is null ? default : Entry("update", YamlScalar.OfString(t.Update)),
                t.Delete is null ? default : Entry("delete", YamlScalar.OfString(t.Delete)))) : default,
            o.DeleteBeforeReplace ? Entry("deleteBeforeReplace", YamlScalar.Raw("true")) : default,
            o.DependsOn.IsEmpty ? default : Entry("dependsOn", new YamlSequence([.. o.DependsOn
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => (YamlNode)YamlScalar.OfString(Reference(d.Self())))])),
            o.IgnoreChanges.IsEmpty ? default : Entry("ignoreChanges", Strings(o.IgnoreChanges)),
            o.Parent is null ? default : Entry("parent", YamlScalar.OfString(Reference(o.Parent.Self()))),
            o.Protect ? Entry("protect", YamlScalar.Raw("true")) : default,
            o.Provider is null ? default : Entry("provider", YamlScalar.OfString(Reference(o.Provider.Self()))),
            o.ReplaceOnChanges.IsEmpty ? default : Entry("replaceOnChanges", Strings(o.ReplaceOnChanges)),
            o.RetainOnDelete ? Entry("retainOnDelete", YamlScalar.Raw("true")) : default,
            Entry("version", YamlScalar.OfString(r.Type.Package.Version)));

        return Mapping(
            Entry("type", YamlScalar.OfString(r.Type.Token)),
            r.Properties.Entries.IsEmpty ? default : Entry("properties", ToNode(r.Properties)),
            Entry("options", options));
    }

    private static YamlSequence Strings(ImmutableArray<string> items) =>
        new([.. items.Select(i => (YamlNode)YamlScalar.OfString(EscapeLiteral(i)))]);

    /// <summary>Converts a value to its YAML node.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    internal static YamlNode ToNode(Value value) => value switch
    {
        NullValue => YamlScalar.Raw("null"),
        BoolValue b => YamlScalar.Raw(b.Value ? "true" : "false"),
        NumberValue n => YamlScalar.Raw(n.ToInvariantString()),
        StringValue s => YamlScalar.OfString(EscapeLiteral(s.Value)),
        ListValue l => new YamlSequence([.. l.Items.Select(ToNode)]),
        MapValue m => new YamlMapping([.. m.Entries.Select(e => Entry(e.Key, ToNode(e.Value)))]),
        OutputReference or ConfigReference or BuiltinReference => YamlScalar.OfString(Reference(value)),
        Interpolation i => YamlScalar.OfString(string.Concat(i.Parts.Select(p => p is StringValue s ? EscapeLiteral(s.Value) : Reference(p)))),
        SecretValue s => Mapping(Entry("fn::secret", ToNode(s.Inner))),
        FunctionCall f => Mapping(Entry(FunctionKey(f.Function), ToNode(f.Argument))),
        _ => throw new InvalidOperationException($"cannot write {value.GetType().Name}"),
    };

    private static string FunctionKey(BuiltinFunction f) => f switch
    {
        BuiltinFunction.ToJson => "fn::toJSON",
        BuiltinFunction.FileAsset => "fn::fileAsset",
        BuiltinFunction.FileArchive => "fn::fileArchive",
        BuiltinFunction.Join => "fn::join",
        BuiltinFunction.Select => "fn::select",
        BuiltinFunction.ToBase64 => "fn::toBase64",
        BuiltinFunction.FromBase64 => "fn::fromBase64",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, null),
    };

    private static string Reference(Value value) => value switch
    {
        OutputReference { Path.Length: 0 } o => $"${{{o.Target.Name}}}",
        OutputReference o => $"${{{o.Target.Name}.{o.Path}}}",
        ConfigReference c => $"${{{c.Parameter.Key}}}",
        BuiltinReference { Variable: PulumiBuiltin.Stack } => "${pulumi.stack}",
        BuiltinReference { Variable: PulumiBuiltin.Project } => "${pulumi.project}",
        BuiltinReference { Variable: PulumiBuiltin.Organization } => "${pulumi.organization}",
        _ => throw new InvalidOperationException(
            $"{value.GetType().Name} cannot appear inside an interpolated string; build it as a separate value."),
    };

    private static KeyValuePair<string, YamlNode> Entry(string key, YamlNode node) => new(key, node);

    private static YamlMapping Mapping(params KeyValuePair<string, YamlNode>[] entries) =>
        new([.. entries.Where(e => e.Key is not null)]);

    private static YamlMapping Mapping(IEnumerable<KeyValuePair<string, YamlNode>> entries) =>
        new([.. entries.Where(e => e.Key is not null)]);
}
