using System.Collections.Immutable;
using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Gcp.Gke;

/// <summary>
/// The Compute Engine machine types the SDK knows (vCPU and memory per node; GPUs bundled with accelerator-optimized
/// types), from the Compute Engine docs, "General-purpose machine family" (E2, N2, N1) and "GPU machine types" (G2,
/// A2, A3); other types declare <see cref="GkeNodePool.Capacity"/>.
/// </summary>
internal static class GkeMachineTypes
{
    /// <summary>One machine type; <paramref name="Bundled"/> is its fixed accelerator, if any.</summary>
    public sealed record MachineType(string Name, int Vcpu, decimal MemoryGiB, GkeAccelerator? Bundled = null);

    /// <summary>The accelerator types and the GPU each is (Compute Engine docs, "GPU machine types").</summary>
    public static readonly ImmutableSortedDictionary<string, GpuKind> Accelerators = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, GpuKind>[]
    {
        new("nvidia-tesla-t4", GpuKind.T4),
        new("nvidia-tesla-v100", GpuKind.V100),
        new("nvidia-l4", GpuKind.L4),
        new("nvidia-tesla-a100", GpuKind.A100),
        new("nvidia-a100-80gb", GpuKind.A100),
        new("nvidia-h100-80gb", GpuKind.H100),
    });

    public static readonly ImmutableArray<MachineType> All =
    [
        .. new[] { 2, 4, 8, 16, 32 }.SelectMany(v => new MachineType[] { new($"e2-standard-{v}", v, v * 4), new($"n2-standard-{v}", v, v * 4) }),
        .. new[] { 4, 8, 16, 32 }.Select(v => new MachineType($"n1-standard-{v}", v, v * 3.75m)),
        .. new[] { 4, 8, 12, 16, 32 }.Select(v => new MachineType($"g2-standard-{v}", v, v * 4, new GkeAccelerator("nvidia-l4", 1))),
        new("g2-standard-24", 24, 96, new GkeAccelerator("nvidia-l4", 2)),
        new("g2-standard-48", 48, 192, new GkeAccelerator("nvidia-l4", 4)),
        new("a2-highgpu-1g", 12, 85, new GkeAccelerator("nvidia-tesla-a100", 1)),
        new("a2-highgpu-2g", 24, 170, new GkeAccelerator("nvidia-tesla-a100", 2)),
        new("a2-highgpu-4g", 48, 340, new GkeAccelerator("nvidia-tesla-a100", 4)),
        new("a2-ultragpu-1g", 12, 170, new GkeAccelerator("nvidia-a100-80gb", 1)),
        new("a3-highgpu-8g", 208, 1872, new GkeAccelerator("nvidia-h100-80gb", 8)),
    ];

    /// <summary>The machine type by name, or null.</summary>
    public static MachineType? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>One node of the pool as the workload checks see it (declared capacity first), or null when unknown.</summary>
    public static NodeShape? Of(GkeNodePool pool)
    {
        var gpus = pool.Accelerator is { } a && Accelerators.TryGetValue(a.Type ?? string.Empty, out var kind) ? (a.Count, (GpuKind?)kind) : (0, null);
        return pool.Capacity is { } c
            ? new NodeShape(pool.MachineType, c.Vcpu, c.MemoryGiB, c.Gpus, c.GpuKind)
            : Find(pool.MachineType) is { } m ? new NodeShape(m.Name, m.Vcpu, m.MemoryGiB, gpus.Item1, gpus.Item2) : null;
    }
}
