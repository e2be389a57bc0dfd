using MlDeploy.Azure.Aks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Azure.Guardrails;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Kubernetes;
using MlDeploy.Targets;

namespace MlDeploy.Azure;

/// <summary>
/// The Azure target pack: Azure Container Apps, Azure ML managed online endpoints and AKS; the shared component it
/// creates for <c>Platform.Components</c> (a <c>NewAksCluster</c>); the fact extractors for the resources they emit.
/// Pass it with the other packs a stack uses: <c>DeployApp.Run(args, Define, AwsTargets.All, AzureTargets.All)</c>.
/// </summary>
public static class AzureTargets
{
    /// <summary>Gets every Azure target.</summary>
    public static TargetPack All { get; } = new("azure", [new ContainerAppsPlanner(), new AzureMlPlanner(), new AksPlanner()], [.. AzureFacts.All, .. KubernetesFacts.All])
    {
        Components =
        [
            // Deployments on the cluster compare their declaration with this one (AksValidator), naming both.
            ComponentPlanner.Of<NewAksCluster>(AksClusterBlock.Prefix, (context, cluster) => AksClusterBlock.For(context, cluster), AksClusterChecks.Validate),
        ],

        // `cost` and the plan's cost line (decision 44).
        CostModels = [new Costs.ContainerAppsCostModel(), new Costs.AzureMlCostModel(), new Costs.AksCostModel()],
    };
}
