using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Costs;

/// <summary>What a cost model reads: the deployment, the synthesized graph its planner produced, and the stack's config.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Graph">The stack's synthesized graph.</param>
/// <param name="Config">The stack's config by fully qualified key (e.g. <c>aws:region</c>, which AWS targets take their region from).</param>
/// <param name="RootDirectory">The project root that local model paths are relative to.</param>
public sealed record CostInput(ModelDeployment Deployment, ResourceGraph Graph, Func<string, string?> Config, string RootDirectory)
{
    /// <summary>Gets the deployment's resources of one type, by name.</summary>
    /// <param name="token">The type token, e.g. <c>aws:ecs/taskDefinition:TaskDefinition</c>.</param>
    /// <returns>The resources.</returns>
    public IEnumerable<Resource> Owned(string token) =>
        Graph.Resources.Where(r => r.Owner == Deployment.Name && r.Type.Token == token).OrderBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>Gets the deployment's one resource of a type, or null.</summary>
    /// <param name="token">The type token.</param>
    /// <returns>The first by name, or null.</returns>
    public Resource? One(string token) => Owned(token).FirstOrDefault();

    /// <summary>Reads a number the planner wrote as a number or a numeric string (<c>"1024"</c>, <c>"2"</c>).</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="path">The property path.</param>
    /// <returns>The number, or null.</returns>
    public static decimal? Number(Resource? resource, string path) => resource is null ? null : ValuePath.Get(resource.Properties, path) switch
    {
        NumberValue n => n.Value,
        StringValue s when decimal.TryParse(s.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>Reads a literal string property.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="path">The property path.</param>
    /// <returns>The string, or null.</returns>
    public static string? Text(Resource? resource, string path) => resource is null ? null : ValuePath.GetString(resource.Properties, path);
}
