using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Guardrails;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Targets;

namespace MlDeploy.Gcp;

/// <summary>
/// The Google Cloud target pack: Cloud Run services, Vertex AI endpoints, and the fact extractors for the resources it emits. Pass it with
/// the other packs a stack uses: <c>DeployApp.Run(args, Define, AwsTargets.All, AzureTargets.All, GcpTargets.All)</c>.
/// </summary>
public static class GcpTargets
{
    /// <summary>Gets every Google Cloud target.</summary>
    public static TargetPack All { get; } = new("gcp", [new CloudRunPlanner(), new VertexPlanner()], [.. GcpFacts.All]);
}
