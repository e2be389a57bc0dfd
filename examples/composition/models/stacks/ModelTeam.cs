using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Hosting;
using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlPlatform.Composition.Models;

/// <summary>
/// A model team's stack: a SageMaker endpoint in the platform's network and a workload on the platform's cluster. The
/// network, the cluster and the image repository come from the platform stack of the same environment through a stack
/// reference, so nothing is copied between stack files but the image digest, which CI pins in config to promote.
/// </summary>
public static class ModelTeam
{
    /// <summary>Declares the model stack for one environment.</summary>
    /// <param name="stack">The stack and its config.</param>
    /// <returns>The platform.</returns>
    public static Platform Define(StackContext stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var config = stack.Config;
        var platform = new StackReference($"{config.Require("organization")}/ml-platform-base/{stack.Stack}");
        var image = ImageSource.FromRepository(platform.Output("scorerRepositoryUrl"), platform.Output("scorerRepositoryArn"), config.Require("scorerDigest"));
        var network = new Network
        {
            SubnetIds = platform.Items("privateSubnetIds", config.GetInt32("platformSubnetCount", 2, 2, 16)),
            SecurityGroupIds = [platform.Output("servingSecurityGroupIds", 0)],
        };

        var fraud = new ModelDeployment("fraud-scorer", image, ModelArtifact.FromFile("../../model-server/model"), new SageMakerTarget { InstanceType = config.Get("instanceType") })
        {
            Compute = new Compute { Cpu = 2, MemoryGiB = 8 },
            Scaling = new Scaling { Min = config.GetInt32("minReplicas", 2, 1, 100), Max = config.GetInt32("maxReplicas", 4, 1, 100), Metric = ScalingMetric.RequestsPerSecond, Target = 20 },
            Monitoring = new Monitoring { NotificationEmail = config.Get("alertEmail") },
            Network = network,
        };

        var ranker = new ModelDeployment(
            "ranker",
            image,
            ModelArtifact.FromFile("../../model-server/model"),
            new EksTarget(EksCluster.Existing("ml", platform.Output("clusterName")) with { PodIdentityAgentPresent = true })
            {
                // One namespace per stack: two environments may share the platform's cluster (ARCHITECTURE decision 25).
                Workload = new KubernetesWorkloadOptions { Namespace = $"ml-{stack.Stack}", ModelLoaderImage = config.Get("modelLoaderImage") },
            })
        {
            Compute = new Compute { Cpu = 1, MemoryGiB = 2 },
            Scaling = new Scaling { Min = config.GetInt32("minReplicas", 2, 1, 100), Max = 6, Metric = ScalingMetric.CpuUtilization, Target = 70 },
            Network = network,
        };

        return new Platform
        {
            Deployments = [fraud, ranker],
            Outputs = [new PlatformOutput("fraudEndpoint", OutputValue.Of(fraud, "endpoint-name"))],
        };
    }
}
