namespace MlDeploy.Model;

/// <summary>Per-replica resources. Mapped to the nearest instance or machine type per cloud; never silently downgraded.</summary>
public sealed record Compute
{
    /// <summary>Gets the vCPUs per replica.</summary>
    public decimal Cpu { get; init; } = 2;

    /// <summary>Gets the memory per replica in GiB.</summary>
    public decimal MemoryGiB { get; init; } = 8;

    /// <summary>Gets the accelerators per replica, or null for CPU only.</summary>
    public Gpu? Gpu { get; init; }
}

/// <summary>Accelerators per replica.</summary>
/// <param name="Count">The number of GPUs.</param>
/// <param name="Kind">The GPU model.</param>
public sealed record Gpu(int Count, GpuKind Kind);

/// <summary>GPU models the targets offer.</summary>
public enum GpuKind
{
    /// <summary>NVIDIA T4 (16 GB).</summary>
    T4,

    /// <summary>NVIDIA A10G (24 GB).</summary>
    A10G,

    /// <summary>NVIDIA L4 (24 GB).</summary>
    L4,

    /// <summary>NVIDIA L40S (48 GB).</summary>
    L40S,

    /// <summary>NVIDIA V100 (16 GB).</summary>
    V100,

    /// <summary>NVIDIA A100 (40 GB).</summary>
    A100,

    /// <summary>NVIDIA H100 (80 GB).</summary>
    H100,
}
