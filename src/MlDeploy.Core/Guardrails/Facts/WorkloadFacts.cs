using System.Collections.Immutable;

namespace MlDeploy.Guardrails.Facts;

/// <summary>What a pod or task shares with its host.</summary>
/// <param name="Subject">The pod or task, e.g. <c>the pod</c>.</param>
/// <param name="OwnNetwork">Whether it has a network namespace of its own.</param>
/// <param name="SharedNamespaces">The other host namespaces it shares (<c>PID</c>, <c>IPC</c>).</param>
/// <param name="HostPathVolumes">The volumes that mount a host path.</param>
/// <param name="HostPortContainers">The containers that bind a host port.</param>
public sealed record HostAccess(string Subject, bool OwnNetwork, ImmutableArray<string> SharedNamespaces, ImmutableArray<string> HostPathVolumes, ImmutableArray<string> HostPortContainers) : Fact(Subject)
{
    /// <summary>
    /// Gets the node agent's hostPath volumes that are exactly the kubelet's device-plugin registration directory, which
    /// a device plugin must mount to do its job; extractors report them here (not in <see cref="HostPathVolumes"/>) for
    /// DaemonSets only, and MLS-CTR-06 accepts them.
    /// </summary>
    public ImmutableArray<string> DevicePluginRegistration { get; init; } = [];
}

/// <summary>The identity a workload runs as.</summary>
/// <param name="Subject">The pod or task.</param>
/// <param name="HasOwnIdentity">Whether it has an identity of its own (not missing, not the namespace's default account).</param>
/// <param name="SharesPlatformIdentity">Whether that identity is also the one the platform agent uses (ECS: task role = execution role).</param>
public sealed record RuntimeIdentity(string Subject, bool HasOwnIdentity, bool SharesPlatformIdentity) : Fact(Subject);

/// <summary>Whether a Kubernetes API token is mounted into pods.</summary>
/// <param name="Subject">The pod or service account.</param>
/// <param name="Mounted">Whether a token may be mounted (unset counts as mounted).</param>
public sealed record ApiTokenMount(string Subject, bool Mounted) : Fact(Subject);

/// <summary>Whether a namespaced object sits in the cluster's default namespace.</summary>
/// <param name="Subject">The object.</param>
/// <param name="InDefaultNamespace">Whether it does (unset counts as default).</param>
public sealed record NamespacePlacement(string Subject, bool InDefaultNamespace) : Fact(Subject);

/// <summary>A namespace's own settings.</summary>
/// <param name="Subject">The namespace.</param>
/// <param name="IsDefault">Whether it is the <c>default</c> namespace.</param>
/// <param name="EnforcesRestricted">Whether Pod Security admission enforces the restricted profile.</param>
public sealed record NamespaceSecurity(string Subject, bool IsDefault, bool EnforcesRestricted) : Fact(Subject);
