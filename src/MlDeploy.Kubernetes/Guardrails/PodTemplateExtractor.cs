using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>
/// What a workload's pod template means: the containers' users, privileges, capabilities, file systems, seccomp,
/// images, environment and compute, and the pod's host access, identity and API token. Used for Deployments and for
/// DaemonSets (node agents such as the NVIDIA device plugin) alike.
/// </summary>
internal static class PodTemplateExtractor
{
    public static IReadOnlyList<Type> Reports { get; } =
    [
        typeof(RunAsUser), typeof(Privileges), typeof(Capabilities), typeof(RootFilesystem), typeof(SeccompProfile), typeof(ImageReference),
        typeof(PlainEnvironment), typeof(ComputeBounds), typeof(HostAccess), typeof(RuntimeIdentity), typeof(ApiTokenMount), typeof(NamespacePlacement),
    ];

    private const string Gpu = "nvidia.com/gpu";

    /// <summary>The facts of a pod template.</summary>
    /// <param name="workload">The Deployment or DaemonSet.</param>
    /// <param name="kind">Its kind, for messages.</param>
    /// <param name="nodeAgent">
    /// Whether it is a node agent (a DaemonSet). Only a node agent may register a device plugin with the kubelet: a
    /// hostPath of exactly the kubelet's registration directory, mounted at that path, is reported as that (not as a
    /// hostPath, MLS-CTR-06), and a container mounting it writes into a root-owned directory, which MLS-CTR-01 accepts
    /// from a confined root container only (Kubernetes device plugin docs; NVIDIA/k8s-device-plugin#167).
    /// </param>
    /// <returns>The facts.</returns>
    public static IEnumerable<Fact> Extract(Resource workload, string kind, bool nodeAgent)
    {
        var pod = ValuePath.Get(workload.Properties, "spec.template.spec");
        var registration = nodeAgent
            ? PodTemplates.Items(ValuePath.Get(pod, "volumes"))
                .Where(v => ValuePath.GetString(v, "hostPath.path") == NvidiaDevicePlugin.KubeletSocketDirectory)
                .Select(v => ValuePath.GetString(v, "name") ?? "?")
                .ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (label, container, _) in PodTemplates.Containers(pod))
        {
            var registers = PodTemplates.Items(container.Get("volumeMounts")).Any(m =>
                registration.Contains(ValuePath.GetString(m, "name") ?? string.Empty) && ValuePath.GetString(m, "mountPath") == NvidiaDevicePlugin.KubeletSocketDirectory);
            foreach (var fact in Container(label, container, pod, registers))
            {
                yield return fact;
            }
        }

        yield return new HostAccess(
            "the pod",
            ValuePath.GetBool(pod, "hostNetwork") != true,
            [.. new[] { ("hostPID", "PID"), ("hostIPC", "IPC") }.Where(f => ValuePath.GetBool(pod, f.Item1) == true).Select(f => f.Item2)],
            [.. PodTemplates.Items(ValuePath.Get(pod, "volumes")).Where(v => v.Get("hostPath") is not null).Select(v => ValuePath.GetString(v, "name") ?? "?").Where(n => !registration.Contains(n))],
            [.. PodTemplates.Containers(pod).Where(c => PodTemplates.Items(c.Container.Get("ports")).Any(p => p.Get("hostPort") is not null)).Select(c => c.Label)])
        {
            DevicePluginRegistration = [.. registration.Order(StringComparer.Ordinal)],
        };
        yield return new RuntimeIdentity("the pod", ValuePath.GetString(pod, "serviceAccountName") is not (null or "default"), SharesPlatformIdentity: false);
        yield return new ApiTokenMount("the pod", ValuePath.GetBool(pod, "automountServiceAccountToken") != false);
        yield return new NamespacePlacement($"the {kind}", PodTemplates.InDefaultNamespace(workload));
    }

    private static IEnumerable<Fact> Container(string label, MapValue container, Value? pod, bool registersDevicePlugin)
    {
        // A container's own securityContext overrides the pod's, field by field.
        Value? Effective(string field) => ValuePath.Get(container, $"securityContext.{field}") ?? ValuePath.Get(pod, $"securityContext.{field}");

        yield return new RunAsUser(label, Effective("runAsNonRoot") is BoolValue { Value: true } && PodTemplates.Number(Effective("runAsUser")) > 0, FillsRootOwnedVolume: registersDevicePlugin);
        yield return new Privileges(
            label,
            ValuePath.GetBool(container, "securityContext.privileged") == true,
            ValuePath.GetBool(container, "securityContext.allowPrivilegeEscalation") != false);
        yield return new Capabilities(
            label,
            PodTemplates.Strings(ValuePath.Get(container, "securityContext.capabilities.drop")).Contains("ALL"),
            [.. PodTemplates.Strings(ValuePath.Get(container, "securityContext.capabilities.add"))]);
        yield return new RootFilesystem(label, ValuePath.GetBool(container, "securityContext.readOnlyRootFilesystem") == true);
        yield return new SeccompProfile(label, ValuePath.GetString(Effective("seccompProfile"), "type"));
        yield return new ImageReference(label, container.Get("image"));
        yield return new PlainEnvironment(label, [.. PodTemplates.Items(container.Get("env"))
            .Where(e => e.Get("value") is not null)
            .Select(e => new KeyValuePair<string, Value?>(ValuePath.GetString(e, "name") ?? string.Empty, e.Get("value")))]);

        var requests = ValuePath.Get(container, "resources.requests") as MapValue ?? MapValue.Empty;
        var limits = ValuePath.Get(container, "resources.limits") as MapValue ?? MapValue.Empty;
        var gpus = requests.Get(Gpu) is not null || limits.Get(Gpu) is not null;
        yield return new ComputeBounds(label, limits.Get("memory") is not null)
        {
            RequestsCpu = requests.Get("cpu") is not null,
            RequestsMemory = requests.Get("memory") is not null,
            LimitEqualsRequest = Value.StructurallyEqual(limits.Get("memory"), requests.Get("memory")),
            EphemeralStorageBounded = requests.Get("ephemeral-storage") is not null && limits.Get("ephemeral-storage") is not null,
            GpuRequestEqualsLimit = gpus ? PodTemplates.Number(requests.Get(Gpu)) == PodTemplates.Number(limits.Get(Gpu)) : null,
        };
    }

    /// <summary>Every fact type a pod template yields.</summary>
    public static ImmutableArray<Type> With(params Type[] more) => [.. Reports, .. more];
}
