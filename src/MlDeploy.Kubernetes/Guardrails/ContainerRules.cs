using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Kubernetes.Guardrails;

/// <summary>MLS-CTR-01: pods run as a non-root user, and no container overrides that.</summary>
public sealed class PodRunsAsNonRoot : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-01";

    /// <inheritdoc/>
    public override string Title => "pods run as non-root";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            if (ValuePath.GetBool(pod, "securityContext.runAsNonRoot") != true)
            {
                yield return Fail(deployment, "the pod does not set securityContext.runAsNonRoot: true");
            }

            if (!(ValuePath.GetNumber(pod, "securityContext.runAsUser") > 0))
            {
                yield return Fail(deployment, "the pod does not set securityContext.runAsUser above 0");
            }

            foreach (var (label, container) in PodTemplates.Containers(pod))
            {
                if (ValuePath.GetBool(container, "securityContext.runAsNonRoot") == false || ValuePath.GetNumber(container, "securityContext.runAsUser") == 0)
                {
                    yield return Fail(deployment, $"{label} overrides the pod to run as root");
                }
            }
        }
    }
}

/// <summary>MLS-CTR-02: no container is privileged or may escalate privileges.</summary>
public sealed class ContainersNotPrivileged : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-02";

    /// <inheritdoc/>
    public override string Title => "containers are not privileged and cannot escalate";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from d in PodTemplates.Deployments(context)
        from c in PodTemplates.Containers(d.Pod)
        let escalation = ValuePath.GetBool(c.Container, "securityContext.allowPrivilegeEscalation") != false
        let privileged = ValuePath.GetBool(c.Container, "securityContext.privileged") == true
        where escalation || privileged
        select Fail(d.Deployment, privileged ? $"{c.Label} is privileged" : $"{c.Label} does not set allowPrivilegeEscalation: false");
}

/// <summary>MLS-CTR-03: every container drops all Linux capabilities and adds none.</summary>
public sealed class CapabilitiesDropped : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-03";

    /// <inheritdoc/>
    public override string Title => "containers drop ALL capabilities";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            foreach (var (label, container) in PodTemplates.Containers(pod))
            {
                if (!PodTemplates.Strings(ValuePath.Get(container, "securityContext.capabilities.drop")).Contains("ALL"))
                {
                    yield return Fail(deployment, $"{label} does not drop ALL capabilities");
                }

                foreach (var added in PodTemplates.Strings(ValuePath.Get(container, "securityContext.capabilities.add")))
                {
                    yield return Fail(deployment, $"{label} adds capability {added}");
                }
            }
        }
    }
}

/// <summary>MLS-CTR-04: every container's root filesystem is read-only (scratch space comes from emptyDir volumes).</summary>
public sealed class RootFilesystemReadOnly : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-04";

    /// <inheritdoc/>
    public override string Title => "root filesystems are read-only";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        from d in PodTemplates.Deployments(context)
        from c in PodTemplates.Containers(d.Pod)
        where ValuePath.GetBool(c.Container, "securityContext.readOnlyRootFilesystem") != true
        select Fail(d.Deployment, $"{c.Label} does not set readOnlyRootFilesystem: true");
}

/// <summary>MLS-CTR-05: pods use the runtime's default seccomp profile, and no container turns it off.</summary>
public sealed class SeccompRuntimeDefault : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-05";

    /// <inheritdoc/>
    public override string Title => "seccomp profile is RuntimeDefault";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            if (ValuePath.GetString(pod, "securityContext.seccompProfile.type") != "RuntimeDefault")
            {
                yield return Fail(deployment, "the pod's seccompProfile is not RuntimeDefault");
            }

            foreach (var (label, container) in PodTemplates.Containers(pod))
            {
                if (ValuePath.GetString(container, "securityContext.seccompProfile.type") is { } type && type != "RuntimeDefault")
                {
                    yield return Fail(deployment, $"{label} sets seccompProfile {type}");
                }
            }
        }
    }
}

/// <summary>MLS-CTR-06: pods share no host namespace, mount no host path and bind no host port.</summary>
public sealed class NoHostAccess : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-06";

    /// <inheritdoc/>
    public override string Title => "no host namespaces, hostPath volumes or host ports";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
            {
                if (ValuePath.GetBool(pod, field) == true)
                {
                    yield return Fail(deployment, $"the pod sets {field}: true");
                }
            }

            foreach (var volume in PodTemplates.Items(ValuePath.Get(pod, "volumes")).Where(v => v.Get("hostPath") is not null))
            {
                yield return Fail(deployment, $"volume {ValuePath.GetString(volume, "name")} is a hostPath");
            }

            foreach (var (label, container) in PodTemplates.Containers(pod))
            {
                if (PodTemplates.Items(container.Get("ports")).Any(p => p.Get("hostPort") is not null))
                {
                    yield return Fail(deployment, $"{label} binds a hostPort");
                }
            }
        }
    }
}

/// <summary>MLS-CTR-07 (with MLS-IAM-05): pods use their own ServiceAccount and mount no Kubernetes API token.</summary>
public sealed class ServiceAccountTokenNotMounted : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-CTR-07";

    /// <inheritdoc/>
    public override string Title => "dedicated ServiceAccount, no API token mounted";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var account in context.OfType(KubernetesTypes.ServiceAccount.Token))
        {
            if (account.Properties.Get("automountServiceAccountToken") is not BoolValue { Value: false })
            {
                yield return Fail(account, "automountServiceAccountToken is not false");
            }
        }

        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            if (ValuePath.GetString(pod, "serviceAccountName") is null or "default")
            {
                yield return Fail(deployment, "the pod runs as the namespace's default ServiceAccount");
            }

            if (ValuePath.GetBool(pod, "automountServiceAccountToken") != false)
            {
                yield return Fail(deployment, "the pod does not set automountServiceAccountToken: false");
            }
        }
    }
}

/// <summary>MLS-CTR-08: every container requests CPU and memory, limits memory to its request, bounds ephemeral storage, and GPU requests equal limits.</summary>
public sealed class ResourcesDeclared : Guardrail
{
    private const string Gpu = "nvidia.com/gpu";
    private static readonly string[] s_requested = ["cpu", "memory"];

    /// <inheritdoc/>
    public override string Id => "MLS-CTR-08";

    /// <inheritdoc/>
    public override string Title => "resource requests and limits are declared";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var (deployment, pod) in PodTemplates.Deployments(context))
        {
            foreach (var (label, container) in PodTemplates.Containers(pod))
            {
                var requests = ValuePath.Get(container, "resources.requests") as MapValue ?? MapValue.Empty;
                var limits = ValuePath.Get(container, "resources.limits") as MapValue ?? MapValue.Empty;
                foreach (var resource in s_requested.Where(r => requests.Get(r) is null))
                {
                    yield return Fail(deployment, $"{label} requests no {resource}");
                }

                if (limits.Get("memory") is null || !PodTemplates.Same(limits.Get("memory"), requests.Get("memory")))
                {
                    yield return Fail(deployment, $"{label} has no memory limit equal to its request");
                }

                if (requests.Get("ephemeral-storage") is null || limits.Get("ephemeral-storage") is null)
                {
                    yield return Fail(deployment, $"{label} has no ephemeral-storage request and limit");
                }

                if ((requests.Get(Gpu) is not null || limits.Get(Gpu) is not null) && PodTemplates.Number(requests.Get(Gpu)) != PodTemplates.Number(limits.Get(Gpu)))
                {
                    yield return Fail(deployment, $"{label} requests a different number of GPUs than it limits");
                }
            }
        }
    }
}
