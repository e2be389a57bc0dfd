using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>The stack program's own outputs (<see cref="Platform.Outputs"/>): checked before planning, resolved into the graph after it.</summary>
internal static partial class PlatformOutputs
{
    private const int MaxNameLength = 128;

    /// <summary>Checks what can be checked before planning: names, duplicates, and that referenced deployments and components are declared.</summary>
    public static IEnumerable<Diagnostic> Validate(Platform platform)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deployments = platform.Deployments.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (output, i) in platform.Outputs.Select((o, i) => (o, i)))
        {
            if (output is null)
            {
                yield return new Diagnostic($"outputs[{i}]", "is null", "remove the entry or give a PlatformOutput");
                continue;
            }

            var at = PathOf(output.Name);
            if (output.Name is null || output.Name.Length > MaxNameLength || !OutputName().IsMatch(output.Name))
            {
                yield return new Diagnostic(at, "is not a usable output name", $"start with a letter and use letters, digits, '-' and '_' (at most {MaxNameLength} characters), e.g. fraudScorerEndpoint");
            }
            else if (!seen.Add(output.Name))
            {
                yield return new Diagnostic(at, "is exported twice", "give each custom output its own name");
            }

            foreach (var problem in ValidateValue(platform, output.Value, at, deployments))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<Diagnostic> ValidateValue(Platform platform, OutputValue? value, string at, HashSet<string> deployments)
    {
        switch (value)
        {
            case null:
                yield return new Diagnostic(at, "has no value", "give a literal (OutputValue.Text, Number, Boolean), OutputValue.Of(deployment, \"<output>\") or OutputValue.Of(component, \"<output>\")");
                break;
            case TextOutput { Value: null }:
                yield return new Diagnostic(at, "has a null text value", "give the text to export, or remove the output");
                break;
            case DeploymentOutput d when !deployments.Contains(d.Deployment):
                yield return new Diagnostic(at, $"refers to deployment '{d.Deployment}', which is not part of the platform", $"add it to Platform.Deployments, or refer to one of: {List(deployments.Order(StringComparer.Ordinal))}");
                break;
            case ComponentOutput { Component: null }:
                yield return new Diagnostic(at, "refers to no component", "pass one of Platform.Components to OutputValue.Of");
                break;
            case ListOutput { Items.IsDefault: true }:
                yield return new Diagnostic(at, "has no items", "give the items, e.g. OutputValue.List(\"a\", \"b\")");
                break;
            case ListOutput list:
                for (var i = 0; i < list.Items.Length; i++)
                {
                    foreach (var problem in ValidateValue(platform, list.Items[i], $"{at}[{i}]", deployments))
                    {
                        yield return problem;
                    }
                }

                break;
            case ComponentOutput c when Declared(platform, c.Component) is null:
                yield return new Diagnostic(
                    at,
                    $"refers to {c.Component.GetType().Name} '{c.Component.Name}', which is not in Platform.Components",
                    "add it to Platform.Components: a component's outputs are exported by the stack that declares it (a deployment's use alone does not)");
                break;
        }
    }

    /// <summary>
    /// Adds the outputs to the planned graph. A deployment output is the value the SDK exports for it, so the custom
    /// output references exactly what the SDK output does and cannot dangle.
    /// </summary>
    /// <returns>The problems (names taken by SDK outputs, outputs a deployment does not export); nothing is added when there are any.</returns>
    /// <param name="platform">The platform.</param>
    /// <param name="graph">The planned graph.</param>
    /// <param name="prefixOf">The logical-name prefix of a declared component's scope (its planner's).</param>
    public static IReadOnlyList<Diagnostic> AddTo(Platform platform, GraphBuilder graph, Func<IPlatformComponent, string> prefixOf)
    {
        var sdk = graph.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        var resolved = new List<StackOutput>();
        Value? ResolveValue(OutputValue value, string at) => value switch
        {
            TextOutput t => Value.FromString(t.Value),
            NumberOutput n => Value.FromDecimal(n.Value),
            BooleanOutput b => Value.FromBoolean(b.Value),
            ListOutput l => l.Items.Select((item, i) => ResolveValue(item, $"{at}[{i}]")).ToList() is var items && items.All(x => x is not null) ? Value.List(items) : null,
            DeploymentOutput d => Resolve(d, sdk, at, problems),
            ComponentOutput c => Resolve(Declared(platform, c.Component)!, c.Output, prefixOf, sdk, at, problems),
            _ => throw new InvalidOperationException($"unknown output value {value.GetType().Name}."),
        };

        foreach (var output in platform.Outputs)
        {
            var at = PathOf(output.Name);
            if (sdk.TryGetValue(output.Name, out var taken))
            {
                problems.Add(new Diagnostic(at, $"is already an output of the SDK ({(taken.Owner is { } owner ? $"deployment '{owner}'" : "the shared platform")})", "choose another name; the SDK's outputs are <deployment>-<part>"));
                continue;
            }

            var value = ResolveValue(output.Value, at);
            if (value is not null)
            {
                resolved.Add(new StackOutput(output.Name, value));
            }
        }

        if (problems.Count == 0)
        {
            foreach (var output in resolved)
            {
                graph.Output(output);
            }
        }

        return problems;
    }

    private static Value? Resolve(DeploymentOutput reference, Dictionary<string, StackOutput> sdk, string at, List<Diagnostic> problems)
    {
        if (sdk.TryGetValue($"{reference.Deployment}-{reference.Output}", out var exported) && exported.Owner == reference.Deployment)
        {
            return exported.Value;
        }

        var parts = sdk.Values.Where(o => o.Owner == reference.Deployment).Select(o => o.Name[(reference.Deployment.Length + 1)..]).Order(StringComparer.Ordinal);
        problems.Add(new Diagnostic(at, $"deployment '{reference.Deployment}' exports no output '{reference.Output}'", $"use one of its outputs: {List(parts)}"));
        return null;
    }

    private static Value? Resolve(IPlatformComponent component, string output, Func<IPlatformComponent, string> prefixOf, Dictionary<string, StackOutput> sdk, string at, List<Diagnostic> problems)
    {
        // By the exporting scope, not by name prefix: image-a's outputs are not image-a-b's.
        var prefix = prefixOf(component);
        if (sdk.TryGetValue($"{prefix}-{output}", out var exported) && exported.Owner is null && exported.Scope == prefix)
        {
            return exported.Value;
        }

        var parts = sdk.Values.Where(o => o.Owner is null && o.Scope == prefix).Select(o => o.Name[(prefix.Length + 1)..]).Order(StringComparer.Ordinal).ToList();
        problems.Add(new Diagnostic(
            at,
            $"component '{component.Name}' exports no output '{output}'",
            parts.Count == 0 ? "it exports no outputs; export a literal or a deployment's output instead" : $"use one of its outputs: {List(parts)}"));
        return null;
    }

    // The declared component a reference means: same record type and name (a reference need not be the same object).
    private static IPlatformComponent? Declared(Platform platform, IPlatformComponent component) =>
        platform.Components.FirstOrDefault(c => c is not null && c.GetType() == component.GetType() && c.Name == component.Name);

    private static string PathOf(string? name) => $"outputs[{name}]";

    private static string List(IEnumerable<string> names) => string.Join(", ", names);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex OutputName();
}
