using System.Collections.Immutable;
using MlDeploy.Graph;

namespace MlDeploy.Guardrails.Facts;

/// <summary>Which user a container runs as.</summary>
/// <param name="Subject">The container, e.g. <c>container server</c>.</param>
/// <param name="NonRoot">Whether it is guaranteed to run as a non-root user (unset counts as root).</param>
/// <param name="FillsRootOwnedVolume">Whether it writes into a directory only root may write, which the workload needs: a run-to-completion step filling a Fargate task volume, or a node agent registering a device plugin in the kubelet's directory.</param>
public sealed record RunAsUser(string Subject, bool NonRoot, bool FillsRootOwnedVolume = false) : Fact(Subject);

/// <summary>Whether a container is privileged or may gain privileges.</summary>
/// <param name="Subject">The container.</param>
/// <param name="Privileged">Whether it runs privileged.</param>
/// <param name="CanEscalate">Whether a process may gain more privileges than its parent; null where the platform has no such switch.</param>
public sealed record Privileges(string Subject, bool Privileged, bool? CanEscalate) : Fact(Subject);

/// <summary>A container's Linux capabilities.</summary>
/// <param name="Subject">The container.</param>
/// <param name="DropsAll">Whether it drops ALL.</param>
/// <param name="Added">The capabilities it adds.</param>
public sealed record Capabilities(string Subject, bool DropsAll, ImmutableArray<string> Added) : Fact(Subject);

/// <summary>Whether a container's root file system is read-only.</summary>
/// <param name="Subject">The container.</param>
/// <param name="ReadOnly">Whether it is read-only.</param>
public sealed record RootFilesystem(string Subject, bool ReadOnly) : Fact(Subject);

/// <summary>The seccomp profile a container runs with (its own setting, else its pod's).</summary>
/// <param name="Subject">The container.</param>
/// <param name="Profile">The profile type, e.g. <c>RuntimeDefault</c>, or null when unset.</param>
public sealed record SeccompProfile(string Subject, string? Profile) : Fact(Subject);

/// <summary>The image a container runs.</summary>
/// <param name="Subject">The container.</param>
/// <param name="Image">The image reference as the program writes it (a literal or an interpolation of a pushed image's digest).</param>
public sealed record ImageReference(string Subject, Value? Image) : Fact(Subject);

/// <summary>A container's plain environment variables (secret references are not among them).</summary>
/// <param name="Subject">The container.</param>
/// <param name="Variables">Name and value of each variable.</param>
public sealed record PlainEnvironment(string Subject, ImmutableArray<KeyValuePair<string, Value?>> Variables) : Fact(Subject);

/// <summary>The compute a container or task declares. Null means the platform has no such setting.</summary>
/// <param name="Subject">The container or task.</param>
/// <param name="MemoryLimited">Whether memory has a hard limit.</param>
public sealed record ComputeBounds(string Subject, bool MemoryLimited) : Fact(Subject)
{
    /// <summary>Gets whether CPU is requested.</summary>
    public bool? RequestsCpu { get; init; }

    /// <summary>Gets whether memory is requested.</summary>
    public bool? RequestsMemory { get; init; }

    /// <summary>Gets whether the memory limit equals the request (a pod is never killed for using what it asked for).</summary>
    public bool? LimitEqualsRequest { get; init; }

    /// <summary>Gets whether ephemeral storage (model caches, scratch) is requested and limited.</summary>
    public bool? EphemeralStorageBounded { get; init; }

    /// <summary>Gets whether the GPUs requested equal the GPUs limited.</summary>
    public bool? GpuRequestEqualsLimit { get; init; }
}

/// <summary>Whether a container's logs leave the host.</summary>
/// <param name="Subject">The container.</param>
/// <param name="Shipped">Whether a log driver ships them.</param>
public sealed record ContainerLogs(string Subject, bool Shipped) : Fact(Subject);
