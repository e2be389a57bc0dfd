using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Gke;
using MlDeploy.Gcp.Guardrails;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Gcp;

/// <summary>
/// The Google Cloud target pack: Cloud Run services, Vertex AI endpoints and GKE; the shared component it creates for
/// <c>Platform.Components</c> (a <c>NewGkeCluster</c>); the fact extractors for the resources they emit. Pass it with
/// the other packs a stack uses: <c>DeployApp.Run(args, Define, AwsTargets.All, AzureTargets.All, GcpTargets.All)</c>.
/// </summary>
public static class GcpTargets
{
    /// <summary>Gets every Google Cloud target.</summary>
    public static TargetPack All { get; } = new("gcp", [new CloudRunPlanner(), new VertexPlanner(), new GkePlanner()], [.. GcpFacts.All, .. KubernetesFacts.All])
    {
        Components =
        [
            // Deployments on the cluster compare their declaration with this one (GkeValidator), naming both.
            ComponentPlanner.Of<NewGkeCluster>(GkeClusterBlock.Prefix, (context, cluster) => GkeClusterBlock.For(context, cluster), GkeClusterChecks.Validate),
        ],

        // `cost` and the plan's cost line (decision 44).
        CostModels = [new Costs.CloudRunCostModel(), new Costs.VertexCostModel(), new Costs.GkeCostModel()],
    };
}
