using MlDeploy.Azure.ContainerApps;
using MlDeploy.Azure.Guardrails;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Targets;

namespace MlDeploy.Azure;

/// <summary>
/// The Azure target pack: Azure Container Apps and Azure ML managed online endpoints, and the fact extractors for the resources it emits. Pass it with the
/// other packs a stack uses: <c>DeployApp.Run(args, Define, AwsTargets.All, AzureTargets.All)</c>.
/// </summary>
public static class AzureTargets
{
    /// <summary>Gets every Azure target.</summary>
    public static TargetPack All { get; } = new("azure", [new ContainerAppsPlanner(), new AzureMlPlanner()], [.. AzureFacts.All]);
}
