using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.SageMaker;

/// <summary>One SageMaker hosting instance type.</summary>
/// <param name="Name">The type, e.g. <c>ml.g5.xlarge</c>.</param>
/// <param name="Vcpu">vCPUs.</param>
/// <param name="MemoryGiB">Memory in GiB.</param>
/// <param name="GpuCount">GPUs (0 for CPU types).</param>
/// <param name="GpuKind">The GPU model, if any.</param>
/// <param name="InstanceStorage">True when the type has local NVMe instance storage, for which SageMaker rejects a volume KMS key and volume size.</param>
internal sealed record SageMakerInstanceType(string Name, int Vcpu, decimal MemoryGiB, int GpuCount, GpuKind? GpuKind, bool InstanceStorage)
{
    public string Family => Name.Split('.')[1];
}

/// <summary>The hosting instance types the SDK maps compute onto (general purpose, compute, memory and GPU families).</summary>
internal static class SageMakerInstanceTypes
{
    public static readonly IReadOnlyList<SageMakerInstanceType> All =
    [
        Cpu("ml.m5.large", 2, 8), Cpu("ml.m5.xlarge", 4, 16), Cpu("ml.m5.2xlarge", 8, 32), Cpu("ml.m5.4xlarge", 16, 64),
        Cpu("ml.m5.12xlarge", 48, 192), Cpu("ml.m5.24xlarge", 96, 384),
        Cpu("ml.c5.large", 2, 4), Cpu("ml.c5.xlarge", 4, 8), Cpu("ml.c5.2xlarge", 8, 16), Cpu("ml.c5.4xlarge", 16, 32),
        Cpu("ml.c5.9xlarge", 36, 72), Cpu("ml.c5.18xlarge", 72, 144),
        Cpu("ml.r5.large", 2, 16), Cpu("ml.r5.xlarge", 4, 32), Cpu("ml.r5.2xlarge", 8, 64), Cpu("ml.r5.4xlarge", 16, 128),
        Cpu("ml.r5.12xlarge", 48, 384), Cpu("ml.r5.24xlarge", 96, 768),
        Gpu("ml.g4dn.xlarge", 4, 16, 1, GpuKind.T4), Gpu("ml.g4dn.2xlarge", 8, 32, 1, GpuKind.T4), Gpu("ml.g4dn.4xlarge", 16, 64, 1, GpuKind.T4),
        Gpu("ml.g4dn.8xlarge", 32, 128, 1, GpuKind.T4), Gpu("ml.g4dn.12xlarge", 48, 192, 4, GpuKind.T4), Gpu("ml.g4dn.16xlarge", 64, 256, 1, GpuKind.T4),
        Gpu("ml.g5.xlarge", 4, 16, 1, GpuKind.A10G), Gpu("ml.g5.2xlarge", 8, 32, 1, GpuKind.A10G), Gpu("ml.g5.4xlarge", 16, 64, 1, GpuKind.A10G),
        Gpu("ml.g5.8xlarge", 32, 128, 1, GpuKind.A10G), Gpu("ml.g5.12xlarge", 48, 192, 4, GpuKind.A10G), Gpu("ml.g5.16xlarge", 64, 256, 1, GpuKind.A10G),
        Gpu("ml.g5.24xlarge", 96, 384, 4, GpuKind.A10G), Gpu("ml.g5.48xlarge", 192, 768, 8, GpuKind.A10G),
        Gpu("ml.g6.xlarge", 4, 16, 1, GpuKind.L4), Gpu("ml.g6.2xlarge", 8, 32, 1, GpuKind.L4), Gpu("ml.g6.4xlarge", 16, 64, 1, GpuKind.L4),
        Gpu("ml.g6.8xlarge", 32, 128, 1, GpuKind.L4), Gpu("ml.g6.12xlarge", 48, 192, 4, GpuKind.L4), Gpu("ml.g6.16xlarge", 64, 256, 1, GpuKind.L4),
        Gpu("ml.g6.24xlarge", 96, 384, 4, GpuKind.L4), Gpu("ml.g6.48xlarge", 192, 768, 8, GpuKind.L4),
        Gpu("ml.g6e.xlarge", 4, 32, 1, GpuKind.L40S), Gpu("ml.g6e.2xlarge", 8, 64, 1, GpuKind.L40S), Gpu("ml.g6e.4xlarge", 16, 128, 1, GpuKind.L40S),
        Gpu("ml.g6e.8xlarge", 32, 256, 1, GpuKind.L40S), Gpu("ml.g6e.12xlarge", 48, 384, 4, GpuKind.L40S), Gpu("ml.g6e.16xlarge", 64, 512, 1, GpuKind.L40S),
        Gpu("ml.g6e.24xlarge", 96, 768, 4, GpuKind.L40S), Gpu("ml.g6e.48xlarge", 192, 1536, 8, GpuKind.L40S),
        Gpu("ml.p3.2xlarge", 8, 61, 1, GpuKind.V100, instanceStorage: false), Gpu("ml.p3.8xlarge", 32, 244, 4, GpuKind.V100, instanceStorage: false),
        Gpu("ml.p3.16xlarge", 64, 488, 8, GpuKind.V100, instanceStorage: false),
        Gpu("ml.p4d.24xlarge", 96, 1152, 8, GpuKind.A100),
        Gpu("ml.p5.48xlarge", 192, 2048, 8, GpuKind.H100),
    ];

    private static readonly string[] s_familyPreference = ["m5", "c5", "r5", "g4dn", "g5", "g6", "g6e", "p3", "p4d", "p5"];

    public static SageMakerInstanceType? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The smallest type that gives at least the requested resources; never a smaller one.</summary>
    public static SageMakerInstanceType? Smallest(Compute compute) =>
        s_bySize.FirstOrDefault(t => Fits(t, compute));

    // Smallest first, ordered once: planning and validation ask per deployment.
    private static readonly SageMakerInstanceType[] s_bySize = StableOrder.By(All, static (a, b) =>
        a.GpuCount != b.GpuCount ? a.GpuCount.CompareTo(b.GpuCount)
        : a.Vcpu != b.Vcpu ? a.Vcpu.CompareTo(b.Vcpu)
        : a.MemoryGiB != b.MemoryGiB ? a.MemoryGiB.CompareTo(b.MemoryGiB)
        : Array.IndexOf(s_familyPreference, a.Family).CompareTo(Array.IndexOf(s_familyPreference, b.Family)));

    public static bool Fits(SageMakerInstanceType type, Compute compute) =>
        type.Vcpu >= compute.Cpu
        && type.MemoryGiB >= compute.MemoryGiB
        && (compute.Gpu is null ? type.GpuCount == 0 : type.GpuKind == compute.Gpu.Kind && type.GpuCount >= compute.Gpu.Count);

    public static int MaxGpus(GpuKind kind) => All.Where(t => t.GpuKind == kind).Select(t => t.GpuCount).DefaultIfEmpty(0).Max();

    private static SageMakerInstanceType Cpu(string name, int vcpu, decimal memory) => new(name, vcpu, memory, 0, null, InstanceStorage: false);

    private static SageMakerInstanceType Gpu(string name, int vcpu, decimal memory, int gpus, GpuKind kind, bool instanceStorage = true) =>
        new(name, vcpu, memory, gpus, kind, instanceStorage);
}
