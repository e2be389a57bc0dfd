
namespace MlDeploy.Tests.Kubernetes;

public class KubernetesWorkloadGoldenTests
{
    [Fact]
    public void Golden_CpuWorkload() =>
        Support.Golden.AssertMatches(KubernetesSamples.Yaml(KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g))), "kubernetes-workload-cpu.yaml");

    [Fact]
    public void Golden_GpuWorkload() =>
        Support.Golden.AssertMatches(KubernetesSamples.Yaml(KubernetesSamples.Plan(KubernetesSamples.GpuWorkload)), "kubernetes-workload-gpu.yaml");
}
