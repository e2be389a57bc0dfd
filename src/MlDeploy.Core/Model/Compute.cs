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

/// <summary>
/// A GPU model, named as the vendor names it (<c>T4</c>, <c>A10G</c>, <c>L4</c>, ...). Open rather than an enum: each
/// cloud names its accelerators differently and adds new ones, and each target pack maps the names it offers onto its
/// own instance, VM or accelerator types (the target's capabilities list them).
/// </summary>
/// <param name="Name">The model name, e.g. <c>L4</c>.</param>
public readonly record struct GpuKind(string Name)
{
    /// <summary>Gets NVIDIA T4 (16 GB).</summary>
    public static GpuKind T4 { get; } = new("T4");

    /// <summary>Gets NVIDIA A10G (24 GB, AWS).</summary>
    public static GpuKind A10G { get; } = new("A10G");

    /// <summary>Gets NVIDIA A10 (24 GB, Azure).</summary>
    public static GpuKind A10 { get; } = new("A10");

    /// <summary>Gets NVIDIA L4 (24 GB).</summary>
    public static GpuKind L4 { get; } = new("L4");

    /// <summary>Gets NVIDIA L40S (48 GB).</summary>
    public static GpuKind L40S { get; } = new("L40S");

    /// <summary>Gets NVIDIA V100 (16 GB).</summary>
    public static GpuKind V100 { get; } = new("V100");

    /// <summary>Gets NVIDIA A100 (40/80 GB).</summary>
    public static GpuKind A100 { get; } = new("A100");

    /// <summary>Gets NVIDIA H100 (80 GB).</summary>
    public static GpuKind H100 { get; } = new("H100");

    /// <inheritdoc/>
    public override string ToString() => Name ?? string.Empty;
}
