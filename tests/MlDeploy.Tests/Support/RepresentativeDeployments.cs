using MlDeploy.Model;
using MlDeploy.Pipeline;

namespace MlDeploy.Tests.Support;

/// <summary>
/// One representative deployment per registered target (several where a setting changes what the target emits: GPU,
/// serverless, a service group, a created cluster, KServe modes), each with the synthesis that plans it. The cross-target
/// tests (monitoring contract, cost models) run every case, and their coverage checks
/// make a tenth target without a case fail.
/// </summary>
internal static class RepresentativeDeployments
{
    public static IReadOnlyList<(string Name, Func<ModelDeployment> Deployment, Func<ModelDeployment, Synthesis> Synthesize)> All { get; } =
    [
        ("sagemaker", () => SampleDeployments.CpuEndpoint(), Aws),
        ("sagemaker-gpu", SampleDeployments.GpuEndpoint, Aws),
        ("sagemaker-serverless", SampleDeployments.Serverless, Aws),
        ("sagemaker-mirrored", SampleDeployments.MirroredEndpoint, Aws),
        ("fargate", () => Ecs.FargateSamples.Internal(EnvironmentProfile.Production), d => Ecs.FargateSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("fargate-group", () => Ecs.FargateSamples.Grouped(EnvironmentProfile.Production)[0], d => Ecs.FargateSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("eks-prometheus", () => Eks.EksSamples.ExistingClusterCpu(EnvironmentProfile.Production), d => Eks.EksSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("eks-created", () => Eks.EksSamples.CreatedClusterGpu(EnvironmentProfile.Production), d => Eks.EksSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("eks-kserve-serverless", () => Eks.EksSamples.KServeServerless(EnvironmentProfile.Production), d => Eks.EksSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("eks-kserve-scale-to-zero", () => Eks.EksSamples.KServeServerless(EnvironmentProfile.Development), d => Eks.EksSamples.Synthesize(EnvironmentProfile.Development, d)),
        ("eks-kserve-raw", () => Eks.EksSamples.KServeRaw(EnvironmentProfile.Production), d => Eks.EksSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("aks", () => Aks.AksSamples.ExistingClusterCpu(EnvironmentProfile.Production), d => Aks.AksSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("gke", () => Gke.GkeSamples.ExistingClusterCpu(EnvironmentProfile.Production), d => Gke.GkeSamples.Synthesize(EnvironmentProfile.Production, d)),
        ("container-apps", Azure.ContainerAppsSamples.Production, d => Azure.ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("container-apps-mirrored", Azure.ContainerAppsSamples.Mirrored, d => Azure.ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("azure-ml", Azure.AzureMlSamples.Production, d => Azure.ContainerAppsSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("cloud-run", Gcp.CloudRunSamples.Production, d => Gcp.CloudRunSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("cloud-run-mirrored", Gcp.CloudRunSamples.Mirrored, d => Gcp.CloudRunSamples.Synthesize(d, EnvironmentProfile.Production)),
        ("vertex", Gcp.VertexSamples.Production, d => Gcp.VertexSamples.Synthesize(d, EnvironmentProfile.Production)),
    ];

    /// <summary>Gets the case names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    /// <summary>Gets one case by name.</summary>
    /// <param name="name">The case's name.</param>
    /// <returns>The case.</returns>
    public static (string Name, Func<ModelDeployment> Deployment, Func<ModelDeployment, Synthesis> Synthesize) Get(string name) => All.Single(c => c.Name == name);

    private static Synthesis Aws(ModelDeployment d) =>
        SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, d), SampleDeployments.Prod);
}
