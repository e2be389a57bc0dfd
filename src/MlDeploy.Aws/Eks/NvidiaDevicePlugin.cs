using MlDeploy.Graph;

namespace MlDeploy.Aws.Eks;

/// <summary>
/// The NVIDIA device plugin DaemonSet on the GPU nodes of a cluster the SDK creates: without it the kubelet does not
/// advertise <c>nvidia.com/gpu</c> and GPU pods never schedule.
/// </summary>
internal static class NvidiaDevicePlugin
{
    // Assumed, not verified here (no registry access): a released tag of NVIDIA's device plugin image.
    public const string Image = "nvcr.io/nvidia/k8s-device-plugin:v0.17.1";

    private static readonly ResourceType s_daemonSet = new("kubernetes:apps/v1:DaemonSet", PulumiPackages.Kubernetes);

    public static Resource Add(GraphBuilder graph, string prefix, Resource provider, Resource gpuNodes)
    {
        var labels = Value.Map(("app.kubernetes.io/name", "nvidia-device-plugin"));
        return graph.Add(new Resource(
            $"{prefix}-nvidia-device-plugin",
            s_daemonSet,
            Value.Map(
                ("metadata", Value.Map(("name", "nvidia-device-plugin"), ("namespace", "kube-system"), ("labels", labels))),
                ("spec", Value.Map(
                    ("selector", Value.Map(("matchLabels", labels))),
                    ("updateStrategy", Value.Map(("type", "RollingUpdate"))),
                    ("template", Value.Map(
                        ("metadata", Value.Map(("labels", labels))),
                        ("spec", Value.Map(
                            ("priorityClassName", "system-node-critical"),
                            ("nodeSelector", Value.Map((EksClusterBlock.GpuLabel, "true"))),
                            ("tolerations", Value.List(Value.Map(("key", EksClusterBlock.GpuTaintKey), ("operator", "Exists"), ("effect", "NoSchedule")))),
                            ("containers", Value.List(Value.Map(
                                ("name", "nvidia-device-plugin"),
                                ("image", Image),
                                ("env", Value.List(Value.Map(("name", "FAIL_ON_INIT_ERROR"), ("value", "false")))),
                                ("securityContext", Value.Map(
                                    ("allowPrivilegeEscalation", false),
                                    ("capabilities", Value.Map(("drop", Value.List("ALL")))))),
                                ("resources", Value.Map(
                                    ("requests", Value.Map(("cpu", "50m"), ("memory", "64Mi"))),
                                    ("limits", Value.Map(("memory", "128Mi"))))),
                                ("volumeMounts", Value.List(Value.Map(("name", "device-plugin"), ("mountPath", "/var/lib/kubelet/device-plugins"))))))),

                            // The plugin registers with the kubelet through this host socket directory; that is its job.
                            ("volumes", Value.List(Value.Map(("name", "device-plugin"), ("hostPath", Value.Map(("path", "/var/lib/kubelet/device-plugins"))))))))))))),
            new ResourceOptions { Provider = provider, DependsOn = [gpuNodes] }));
    }
}
