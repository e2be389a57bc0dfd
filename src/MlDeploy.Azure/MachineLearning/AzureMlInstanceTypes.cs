using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.MachineLearning;

/// <summary>One VM size a managed online deployment can run on.</summary>
/// <param name="Name">The size, e.g. <c>Standard_NC4as_T4_v3</c>.</param>
/// <param name="Vcpu">vCPUs.</param>
/// <param name="MemoryGiB">Memory in GiB.</param>
/// <param name="GpuCount">GPUs (0 for CPU sizes).</param>
/// <param name="GpuKind">The GPU model, if any.</param>
internal sealed record AzureMlInstanceType(string Name, int Vcpu, decimal MemoryGiB, int GpuCount, GpuKind? GpuKind);

/// <summary>
/// The VM sizes the SDK maps compute onto: a subset of Azure ML's "Managed online endpoints SKU list" (general purpose
/// DSv2/Dasv4, compute-optimized Fsv2, memory-optimized Esv3, and the T4, V100, A100 and H100 GPU series), with the
/// vCPUs, memory and GPUs of the Azure VM size pages. Any size on that list can still be named with
/// <see cref="AzureMlTarget.InstanceType"/> when it is in this catalogue.
/// </summary>
internal static class AzureMlInstanceTypes
{
    public static readonly IReadOnlyList<AzureMlInstanceType> All =
    [
        Cpu("Standard_DS1_v2", 1, 3.5m), Cpu("Standard_DS2_v2", 2, 7), Cpu("Standard_DS3_v2", 4, 14), Cpu("Standard_DS4_v2", 8, 28), Cpu("Standard_DS5_v2", 16, 56),
        Cpu("Standard_D2as_v4", 2, 8), Cpu("Standard_D4as_v4", 4, 16), Cpu("Standard_D8as_v4", 8, 32), Cpu("Standard_D16as_v4", 16, 64), Cpu("Standard_D32as_v4", 32, 128),
        Cpu("Standard_F2s_v2", 2, 4), Cpu("Standard_F4s_v2", 4, 8), Cpu("Standard_F8s_v2", 8, 16), Cpu("Standard_F16s_v2", 16, 32), Cpu("Standard_F32s_v2", 32, 64),
        Cpu("Standard_F48s_v2", 48, 96), Cpu("Standard_F64s_v2", 64, 128), Cpu("Standard_F72s_v2", 72, 144),
        Cpu("Standard_E2s_v3", 2, 16), Cpu("Standard_E4s_v3", 4, 32), Cpu("Standard_E8s_v3", 8, 64), Cpu("Standard_E16s_v3", 16, 128), Cpu("Standard_E32s_v3", 32, 256),
        Cpu("Standard_E48s_v3", 48, 384), Cpu("Standard_E64s_v3", 64, 432),
        Gpu("Standard_NC4as_T4_v3", 4, 28, 1, GpuKind.T4), Gpu("Standard_NC8as_T4_v3", 8, 56, 1, GpuKind.T4), Gpu("Standard_NC16as_T4_v3", 16, 110, 1, GpuKind.T4),
        Gpu("Standard_NC64as_T4_v3", 64, 440, 4, GpuKind.T4),
        Gpu("Standard_NC6s_v3", 6, 112, 1, GpuKind.V100), Gpu("Standard_NC12s_v3", 12, 224, 2, GpuKind.V100), Gpu("Standard_NC24s_v3", 24, 448, 4, GpuKind.V100),
        Gpu("Standard_NC24ads_A100_v4", 24, 220, 1, GpuKind.A100), Gpu("Standard_NC48ads_A100_v4", 48, 440, 2, GpuKind.A100), Gpu("Standard_NC96ads_A100_v4", 96, 880, 4, GpuKind.A100),
        Gpu("Standard_ND96asr_v4", 96, 900, 8, GpuKind.A100),
        Gpu("Standard_ND96isr_H100_v5", 96, 1900, 8, GpuKind.H100),
    ];

    private static readonly string[] s_familyPreference = ["F", "D", "DS", "E", "NC", "ND"];

    public static AzureMlInstanceType? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The smallest size that gives at least the requested resources (never a smaller one), or null.</summary>
    public static AzureMlInstanceType? Smallest(Compute compute) =>
        s_bySize.FirstOrDefault(t => Fits(t, compute));

    // Smallest first, ordered once: planning and validation ask per deployment.
    private static readonly AzureMlInstanceType[] s_bySize = StableOrder.By(All, static (a, b) =>
        a.GpuCount != b.GpuCount ? a.GpuCount.CompareTo(b.GpuCount)
        : a.Vcpu != b.Vcpu ? a.Vcpu.CompareTo(b.Vcpu)
        : a.MemoryGiB != b.MemoryGiB ? a.MemoryGiB.CompareTo(b.MemoryGiB)
        : Array.IndexOf(s_familyPreference, Family(a)).CompareTo(Array.IndexOf(s_familyPreference, Family(b))));

    public static bool Fits(AzureMlInstanceType type, Compute compute) =>
        type.Vcpu >= compute.Cpu
        && type.MemoryGiB >= compute.MemoryGiB
        && (compute.Gpu is not { Count: > 0 } gpu ? type.GpuCount == 0 : type.GpuKind == gpu.Kind && type.GpuCount >= gpu.Count);

    private static string Family(AzureMlInstanceType t) => new([.. t.Name["Standard_".Length..].TakeWhile(char.IsAsciiLetterUpper)]);

    private static AzureMlInstanceType Cpu(string name, int vcpu, decimal memory) => new(name, vcpu, memory, 0, null);

    private static AzureMlInstanceType Gpu(string name, int vcpu, decimal memory, int gpus, GpuKind kind) => new(name, vcpu, memory, gpus, kind);
}
