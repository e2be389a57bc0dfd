using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

/// <summary>The NVIDIA device plugin DaemonSet of a created GPU cluster, checked through the DaemonSet extractor (blocking like any kind).</summary>
public class DaemonSetGuardrailTests
{
    private const string Plugin = "eks-ml-nvidia-device-plugin";
    private const string Pod = "spec.template.spec";
    private static readonly Synthesis s_synthesis = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

    private static List<string> Findings(ResourceGraph graph, string resource = Plugin) =>
        [.. PolicyChecks.Engine().Check(new GuardrailContext(graph, s_platform)).Where(o => o.Finding.Resource == resource).Select(o => $"{o.Finding.RuleId} {o.Status} {o.Finding.Message}")];

    [Fact]
    public void DevicePlugin_AsEmitted_PassesEveryPolicy() =>
        Assert.Empty(s_synthesis.Guardrails.Where(o => o.Finding.Resource == Plugin));

    [Fact]
    public void DevicePlugin_Mutated_FindingsBlock() =>
        Assert.Equal(
            ["MLS-CTR-02 Violation container nvidia-device-plugin is privileged"],
            Findings(s_synthesis.Graph.Set(Plugin, $"{Pod}.containers[0].securityContext.privileged", true)));

    [Fact]
    public void DevicePlugin_RootWithWritableRoot_IsNotConfined() =>
        Assert.Equal(
            ["MLS-CTR-01 Violation container nvidia-device-plugin may run as root", "MLS-CTR-04 Violation container nvidia-device-plugin has a writable root file system"],
            Findings(s_synthesis.Graph.Set(Plugin, $"{Pod}.containers[0].securityContext.readOnlyRootFilesystem", false)));

    [Fact]
    public void DevicePlugin_OtherHostPath_IsAHostPath() =>
        Assert.Equal(
            ["MLS-CTR-01 Violation container nvidia-device-plugin may run as root", "MLS-CTR-06 Violation volume device-plugin is a hostPath"],
            Findings(s_synthesis.Graph.Set(Plugin, $"{Pod}.volumes[0].hostPath.path", "/var/run")));

    [Fact]
    public void Deployment_WithTheKubeletRegistrationDirectory_IsAHostPath()
    {
        var deployment = s_synthesis.Graph.Resources.Single(r => r.Type.Token == "kubernetes:apps/v1:Deployment").Name;
        var graph = s_synthesis.Graph
            .Set(deployment, $"{Pod}.volumes[0]", Value.Map(("name", "model"), ("hostPath", Value.Map(("path", "/var/lib/kubelet/device-plugins")))));

        Assert.Contains("MLS-CTR-06 Violation volume model is a hostPath", Findings(graph, deployment));
    }
}
