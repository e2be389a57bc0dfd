using MlDeploy.Kubernetes;
using MlDeploy.Model;

namespace MlDeploy.Aws.Eks;

/// <summary>The capacity of one EC2 instance type: what a node of it can give pods.</summary>
internal sealed record Ec2InstanceType(string Name, int Vcpu, decimal MemoryGiB, int GpuCount, GpuKind? GpuKind);

/// <summary>
/// The EC2 types the SDK knows the capacity of, for EKS node groups (SageMaker's <c>ml.*</c> table is a different
/// catalogue). Figures from the EC2 instance type specifications (docs.aws.amazon.com/ec2/latest/instancetypes):
/// general purpose 4 GiB, compute optimized 2 GiB and memory optimized 8 GiB per vCPU; sizes per family as listed
/// there. A type not listed is accepted when the node group declares its capacity (<see cref="NodeCapacity"/>).
/// </summary>
internal static class Ec2InstanceTypes
{
    private static readonly (string Size, int Vcpu)[] s_sizes =
    [
        ("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32), ("9xlarge", 36), ("12xlarge", 48),
        ("16xlarge", 64), ("18xlarge", 72), ("24xlarge", 96), ("32xlarge", 128), ("48xlarge", 192),
    ];

    private static readonly Dictionary<string, Ec2InstanceType> s_all = Build();

    public static IEnumerable<Ec2InstanceType> All => s_all.Values;

    public static Ec2InstanceType? Find(string name) => s_all.GetValueOrDefault(name);

    private static Dictionary<string, Ec2InstanceType> Build()
    {
        var all = new List<Ec2InstanceType>();
        void Cpu(string family, decimal gibPerVcpu, params string[] sizes)
        {
            foreach (var size in sizes)
            {
                var vcpu = s_sizes.Single(s => s.Size == size).Vcpu;
                all.Add(new Ec2InstanceType($"{family}.{size}", vcpu, vcpu * gibPerVcpu, 0, null));
            }
        }

        void Gpu(string name, int vcpu, decimal memoryGiB, int gpus, GpuKind kind) => all.Add(new Ec2InstanceType(name, vcpu, memoryGiB, gpus, kind));

        string[] fifth = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
        string[] sixth = [.. fifth, "32xlarge"];
        string[] seventh = [.. fifth, "48xlarge"];
        Cpu("m5", 4, fifth);
        Cpu("m6i", 4, sixth);
        Cpu("m7i", 4, seventh);
        Cpu("c5", 2, "large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge");
        Cpu("c6i", 2, sixth);
        Cpu("c7i", 2, seventh);
        Cpu("r5", 8, fifth);
        Cpu("r6i", 8, sixth);
        Cpu("r7i", 8, seventh);

        foreach (var (family, kind, gibPerVcpu) in new[] { ("g4dn", GpuKind.T4, 4m), ("g5", GpuKind.A10G, 4m), ("g6", GpuKind.L4, 4m), ("g6e", GpuKind.L40S, 8m) })
        {
            Gpu($"{family}.xlarge", 4, 4 * gibPerVcpu, 1, kind);
            Gpu($"{family}.2xlarge", 8, 8 * gibPerVcpu, 1, kind);
            Gpu($"{family}.4xlarge", 16, 16 * gibPerVcpu, 1, kind);
            Gpu($"{family}.8xlarge", 32, 32 * gibPerVcpu, 1, kind);
            Gpu($"{family}.12xlarge", 48, 48 * gibPerVcpu, 4, kind);
            Gpu($"{family}.16xlarge", 64, 64 * gibPerVcpu, 1, kind);
            if (family != "g4dn")
            {
                Gpu($"{family}.24xlarge", 96, 96 * gibPerVcpu, 4, kind);
                Gpu($"{family}.48xlarge", 192, 192 * gibPerVcpu, 8, kind);
            }
        }

        Gpu("p3.2xlarge", 8, 61, 1, GpuKind.V100);
        Gpu("p3.8xlarge", 32, 244, 4, GpuKind.V100);
        Gpu("p3.16xlarge", 64, 488, 8, GpuKind.V100);
        Gpu("p4d.24xlarge", 96, 1152, 8, GpuKind.A100);
        Gpu("p5.48xlarge", 192, 2048, 8, GpuKind.H100);
        return all.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }
}
