using System.Collections.Immutable;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Azure.Aks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Gke;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Hosting;
using MlDeploy.Model;

namespace MlPlatform.Stacks;

/// <summary>
/// The example platform: the fraud scorer from examples/model-server, declared once and served on the target a stack's
/// config names (<c>ml-platform:target</c>: a SageMaker real-time endpoint by default, an ECS service on Fargate, a workload on
/// an existing EKS cluster, an Azure Container App, a
/// workload on an existing AKS cluster, an Azure ML managed online endpoint, a Cloud Run
/// service, a Vertex AI endpoint, or a workload on an existing GKE cluster).
/// </summary>
/// <remarks>
/// Environments differ only in stack config (stacks/Pulumi.&lt;stack&gt;.yaml): target, instance type, scaling, capture
/// percentage, bake time (a duration such as <c>10m</c>), and where the image comes from. Staging builds and pushes the image; production deploys the
/// release that staging verified — its image digest and model digest, which <c>promote --from staging --to prod</c> writes into
/// stacks/Pulumi.prod.yaml (<see cref="StackContext.Release"/>). The model, its compute, scaling,
/// monitoring and rollout are the same declaration on every target; only the target record differs.
/// </remarks>
public static class ModelPlatform
{
    /// <summary>Declares the platform for one stack.</summary>
    /// <param name="stack">The stack and its config.</param>
    /// <returns>The platform.</returns>
    public static Platform Define(StackContext stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var config = stack.Config;
        // The release `promote` wrote from the stack that verified it (production), or none: build from source (staging).
        var release = stack.Release("fraud-scorer");
        var model = ModelArtifact.FromFile("examples/model-server/model");
        var image = release?.ImageSource ?? ImageSource.Build("examples/model-server", config.Require("imageTag"));

        // Requests per second where the target measures them; a cluster without a request-metrics adapter scales on CPU.
        var metric = config.GetEnum("scalingMetric", ScalingMetric.RequestsPerSecond);
        var fraudScorer = new ModelDeployment(
            Name: "fraud-scorer",
            Image: image,
            Artifact: release?.Artifact(model) ?? model,
            Target: Target(config))
        {
            // How long the server may take to load the model before its startup probe gives up (Cloud Run allows 8 minutes).
            Serving = new Serving { StartupTimeout = config.GetDuration("startupTimeout", TimeSpan.FromMinutes(10), min: TimeSpan.FromSeconds(30), max: TimeSpan.FromHours(1)) },
            Compute = new Compute { Cpu = config.GetDecimal("cpu", 2), MemoryGiB = config.GetDecimal("memoryGiB", 8) },
            Scaling = new Scaling
            {
                Min = config.GetInt32("minReplicas", 2),
                Max = config.GetInt32("maxReplicas", 4),
                Metric = metric,
                Target = metric == ScalingMetric.RequestsPerSecond ? config.GetInt32("targetRequestsPerSecond", 20) : config.GetInt32("scalingTarget", 70),
            },
            Monitoring = new Monitoring
            {
                LatencyP99Ms = 250,
                ErrorRatePercent = 1,
                LogRetentionDays = config.GetInt32("logRetentionDays", 30),
                DataCapturePercent = config.GetInt32("dataCapturePercent", 0, min: 0, max: 100),
                NotificationEmail = config.Get("alertEmail"),
            },
            Network = new Network
            {
                Exposure = Exposure.Private,
                SubnetIds = [.. config.GetStringList("subnetIds")],
                SecurityGroupIds = [.. config.GetStringList("securityGroupIds")],
            },
            Rollout = new Rollout
            {
                Strategy = config.GetEnum("rolloutStrategy", RolloutStrategy.Canary),
                TrafficPercent = config.GetInt32("rolloutPercent", 10),
                // Bounded here so a zero or negative bake time names the config key, not Rollout.BakeTime.
                BakeTime = config.GetDuration("bakeTime", TimeSpan.FromMinutes(10), min: TimeSpan.FromMinutes(1), max: TimeSpan.FromHours(1)),
            },
            // `verify` sends this after `pulumi up`: one row of the model's four features (examples/model-server/model/model.json).
            Smoke = new SmokeTest("""{"instances": [[3.0, 120.5, 1, 0]]}""") { ExpectBodyContains = "\"predictions\"" },
            Tags = new Dictionary<string, string> { ["team"] = "risk-ml", ["cost-center"] = "cc-4410" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };

        return new Platform { Deployments = [fraudScorer] };
    }

    private static DeploymentTarget Target(StackConfig config) => config.GetEnum("target", ServingTarget.SageMaker) switch
    {
        ServingTarget.Fargate => new FargateTarget
        {
            VpcId = config.Require("vpcId"),

            // The image's own health command: the example server answers `healthcheck` with its /ping status.
            HealthCheckCommand = ["CMD", "python", "/app/model_server.py", "healthcheck"],
        },
        ServingTarget.Eks => new EksTarget(EksCluster.Existing(config.Require("clusterName")) with { PodIdentityAgentPresent = true }),
        ServingTarget.ContainerApps => new ContainerAppsTarget
        {
            Location = config.Require("azure-native:location"),
            ResourceGroupName = config.Get("resourceGroupName"),
            ModelLoaderImage = config.Get("modelLoaderImage") ?? ContainerAppsTarget.DefaultModelLoaderImage,

            // The revision serving today: a canary or blue/green rollout keeps it beside the new one. Unset on the
            // first rollout, when the new revision takes all traffic once its probes pass.
            StableRevision = config.Get("stableRevision"),
        },
        ServingTarget.Aks => new AksTarget(AksCluster.Existing(config.Require("clusterName"), config.Require("clusterResourceGroup")) with { WorkloadIdentityEnabled = true })
        {
            Location = config.Require("azure-native:location"),
            ResourceGroupName = config.Get("resourceGroupName"),
        },
        ServingTarget.AzureMl => new AzureMlTarget
        {
            Location = config.Require("azure-native:location"),
            ResourceGroupName = config.Get("resourceGroupName"),
            InstanceType = config.Get("instanceType"),

            // The online deployment serving today: a canary or blue/green rollout keeps it beside the new one.
            StableDeployment = config.Get("stableDeployment"),
        },
        ServingTarget.CloudRun => new CloudRunTarget
        {
            Project = config.Require("gcp:project"),
            Region = config.Require("gcp:region"),
            Invokers = [.. config.GetStringList("invokers")],

            // The revision serving today: a canary keeps it beside the new one (unset on the first rollout).
            StableRevision = config.Get("stableRevision"),
        },
        ServingTarget.Vertex => new VertexTarget
        {
            Project = config.Require("gcp:project"),
            Region = config.Require("gcp:region"),
            MachineType = config.Get("instanceType"),

            // The deployed model serving today: a canary splits traffic with it (unset on the first rollout).
            StableDeployedModel = config.Get("stableDeployedModel"),
        },
        ServingTarget.Gke => new GkeTarget(GkeCluster.Existing(config.Require("clusterName"), config.Require("gcp:project"), config.Require("clusterLocation")) with
        {
            WorkloadIdentityEnabled = true,
            NodeServiceAccount = config.Get("clusterNodeServiceAccount"),
        })
        {
            Project = config.Require("gcp:project"),
            Region = config.Require("gcp:region"),
        },
        _ => new SageMakerTarget { InstanceType = config.Get("instanceType") },
    };
}
