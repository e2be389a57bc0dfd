using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// One deployment's view of the graph on Google Cloud: the shared <see cref="DeploymentScope"/> with Google's label
/// rules, the project and region every resource names explicitly (no dependence on provider config), and the
/// deployer's <c>getClientConfig</c> (its access token authenticates the image push), read once per program.
/// </summary>
internal sealed class GcpScope : DeploymentScope
{
    public GcpScope(ModelDeployment deployment, PlanContext context, string project, string region)
        : base(deployment, context, GcpLabelPolicy.Instance)
    {
        Project = project;
        Region = region;
        Client = context.Graph.GetOrAdd(new Invoke("gcp-client-config", GcpTypes.GetClientConfig, MapValue.Empty));
    }

    /// <summary>Gets the project id.</summary>
    public string Project { get; }

    /// <summary>Gets the region, e.g. <c>europe-west4</c>.</summary>
    public string Region { get; }

    /// <summary>Gets the <c>getClientConfig</c> invoke (project, region, the deployer's access token).</summary>
    public Invoke Client { get; }

    /// <summary>The properties every regional resource of the deployment starts with: project, location, and labels last.</summary>
    public MapValue Placed(params (string Key, Value? Value)[] entries) =>
        Value.Map([("project", Project), ("location", Region), .. entries, ("labels", Tags)]);
}
