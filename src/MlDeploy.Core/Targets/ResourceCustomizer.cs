using System.Collections;
using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>Applies a deployment's <see cref="Customization"/>s to the resources it owns, before the graph is frozen.</summary>
internal sealed class ResourceCustomizer : IResourceCustomizer
{
    private readonly GraphBuilder _graph;
    private readonly Dictionary<string, Resource> _byPart;
    private readonly string _prefix;
    private readonly List<string> _changed = [];

    private ResourceCustomizer(GraphBuilder graph, ModelDeployment deployment)
    {
        _graph = graph;
        _prefix = deployment.Name + "-";
        _byPart = graph.OwnedBy(deployment.Name)
            .Where(r => r.Name.StartsWith(_prefix, StringComparison.Ordinal))
            .ToDictionary(r => r.Name[_prefix.Length..], StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Parts => [.. _byPart.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Applies every customization of a deployment and notes what changed.</summary>
    /// <param name="deployment">The planned deployment.</param>
    /// <param name="context">The plan context holding its resources.</param>
    /// <exception cref="InvalidInputException">A customization names a resource or path that does not exist, or a value that cannot be a property.</exception>
    public static void Apply(ModelDeployment deployment, PlanContext context)
    {
        var path = DeploymentPath.Of(deployment.Name);
        for (var i = 0; i < deployment.Customizations.Length; i++)
        {
            var customization = deployment.Customizations[i];
            var customizer = new ResourceCustomizer(context.Graph, deployment);
            try
            {
                customization.Apply(customizer);
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException(path.Error($"customizations[{i}]", e.Message, $"the deployment's resources are: {string.Join(", ", customizer.Parts)}"));
            }

            context.Note(deployment.Name, "customization", Fidelity.Approximated, $"{customization.Description}: set {string.Join(", ", customizer._changed)}");
        }
    }

    public string TypeToken(string part) => Find(part).Type.Token;

    public void SetProperty(string part, string path, object? value)
    {
        var resource = Find(part);
        _graph.Replace(resource, ValuePath.Set(resource.Properties, path, ToValue(value)));
        _changed.Add($"{part}.{path}");
    }

    private Resource Find(string part) => _byPart.TryGetValue(part ?? string.Empty, out var r)
        ? r
        : throw new ArgumentException($"the deployment has no resource '{part}'", nameof(part));

    private static Value? ToValue(object? value) => value switch
    {
        null => null,
        Value v => v,
        string s => s,
        bool b => b,
        int n => n,
        long n => n,
        decimal n => n,
        double n when double.IsFinite(n) => (decimal)n,
        IDictionary<string, object?> map => Value.SortedMap(map.Select(e => new KeyValuePair<string, Value>(e.Key, ToValue(e.Value) ?? new NullValue()))),
        IDictionary<string, string> map => Value.SortedMap(map),
        IEnumerable items => Value.List(items.Cast<object?>().Select(ToValue)),
        _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"a {value.GetType().Name} cannot be a property value"), nameof(value)),
    };
}
