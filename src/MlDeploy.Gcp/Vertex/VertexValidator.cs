using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Gcp.Vertex;

/// <summary>What Vertex AI cannot honour beyond the capability record, reported before anything is deployed.</summary>
internal static partial class VertexValidator
{
    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, VertexTarget t, DeploymentPath p) =>
        GcpChecks.Placement(t.Project, t.Region, t.KmsKeyName, p).Concat(Machine(d, t, p)).Concat(Traffic(t, p))
            .Concat(GcpChecks.Sources(d, t.DisplayName, p)).Concat(GcpChecks.Channel(d, t.DisplayName, p));

    /// <summary>The machine type: a catalogued one that holds the compute (its GPU kind and count), or one the SDK can pick.</summary>
    private static IEnumerable<Diagnostic> Machine(ModelDeployment d, VertexTarget t, DeploymentPath p)
    {
        var c = d.Compute;
        if (t.MachineType is { } named)
        {
            var machine = VertexMachines.Find(named, c);
            if (machine is null)
            {
                yield return p.Error("target.machineType", $"'{named}' is not a machine type the SDK knows for Vertex AI", $"use one of {string.Join(", ", VertexMachines.All.Select(m => m.Name).Distinct().Order(StringComparer.Ordinal))}, or leave MachineType null");
            }
            else if (!VertexMachines.Fits(machine, c))
            {
                yield return p.Error("target.machineType", $"{named} does not hold {Describe(c)}", "leave MachineType null so the SDK picks the smallest type that fits, or lower Compute");
            }
        }
        else if (VertexMachines.Smallest(c) is null && (c.Gpu is null || VertexMachines.Accelerators.ContainsKey(c.Gpu.Kind)))
        {
            yield return p.Error("compute", $"no Vertex AI machine type holds {Describe(c)}", c.Gpu is null
                ? "use at most 32 vCPU and 208 GiB without GPUs"
                : $"use a GPU count the {c.Gpu.Kind} machines take ({string.Join(", ", VertexMachines.All.Where(m => m.GpuKind == c.Gpu.Kind).SelectMany(m => m.GpuCounts).Distinct().Order())}) and CPU and memory they hold");
        }
    }

    private static IEnumerable<Diagnostic> Traffic(VertexTarget t, DeploymentPath p)
    {
        // DeployedModel.id: 1-10 digits (Vertex AI API, DeployedModel).
        if (t.StableDeployedModel is { } stable && !DeployedModelId().IsMatch(stable))
        {
            yield return p.Error("target.stableDeployedModel", $"'{stable}' is not a deployed model id", "use the number the stack output <deployment>-deployed-model-id printed, e.g. 1234567890");
        }
    }

    private static string Describe(Compute c) =>
        FormattableString.Invariant($"{c.Cpu} vCPU / {c.MemoryGiB} GiB{(c.Gpu is { } g ? $" / {g.Count} x {g.Kind}" : string.Empty)}");

    [GeneratedRegex("^[1-9][0-9]{0,9}$")]
    private static partial Regex DeployedModelId();
}
