using MlDeploy.Aws.Blocks;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.Guardrails;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Aws.Verification;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws;

/// <summary>
/// The AWS target pack: SageMaker real-time endpoints, ECS on Fargate and EKS; the shared components it creates for
/// <c>Platform.Components</c> (a <c>SharedImage</c> in ECR, a <c>NewEksCluster</c>, a shared <c>EncryptionKey</c> in KMS, an <c>AlertChannel</c> in SNS); the fact extractors for the resources they emit; the live checks <c>verify</c> runs on SageMaker and Fargate deployments.
/// </summary>
public static class AwsTargets
{
    /// <summary>Gets every AWS target: pass it to <c>DeployApp.Run(args, Define, AwsTargets.All)</c>.</summary>
    public static TargetPack All { get; } = new(
        "aws",
        [new SageMakerPlanner(), new FargatePlanner(), new EksPlanner()],
        [.. AwsFacts.All, .. KubernetesFacts.All])
    {
        Components =
        [
            // The cloud-neutral rules (name, build, images kept) cover everything ECR needs.
            ComponentPlanner.Of<SharedImage>(SharedImageBlock.Prefix, (context, image) => SharedImageBlock.Ensure(context, image)),

            // Deployments on the cluster compare their declaration with this one (EksValidator), naming both.
            ComponentPlanner.Of<NewEksCluster>(EksClusterBlock.Prefix, (context, cluster) => EksClusterBlock.For(context, cluster), EksClusterChecks.Validate),

            // The cloud-neutral rules (name, deletion window) cover everything KMS needs.
            ComponentPlanner.Of<EncryptionKey>(SharedKeyBlock.Prefix, (context, key) => SharedKeyBlock.Ensure(context, key)),
            ComponentPlanner.Of<AlertChannel>(AlertChannelBlock.Prefix, (context, channel) => AlertChannelBlock.Ensure(context, channel), (channel, path, _) => AwsValidation.ValidateChannel(channel, path)),
        ],

        // `verify`: EKS workloads have no live check yet (reported as skipped).
        LiveChecks = [new SageMakerLiveCheck(), new FargateLiveCheck()],

        // `cost` and the plan's cost line (decision 44).
        CostModels = [new Costs.SageMakerCostModel(), new Costs.FargateCostModel(), new Costs.EksCostModel()],
    };
}
