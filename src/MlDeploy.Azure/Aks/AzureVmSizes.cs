using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Azure.Aks;

/// <summary>
/// The Azure VM sizes the SDK knows the capacity of, for AKS node pools: which GPU model (an open <see cref="GpuKind"/>)
/// each NC/ND/NV size carries and how many. Figures from the Azure VM size pages (learn.microsoft.com/azure/virtual-machines/sizes:
/// Dsv5/Ddsv5 4 GiB, Edsv5 8 GiB and Fsv2 2 GiB per vCPU; NCasT4_v3, NC_A100_v4, ND_A100_v4, NDm_A100_v4,
/// NCads_H100_v5, ND_H100_v5 and NVadsA10_v5 as listed there). Only whole-GPU sizes are listed (fractional NV sizes
/// are not schedulable as <c>nvidia.com/gpu</c>). A size not listed is accepted when the pool declares its
/// <see cref="NodeCapacity"/>, which is also how a GPU kind the SDK does not name is used.
/// </summary>
internal static class AzureVmSizes
{
    private static readonly Dictionary<string, NodeShape> s_all = Build();

    public static IEnumerable<NodeShape> All => s_all.Values;

    public static NodeShape? Find(string name) => s_all.GetValueOrDefault(name ?? string.Empty);

    /// <summary>A pool's node: the catalogue's figures for a known size, else what the stack program declared.</summary>
    public static NodeShape? Of(AksNodePool pool) =>
        pool.Capacity is { } c ? new NodeShape(pool.VmSize, c.Vcpu, c.MemoryGiB, c.Gpus, c.GpuKind) : Find(pool.VmSize);

    private static Dictionary<string, NodeShape> Build()
    {
        var all = new List<NodeShape>();
        void Cpu(string pattern, decimal gibPerVcpu, params int[] sizes) =>
            all.AddRange(sizes.Select(v => new NodeShape(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, v), v, v * gibPerVcpu, 0, null)));
        void Gpu(string name, int vcpu, decimal memoryGiB, int gpus, GpuKind kind) => all.Add(new NodeShape(name, vcpu, memoryGiB, gpus, kind));

        Cpu("Standard_D{0}s_v5", 4, 2, 4, 8, 16, 32, 48, 64, 96);
        Cpu("Standard_D{0}ds_v5", 4, 2, 4, 8, 16, 32, 48, 64, 96);
        Cpu("Standard_E{0}ds_v5", 8, 2, 4, 8, 16, 32, 48, 64);
        Cpu("Standard_F{0}s_v2", 2, 2, 4, 8, 16, 32, 48, 64, 72);

        Gpu("Standard_NC4as_T4_v3", 4, 28, 1, GpuKind.T4);
        Gpu("Standard_NC8as_T4_v3", 8, 56, 1, GpuKind.T4);
        Gpu("Standard_NC16as_T4_v3", 16, 110, 1, GpuKind.T4);
        Gpu("Standard_NC64as_T4_v3", 64, 440, 4, GpuKind.T4);
        Gpu("Standard_NV36ads_A10_v5", 36, 440, 1, GpuKind.A10);
        Gpu("Standard_NV72ads_A10_v5", 72, 880, 2, GpuKind.A10);
        Gpu("Standard_NC24ads_A100_v4", 24, 220, 1, GpuKind.A100);
        Gpu("Standard_NC48ads_A100_v4", 48, 440, 2, GpuKind.A100);
        Gpu("Standard_NC96ads_A100_v4", 96, 880, 4, GpuKind.A100);
        Gpu("Standard_ND96asr_v4", 96, 900, 8, GpuKind.A100);
        Gpu("Standard_ND96amsr_A100_v4", 96, 1900, 8, GpuKind.A100);
        Gpu("Standard_NC40ads_H100_v5", 40, 320, 1, GpuKind.H100);
        Gpu("Standard_NC80adis_H100_v5", 80, 640, 2, GpuKind.H100);
        Gpu("Standard_ND96isr_H100_v5", 96, 1900, 8, GpuKind.H100);
        return all.ToDictionary(t => t.Type, StringComparer.Ordinal);
    }
}
