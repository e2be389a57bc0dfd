using System.Globalization;
using MlDeploy.Model;

namespace MlDeploy.Aws.Ecs;

/// <summary>One task size Fargate runs: vCPU and memory, with the strings the task definition takes.</summary>
internal sealed record FargateTaskSize(decimal Vcpu, int MemoryMiB)
{
    /// <summary>Gets the task definition's <c>cpu</c> (CPU units, 1024 per vCPU).</summary>
    public string CpuUnits => ((int)(Vcpu * 1024)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Gets the task definition's <c>memory</c> in MiB.</summary>
    public string Memory => MemoryMiB.ToString(CultureInfo.InvariantCulture);

    public decimal MemoryGiB => MemoryMiB / 1024m;
}

/// <summary>The CPU and memory combinations Fargate accepts (Linux tasks), and the smallest one that fits a request.</summary>
internal static class FargateTaskSizes
{
    /// <summary>Per vCPU size: the smallest and largest memory in MiB and the step between them.</summary>
    private static readonly (decimal Vcpu, int[] MemoryMiB)[] s_table =
    [
        (0.25m, [512, 1024, 2048]),
        (0.5m, Steps(1024, 4096, 1024)),
        (1m, Steps(2048, 8192, 1024)),
        (2m, Steps(4096, 16384, 1024)),
        (4m, Steps(8192, 30720, 1024)),
        (8m, Steps(16384, 61440, 4096)),
        (16m, Steps(32768, 122880, 8192)),
    ];

    public const decimal MaxVcpu = 16;

    public const decimal MaxMemoryGiB = 120;

    /// <summary>Gets every valid combination, smallest first.</summary>
    public static IEnumerable<FargateTaskSize> All =>
        s_table.SelectMany(row => row.MemoryMiB.Select(m => new FargateTaskSize(row.Vcpu, m)));

    /// <summary>The smallest combination with at least the requested vCPU and memory, or null when Fargate has none.</summary>
    public static FargateTaskSize? Smallest(Compute compute) =>
        All.FirstOrDefault(s => s.Vcpu >= compute.Cpu && s.MemoryGiB >= compute.MemoryGiB);

    /// <summary>Describes the table for messages.</summary>
    public static string Describe() =>
        "0.25 vCPU: 0.5, 1 or 2 GiB; 0.5 vCPU: 1-4 GiB; 1 vCPU: 2-8 GiB; 2 vCPU: 4-16 GiB; 4 vCPU: 8-30 GiB (1 GiB steps); 8 vCPU: 16-60 GiB (4 GiB steps); 16 vCPU: 32-120 GiB (8 GiB steps)";

    private static int[] Steps(int from, int to, int step) =>
        [.. Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step))];
}
