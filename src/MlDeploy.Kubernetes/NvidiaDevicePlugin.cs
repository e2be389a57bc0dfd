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
    /// <summary>
    /// The plugin image by release tag. UNVERIFIED here (no registry access): that the tag exists and what its digest
    /// is; production stacks must give a digest-pinned image (validation says so).
    /// </summary>
    public const string Image = "nvcr.io/nvidia/k8s-device-plugin:v0.17.1";

    /// <summary>The kubelet's device-plugin registration directory (Kubernetes device plugin docs).</summary>
    public const string KubeletSocketDirectory = "/var/lib/kubelet/device-plugins";

    private const string Name = "nvidia-device-plugin";

    /// <summary>Adds the ServiceAccount and DaemonSet, scheduled on the nodes that carry <paramref name="nodeLabel"/> and tolerating <paramref name="taintKey"/>.</summary>
    /// <param name="scope">The cluster's scope; the resources are <c>&lt;prefix&gt;-nvidia-device-plugin[-sa]</c>.</param>
    /// <param name="provider">The cluster's Kubernetes provider.</param>
    /// <param name="gpuNodes">The GPU node group or pool it waits for.</param>
    /// <param name="nodeLabel">The label GPU nodes carry with value <c>true</c>.</param>
    /// <param name="taintKey">The key of the GPU nodes' <c>NoSchedule</c> taint.</param>
    /// <param name="image">The plugin image (pinned by digest in production).</param>
    /// <returns>The DaemonSet.</returns>
    public static Resource Add(GraphScope scope, Resource provider, Resource gpuNodes, string nodeLabel, string taintKey, string image)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var labels = Value.Map(("app.kubernetes.io/name", Name));
        var options = new ResourceOptions { Provider = provider, DependsOn = [gpuNodes] };

        // Its own identity, without an API token: the plugin talks only to the kubelet's gRPC socket, never to the API
        // server (NVIDIA's static manifest nvidia-device-plugin.yml binds no RBAC to it).
        var account = scope.Add(
            $"{Name}-sa",
            KubernetesTypes.ServiceAccount,
            Value.Map(
                ("metadata", Value.Map(("name", Name), ("namespace", "kube-system"), ("labels", labels))),
                ("automountServiceAccountToken", false)),
            options);
        return scope.Add(
            Name,
            KubernetesTypes.DaemonSet,
            Value.Map(
                ("metadata", Value.Map(("name", Name), ("namespace", "kube-system"), ("labels", labels))),
                ("spec", Value.Map(
                    ("selector", Value.Map(("matchLabels", labels))),
                    ("updateStrategy", Value.Map(("type", "RollingUpdate"))),
                    ("template", Value.Map(
                        ("metadata", Value.Map(("labels", labels))),
                        ("spec", Value.Map(
                            ("priorityClassName", "system-node-critical"),
                            ("serviceAccountName", Name),
                            ("automountServiceAccountToken", false),
                            ("securityContext", Value.Map(("seccompProfile", Value.Map(("type", "RuntimeDefault"))))),
                            ("nodeSelector", Value.Map((nodeLabel, "true"))),
                            ("tolerations", Value.List(Value.Map(("key", taintKey), ("operator", "Exists"), ("effect", "NoSchedule")))),
                            ("containers", Value.List(Value.Map(
                                ("name", Name),
                                ("image", image),
                                ("env", Value.List(Value.Map(("name", "FAIL_ON_INIT_ERROR"), ("value", "false")))),
                                ("securityContext", Value.Map(
                                    // Root, on purpose: the plugin creates its socket in the kubelet's root-owned
                                    // registration directory, which a non-root user cannot write
                                    // (NVIDIA/k8s-device-plugin#167). Owner write needs no capability, so every
                                    // capability is dropped and the root file system is read-only: the confined
                                    // root step MLS-CTR-01 accepts (docs/ARCHITECTURE.md decision 11). The image's
                                    // own user is root; no runAsUser: 0 (Pod Security forbids setting it explicitly).
                                    ("runAsNonRoot", false),
                                    ("allowPrivilegeEscalation", false),
                                    ("privileged", false),
                                    ("readOnlyRootFilesystem", true),
                                    ("capabilities", Value.Map(("drop", Value.List("ALL")))))),
                                ("resources", Value.Map(
                                    ("requests", Value.Map(("cpu", "50m"), ("memory", "128Mi"), ("ephemeral-storage", "64Mi"))),
                                    ("limits", Value.Map(("memory", "128Mi"), ("ephemeral-storage", "64Mi"))))),
                                ("volumeMounts", Value.List(
                                    Value.Map(("name", "device-plugin"), ("mountPath", KubeletSocketDirectory)),
                                    Value.Map(("name", "tmp"), ("mountPath", "/tmp"))))))),

                            // The plugin registers with the kubelet through this host socket directory; that is its job.
                            ("volumes", Value.List(
                                Value.Map(("name", "device-plugin"), ("hostPath", Value.Map(("path", KubeletSocketDirectory), ("type", "Directory")))),
                                Value.Map(("name", "tmp"), ("emptyDir", Value.Map(("sizeLimit", "64Mi"))))))))))))),
            options with { DependsOn = [gpuNodes, account] });
    }
}
