using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Eks;

/// <summary>The NVIDIA device plugin DaemonSet of a created GPU cluster, checked through the DaemonSet extractor (advisory).</summary>
public class DaemonSetGuardrailTests
{
    private const string Plugin = "eks-ml-nvidia-device-plugin";
    private const string Pod = "spec.template.spec";
    private static readonly Synthesis s_synthesis = EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

    [Fact]
    public void DevicePlugin_AsEmitted_FindingsAreAdvisory()
    {
        var onPlugin = s_synthesis.Guardrails.Where(o => o.Finding.Resource == Plugin).ToList();

        Assert.All(onPlugin, o => Assert.Equal(GuardrailStatus.Advisory, o.Status));
        Assert.Equal(
            [
                "MLS-CTR-01 container nvidia-device-plugin may run as root",
                "MLS-CTR-04 container nvidia-device-plugin has a writable root file system",
                "MLS-CTR-05 container nvidia-device-plugin runs with seccomp profile unset, not RuntimeDefault",
                "MLS-CTR-06 volume device-plugin is a hostPath",
                "MLS-CTR-07 the pod does not set automountServiceAccountToken: false",
                "MLS-CTR-08 container nvidia-device-plugin has a memory limit different from its request",
                "MLS-CTR-08 container nvidia-device-plugin has no ephemeral-storage request and limit",
                "MLS-IAM-05 the pod has no identity of its own",
                "MLS-IMG-01 the image of container nvidia-device-plugin is not pinned by digest",
            ],
            onPlugin.Select(o => $"{o.Finding.RuleId} {o.Finding.Message}"));
    }

    [Fact]
    public void DevicePlugin_Hardened_Passes_AndOneMutationFires()
    {
        var hardened = Harden(s_synthesis.Graph);
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production));

        Assert.Empty(PolicyChecks.Engine().Check(new GuardrailContext(hardened, platform)).Where(o => o.Finding.Resource == Plugin));
        var privileged = hardened.Set(Plugin, $"{Pod}.containers[0].securityContext.privileged", true);
        var outcome = Assert.Single(PolicyChecks.Engine().Check(new GuardrailContext(privileged, platform)).Where(o => o.Finding.Resource == Plugin));
        Assert.Equal(
            (new Finding("MLS-CTR-02", null, Plugin, "container nvidia-device-plugin is privileged"), GuardrailStatus.Advisory),
            (outcome.Finding, outcome.Status));
    }

    /// <summary>What the planner owner would change: everything but the kubelet socket directory, which is the plugin's job (an emptyDir stands in).</summary>
    private static ResourceGraph Harden(ResourceGraph graph) => graph
        .Set(Plugin, $"{Pod}.securityContext", Value.Map(("runAsNonRoot", true), ("runAsUser", 65532), ("seccompProfile", Value.Map(("type", "RuntimeDefault")))))
        .Set(Plugin, $"{Pod}.serviceAccountName", "nvidia-device-plugin")
        .Set(Plugin, $"{Pod}.automountServiceAccountToken", false)
        .Set(Plugin, $"{Pod}.volumes", Value.List(Value.Map(("name", "device-plugin"), ("emptyDir", MapValue.Empty))))
        .Set(Plugin, $"{Pod}.containers[0].image", "nvcr.io/nvidia/k8s-device-plugin@sha256:0000000000000000000000000000000000000000000000000000000000000000")
        .Set(Plugin, $"{Pod}.containers[0].securityContext.readOnlyRootFilesystem", true)
        .Set(Plugin, $"{Pod}.containers[0].resources", Value.Map(
            ("requests", Value.Map(("cpu", "50m"), ("memory", "64Mi"), ("ephemeral-storage", "64Mi"))),
            ("limits", Value.Map(("memory", "64Mi"), ("ephemeral-storage", "64Mi")))));
}
