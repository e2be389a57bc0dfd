using MlDeploy.Graph;
using MlDeploy.Targets;

namespace MlDeploy.Kubernetes;

/// <summary>
/// The NVIDIA device plugin DaemonSet on the GPU nodes of a cluster the SDK creates: without it the kubelet does not
/// advertise <c>nvidia.com/gpu</c> and GPU pods never schedule. Used by every cluster target whose GPU nodes do not
/// come with the plugin.
/// </summary>
public static class NvidiaDevicePlugin
{
    /// <summary>The plugin image. Assumed, not verified here (no registry access): a released tag of NVIDIA's device plugin image.</summary>
    public const string Image = "nvcr.io/nvidia/k8s-device-plugin:v0.17.1";

    /// <summary>Adds the DaemonSet, scheduled on the nodes that carry <paramref name="nodeLabel"/> and tolerating <paramref name="taintKey"/>.</summary>
    /// <param name="scope">The cluster's scope; the resource is <c>&lt;prefix&gt;-nvidia-device-plugin</c>.</param>
    /// <param name="provider">The cluster's Kubernetes provider.</param>
    /// <param name="gpuNodes">The GPU node group or pool it waits for.</param>
    /// <param name="nodeLabel">The label GPU nodes carry with value <c>true</c>.</param>
    /// <param name="taintKey">The key of the GPU nodes' <c>NoSchedule</c> taint.</param>
    /// <returns>The DaemonSet.</returns>
    public static Resource Add(GraphScope scope, Resource provider, Resource gpuNodes, string nodeLabel, string taintKey)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var labels = Value.Map(("app.kubernetes.io/name", "nvidia-device-plugin"));
        return scope.Add(
            "nvidia-device-plugin",
            KubernetesTypes.DaemonSet,
            Value.Map(
                ("metadata", Value.Map(("name", "nvidia-device-plugin"), ("namespace", "kube-system"), ("labels", labels))),
                ("spec", Value.Map(
                    ("selector", Value.Map(("matchLabels", labels))),
                    ("updateStrategy", Value.Map(("type", "RollingUpdate"))),
                    ("template", Value.Map(
                        ("metadata", Value.Map(("labels", labels))),
                        ("spec", Value.Map(
                            ("priorityClassName", "system-node-critical"),
                            ("nodeSelector", Value.Map((nodeLabel, "true"))),
                            ("tolerations", Value.List(Value.Map(("key", taintKey), ("operator", "Exists"), ("effect", "NoSchedule")))),
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
            new ResourceOptions { Provider = provider, DependsOn = [gpuNodes] });
    }
}
