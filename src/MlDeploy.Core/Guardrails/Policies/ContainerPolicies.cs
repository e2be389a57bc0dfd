using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails.Policies;

/// <summary>
/// MLS-CTR-01. The one exception is a step that fills a volume only root may write (Fargate task volumes, the kubelet's
/// device-plugin directory a node agent registers in), and only when it is confined: every capability dropped, none
/// added, read-only root (decisions 11 and 14).
/// </summary>
internal sealed class NonRootPolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-CTR-01", "containers run as non-root", RuleLevel.Default,
        ["CKV_K8S_23", "KSV-0012", "CFG ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT", "PSS restricted"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(RunAsUser)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<RunAsUser>())
        {
            if (!at.Fact.NonRoot && !(at.Fact.FillsRootOwnedVolume && Confined(facts, at)))
            {
                yield return Fail(at, $"{at.Fact.Subject} may run as root");
            }
        }
    }

    private static bool Confined(FactBase facts, Observation<RunAsUser> at) =>
        facts.About<Capabilities>(at.Resource, at.Fact.Subject).Any(c => c.DropsAll && c.Added.IsEmpty)
        && facts.About<RootFilesystem>(at.Resource, at.Fact.Subject).Any(f => f.ReadOnly);
}

/// <summary>MLS-CTR-02.</summary>
internal sealed class NotPrivilegedPolicy : PolicyRule<Privileges>
{
    public override Policy Policy { get; } = new("MLS-CTR-02", "containers are not privileged and cannot escalate", RuleLevel.Default,
        ["CKV_K8S_16", "CKV_K8S_20", "CFG ECS_CONTAINERS_NONPRIVILEGED", "SH ECS.4"]);

    protected override IEnumerable<string> Problems(Privileges fact, GuardrailContext context) =>
        fact.Privileged ? [$"{fact.Subject} is privileged"]
        : fact.CanEscalate == true ? [$"{fact.Subject} may escalate privileges (allowPrivilegeEscalation is not false)"]
        : [];
}

/// <summary>MLS-CTR-03.</summary>
internal sealed class CapabilitiesDroppedPolicy : PolicyRule<Capabilities>
{
    public override Policy Policy { get; } = new("MLS-CTR-03", "containers drop ALL capabilities and add none", RuleLevel.Default,
        ["CKV_K8S_37", "KSV-0003", "PSS restricted"]);

    protected override IEnumerable<string> Problems(Capabilities fact, GuardrailContext context) =>
        (fact.DropsAll ? [] : new[] { $"{fact.Subject} does not drop ALL capabilities" })
            .Concat(fact.Added.Select(a => $"{fact.Subject} adds capability {a}"));
}

/// <summary>MLS-CTR-04: scratch space comes from volumes.</summary>
internal sealed class ReadOnlyRootPolicy : PolicyRule<RootFilesystem>
{
    public override Policy Policy { get; } = new("MLS-CTR-04", "root file systems are read-only", RuleLevel.Default,
        ["CKV_K8S_22", "CKV_AWS_336", "SH ECS.5"]);

    protected override IEnumerable<string> Problems(RootFilesystem fact, GuardrailContext context) =>
        fact.ReadOnly ? [] : [$"{fact.Subject} has a writable root file system"];
}

/// <summary>MLS-CTR-05.</summary>
internal sealed class SeccompPolicy : PolicyRule<SeccompProfile>
{
    public override Policy Policy { get; } = new("MLS-CTR-05", "seccomp profile is RuntimeDefault", RuleLevel.Default,
        ["CKV_K8S_31", "KSV-0030", "CIS-GKE 4.6.2"]);

    protected override IEnumerable<string> Problems(SeccompProfile fact, GuardrailContext context) =>
        fact.Profile == "RuntimeDefault" ? [] : [$"{fact.Subject} runs with seccomp profile {fact.Profile ?? "unset"}, not RuntimeDefault"];
}

