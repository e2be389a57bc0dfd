using MlDeploy.Aws;
using MlDeploy.Aws.Ecs;
using MlDeploy.Aws.Eks;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Azure.Aks;
using MlDeploy.Azure.ContainerApps;
using MlDeploy.Azure.MachineLearning;
using MlDeploy.Gcp.CloudRun;
using MlDeploy.Gcp.Gke;
using MlDeploy.Gcp.Vertex;
using MlDeploy.Guardrails;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Pipeline;

/// <summary>
/// Nothing valid is wrongly refused: a deployment with only the required inputs of its target passes every guardrail
/// at every level, or validation names the one setting production needs that no default can satisfy.
/// </summary>
public class DefaultsPassGuardrailsTests
{
    /// <summary>A digest-pinned loader image (an illustrative digest: the SDK cannot verify the real one offline).</summary>
    private const string PinnedLoader = "public.ecr.aws/aws-cli/aws-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    /// <summary>
    /// Per registered target type: the minimal deployment (only what the target cannot default), the validation errors
    /// production reports for it (settings whose safe value the SDK cannot know offline), and that deployment with them set.
    /// </summary>
    private static readonly Dictionary<Type, MinimalTarget> s_minimal = new()
    {
        [typeof(SageMakerTarget)] = new(Minimal(new SageMakerTarget()) with { Network = new Network { SubnetIds = SampleDeployments.Subnets, SecurityGroupIds = SampleDeployments.SecurityGroups } }, [], d => d),
        [typeof(FargateTarget)] = new(
            Minimal(new FargateTarget { VpcId = "vpc-0ccc0000000000001" }) with { Network = new Network { SubnetIds = SampleDeployments.Subnets } },
            ["deployments[minimal].target.modelLoaderImage"],
            d => d with { Target = ((FargateTarget)d.Target) with { ModelLoaderImage = PinnedLoader } }),
        [typeof(EksTarget)] = new(
            Minimal(new EksTarget(EksCluster.Existing("platform") with { PodIdentityAgentPresent = true })),
            ["deployments[minimal].target.workload.modelLoaderImage"],
            d => d with { Target = ((EksTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = PinnedLoader } } }),

        // Container Apps' Consumption profile holds at most 4 vCPU / 8 GiB for all containers together, the loader
        // included, so the model's default 2 vCPU / 8 GiB fits no combination (docs/AZURE-RUNTIME.md): the minimal
        // deployment states its compute, as it states the region the target cannot default either.
        [typeof(ContainerAppsTarget)] = new(
            Minimal(new ContainerAppsTarget { Location = "westeurope" }) with { Compute = new Compute { Cpu = 1, MemoryGiB = 2 } },
            ["deployments[minimal].target.modelLoaderImage"],
            d => d with { Target = ((ContainerAppsTarget)d.Target) with { ModelLoaderImage = ContainerAppsLoader } }),

        // AKS, like Container Apps, cannot default the region of the deployment's own resources.
        [typeof(AksTarget)] = new(
            Minimal(new AksTarget(AksCluster.Existing("platform", "platform-rg") with { WorkloadIdentityEnabled = true }) { Location = "westeurope" }),
            ["deployments[minimal].target.workload.modelLoaderImage"],
            d => d with { Target = ((AksTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = ContainerAppsLoader } } }),

        // Azure ML needs only its region; production asks for nothing more (the image is built and deployed by digest).
        [typeof(AzureMlTarget)] = new(Minimal(new AzureMlTarget { Location = "westeurope" }), [], d => d),

        // GKE needs the project and region of the deployment's own resources and the cluster's location; production asks
        // for a digest-pinned loader, as on EKS and AKS.
        [typeof(GkeTarget)] = new(
            Minimal(new GkeTarget(GkeCluster.Existing("platform", "acme-platform", "europe-west4") with { WorkloadIdentityEnabled = true }) { Project = "acme-ml-staging", Region = "europe-west4" }),
            ["deployments[minimal].target.workload.modelLoaderImage"],
            d => d with { Target = ((GkeTarget)d.Target) with { Workload = new KubernetesWorkloadOptions { ModelLoaderImage = "gcr.io/google.com/cloudsdktool/google-cloud-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b" } } }),

        // Cloud Run needs its project and region, and an address for its alert channel; its startup probe allows at most
        // 480 s (docs/GCP-RUNTIME.md), below the model's default 10-minute start-up timeout, so the minimal deployment
        // states a start-up it can allow.
        [typeof(CloudRunTarget)] = new(
            Minimal(new CloudRunTarget { Project = "acme-ml-staging", Region = "europe-west4" }) with
            {
                Serving = new Serving { StartupTimeout = TimeSpan.FromMinutes(8) },
                Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" },
            },
            [],
            d => d),

        // Vertex AI needs its project and region and an address for its alert channel; the default requests/s scaling
        // is approximated by CPU utilization.
        [typeof(VertexTarget)] = new(
            Minimal(new VertexTarget { Project = "acme-ml-staging", Region = "europe-west4" }) with { Monitoring = new Monitoring { NotificationEmail = "oncall@example.com" } },
            [],
            d => d),
    };

    /// <summary>A digest-pinned Azure CLI image for the Container Apps loader (an illustrative digest, as above).</summary>
    private const string ContainerAppsLoader = "mcr.microsoft.com/azure-cli@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";

    private static readonly TargetPack[] s_packs = [AwsTargets.All, AzureTargets.All, GcpTargets.All];

    public static TheoryData<string> Targets => [.. s_packs.SelectMany(p => p.Planners).Select(p => p.TargetType.Name)];

    [Fact]
    public void EveryRegisteredTarget_HasAMinimalDeployment()
    {
        Assert.Equal(
            s_packs.SelectMany(p => p.Planners).Select(p => p.TargetType.Name).Order(StringComparer.Ordinal),
            s_minimal.Keys.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Defaults_Development_NoViolation(string target)
    {
        var minimal = Of(target);

        var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, minimal.Deployment), SampleDeployments.Staging);

        Assert.DoesNotContain(synthesis.Guardrails, o => o.Status == GuardrailStatus.Violation);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Defaults_Production_FailOnlyInValidation_NamingTheSetting(string target)
    {
        var minimal = Of(target);
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, minimal.Deployment);

        var problems = SampleDeployments.Synthesizer().Validate(platform, SampleDeployments.Prod.RootDirectory);

        // Never a guardrail failure: what production needs beyond the defaults is said before planning, by setting.
        Assert.Equal(minimal.ProductionSettings, problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Contains("@sha256:", p.Hint ?? string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Defaults_Production_WithTheNamedSettings_PassEveryGuardrail(string target)
    {
        var minimal = Of(target);
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, minimal.ForProduction(minimal.Deployment));

        var synthesis = SampleDeployments.Synthesizer().Synthesize(platform, SampleDeployments.Prod);

        Assert.Empty(synthesis.Guardrails);
    }

    private static MinimalTarget Of(string target) => s_minimal.Single(e => e.Key.Name == target).Value;

    private static ModelDeployment Minimal(DeploymentTarget target) =>
        new("minimal", ImageSource.Build("examples/model-server", "1.0.0"), ModelArtifact.FromFile("examples/model-server/model"), target);

    private sealed record MinimalTarget(ModelDeployment Deployment, string[] ProductionSettings, Func<ModelDeployment, ModelDeployment> ForProduction);
}
