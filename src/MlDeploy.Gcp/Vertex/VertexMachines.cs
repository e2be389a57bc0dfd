using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Vertex;

/// <summary>A machine type Vertex AI online prediction runs on, with the GPUs it carries or may attach.</summary>
/// <param name="Name">The machine type, e.g. <c>g2-standard-8</c>.</param>
/// <param name="Cpu">Its vCPUs.</param>
/// <param name="MemoryGiB">Its memory.</param>
/// <param name="GpuKind">The GPU kind it carries or attaches, or null.</param>
/// <param name="GpuCounts">The GPU counts it takes (one for accelerator-optimized types, several for N1 with attached GPUs).</param>
internal sealed record VertexMachine(string Name, int Cpu, decimal MemoryGiB, GpuKind? GpuKind = null, ImmutableArray<int> GpuCounts = default);

/// <summary>
/// The machine types the SDK picks from, and the Vertex accelerator names (Vertex AI docs, "Configure compute resources
/// for inference": N1, E2 and G2/A2/A3 machine types; T4 and V100 attach to N1, L4 comes with G2, A100 with A2, H100 with A3).
/// </summary>
internal static class VertexMachines
{
    /// <summary>Vertex's <c>acceleratorType</c> for each GPU kind (gcloud <c>--accelerator type=</c> takes them lowercase with '-').</summary>
    public static readonly ImmutableDictionary<GpuKind, string> Accelerators = new Dictionary<GpuKind, string>
    {
        [GpuKind.T4] = "NVIDIA_TESLA_T4",
        [GpuKind.V100] = "NVIDIA_TESLA_V100",
        [GpuKind.L4] = "NVIDIA_L4",
        [GpuKind.A100] = "NVIDIA_TESLA_A100",
        [GpuKind.H100] = "NVIDIA_H100_80GB",
    }.ToImmutableDictionary();

    public static readonly ImmutableArray<VertexMachine> All =
    [
        .. new[] { 2, 4, 8, 16, 32 }.Select(n => new VertexMachine($"e2-standard-{n}", n, n * 4m)),
        .. new[] { 2, 4, 8, 16, 32 }.Select(n => new VertexMachine($"n1-standard-{n}", n, n * 3.75m)),
        .. new[] { 2, 4, 8, 16, 32 }.Select(n => new VertexMachine($"n1-highmem-{n}", n, n * 6.5m)),
        .. new[] { 4, 8, 16, 32 }.Select(n => new VertexMachine($"n1-standard-{n}", n, n * 3.75m, GpuKind.T4, [1, 2, 4])),
        .. new[] { 8, 16, 32 }.Select(n => new VertexMachine($"n1-standard-{n}", n, n * 3.75m, GpuKind.V100, [1, 2, 4, 8])),
        new("g2-standard-4", 4, 16, GpuKind.L4, [1]),
        new("g2-standard-8", 8, 32, GpuKind.L4, [1]),
        new("g2-standard-12", 12, 48, GpuKind.L4, [1]),
        new("g2-standard-16", 16, 64, GpuKind.L4, [1]),
        new("g2-standard-24", 24, 96, GpuKind.L4, [2]),
        new("g2-standard-32", 32, 128, GpuKind.L4, [1]),
        new("g2-standard-48", 48, 192, GpuKind.L4, [4]),
        new("g2-standard-96", 96, 384, GpuKind.L4, [8]),
        new("a2-highgpu-1g", 12, 85, GpuKind.A100, [1]),
        new("a2-highgpu-2g", 24, 170, GpuKind.A100, [2]),
        new("a2-highgpu-4g", 48, 340, GpuKind.A100, [4]),
        new("a2-highgpu-8g", 96, 680, GpuKind.A100, [8]),
        new("a3-highgpu-8g", 208, 1872, GpuKind.H100, [8]),
    ];

    // Smallest first, ordered once: planning and validation ask per deployment.
    private static readonly VertexMachine[] s_bySize = StableOrder.By(All, static (a, b) =>
        a.Cpu != b.Cpu ? a.Cpu.CompareTo(b.Cpu)
        : a.MemoryGiB != b.MemoryGiB ? a.MemoryGiB.CompareTo(b.MemoryGiB)
        : string.CompareOrdinal(a.Name, b.Name));

    /// <summary>The named type (with a GPU kind when the compute asks for one), or null.</summary>
    public static VertexMachine? Find(string name, Compute compute) =>
        All.FirstOrDefault(m => m.Name == name && m.GpuKind == compute.Gpu?.Kind) ?? All.FirstOrDefault(m => m.Name == name);

    /// <summary>The smallest type that holds the compute (its GPU kind and count included), or null.</summary>
    public static VertexMachine? Smallest(Compute compute) =>
        s_bySize.FirstOrDefault(m => Fits(m, compute));

    /// <summary>Whether the type holds the compute.</summary>
    public static bool Fits(VertexMachine m, Compute compute) =>
        m.Cpu >= compute.Cpu && m.MemoryGiB >= compute.MemoryGiB && (compute.Gpu is { } gpu
            ? m.GpuKind == gpu.Kind && m.GpuCounts.Contains(gpu.Count)
            : m.GpuKind is null);

    /// <summary>gcloud's <c>--accelerator</c> value, e.g. <c>type=nvidia-l4,count=1</c>, or empty without a GPU.</summary>
    public static string AcceleratorFlag(Compute compute) => compute.Gpu is { } gpu && Accelerators.TryGetValue(gpu.Kind, out var type)
        ? $"type={type.ToLowerInvariant().Replace('_', '-')},count={gpu.Count}"
        : string.Empty;
}