/// <summary>MLS-CTR-06. A node agent's device-plugin registration directory is not counted (<see cref="HostAccess.DevicePluginRegistration"/>).</summary>
internal sealed class NoHostAccessPolicy : PolicyRule<HostAccess>
{
    public override Policy Policy { get; } = new("MLS-CTR-06", "no host namespaces, hostPath volumes or host ports", RuleLevel.Default,
        ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19", "CKV_K8S_26", "CKV_AWS_335", "SH ECS.3"]);

    protected override IEnumerable<string> Problems(HostAccess fact, GuardrailContext context) =>
        (fact.OwnNetwork ? [] : new[] { $"{fact.Subject} has no network namespace of its own" })
            .Concat(fact.SharedNamespaces.Select(n => $"{fact.Subject} shares the host's {n} namespace"))
            .Concat(fact.HostPathVolumes.Select(v => $"volume {v} is a hostPath"))
            .Concat(fact.HostPortContainers.Select(c => $"{c} binds a host port"));
}

/// <summary>MLS-CTR-07: a pod that needs no Kubernetes API gets no token to attack it with.</summary>
internal sealed class ApiTokenPolicy : PolicyRule<ApiTokenMount>
{
    public override Policy Policy { get; } = new("MLS-CTR-07", "no Kubernetes API token mounted", RuleLevel.Default,
        ["CKV_K8S_38", "KSV-0036", "CIS 4.1.6"]);

    protected override IEnumerable<string> Problems(ApiTokenMount fact, GuardrailContext context) =>
        fact.Mounted ? [$"{fact.Subject} does not set automountServiceAccountToken: false"] : [];
}

/// <summary>MLS-CTR-08.</summary>
internal sealed class ComputeBoundsPolicy : PolicyRule<ComputeBounds>
{
    public override Policy Policy { get; } = new("MLS-CTR-08", "resource requests and limits are declared", RuleLevel.Default,
        ["CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13", "KS container-resources", "CFG ECS_TASK_DEFINITION_MEMORY_HARD_LIMIT"]);

    protected override IEnumerable<string> Problems(ComputeBounds fact, GuardrailContext context)
    {
        if (fact.RequestsCpu == false)
        {
            yield return $"{fact.Subject} requests no cpu";
        }

        if (fact.RequestsMemory == false)
        {
            yield return $"{fact.Subject} requests no memory";
        }

        if (!fact.MemoryLimited)
        {
            yield return $"{fact.Subject} has no memory limit";
        }
        else if (fact.LimitEqualsRequest == false)
        {
            yield return $"{fact.Subject} has a memory limit different from its request";
        }

        if (fact.EphemeralStorageBounded == false)
        {
            yield return $"{fact.Subject} has no ephemeral-storage request and limit";
        }

        if (fact.GpuRequestEqualsLimit == false)
        {
            yield return $"{fact.Subject} requests a different number of GPUs than it limits";
        }
    }
}

/// <summary>MLS-CTR-09.</summary>
internal sealed class NamespacePolicy : PolicyRule
{
    public override Policy Policy { get; } = new("MLS-CTR-09", "own namespace with Pod Security 'restricted'", RuleLevel.Default,
        ["CKV_K8S_21", "KSV-0110", "PSS"]);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(NamespaceSecurity), typeof(NamespacePlacement)];

    public override IEnumerable<Violation> Check(FactBase facts)
    {
        foreach (var at in facts.Of<NamespaceSecurity>())
        {
            if (at.Fact.IsDefault)
            {
                yield return Fail(at, "the namespace is 'default'");
            }

            if (!at.Fact.EnforcesRestricted)
            {
                yield return Fail(at, "label pod-security.kubernetes.io/enforce is not 'restricted'");
            }
        }

        foreach (var at in facts.Of<NamespacePlacement>())
        {
            if (at.Fact.InDefaultNamespace)
            {
                yield return Fail(at, $"{at.Fact.Subject} is in the 'default' namespace");
            }
        }
    }
}
