using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>One deployment's view of the graph: resources named <c>&lt;deployment&gt;-&lt;part&gt;</c> with the deployment's tags.</summary>
public class DeploymentScope : GraphScope
{
    /// <summary>Initializes the scope.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="context">The plan under construction.</param>
    /// <param name="labels">The cloud's rules for tags or labels.</param>
    public DeploymentScope(ModelDeployment deployment, PlanContext context, LabelPolicy labels)
        : base(context, Of(deployment).Name, deployment.Name, Of(labels).Apply(deployment.Tags, ("deployment", deployment.Name), ("project", context.Project), ("stack", context.Stack)))
    {
        Deployment = deployment;
        Labels = labels;
    }

    /// <summary>Gets the deployment.</summary>
    public ModelDeployment Deployment { get; }

    /// <summary>Gets the cloud's rules for tags or labels.</summary>
    public LabelPolicy Labels { get; }

    /// <summary>Gets the deployment's name.</summary>
    public string Name => Deployment.Name;

    /// <summary>
    /// A provider-visible name derived from project, stack and deployment (and a suffix), ending with a stable hash of
    /// them so no other stack, deployment or part can get the same name.
    /// </summary>
    /// <param name="maxLength">The provider's limit.</param>
    /// <param name="suffix">Further parts, e.g. <c>tg</c>.</param>
    /// <returns>The name.</returns>
    public string PhysicalName(int maxLength, params string[] suffix)
    {
        var name = Naming.PhysicalName.Create(maxLength, [Context.Project, Context.Stack, Deployment.Name, .. suffix]);
        Context.ClaimPhysicalName(name, $"deployments[{Deployment.Name}]");
        return name;
    }

    /// <summary>
    /// The deployment's tags plus, when it waives policies, the SDK's <c>waivers</c> tag listing their ids (sorted,
    /// space-separated, spelled as the cloud's label policy accepts): the resource the waivers concern carries them.
    /// </summary>
    /// <returns>The tag map.</returns>
    public MapValue TagsWithWaivers() => Deployment.Waivers.IsEmpty
        ? Tags
        : Tags.With(Labels.SdkKey("waivers"), Labels.SdkValueOf(string.Join(' ', Deployment.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal))));

    private static T Of<T>(T value)
        where T : class => value ?? throw new ArgumentNullException(nameof(value));
}
