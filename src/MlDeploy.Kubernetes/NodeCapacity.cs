using MlDeploy.Model;

namespace MlDeploy.Kubernetes;

/// <summary>What one node of a type the SDK does not know offers (from the cloud's instance or VM size specifications).</summary>
/// <param name="Vcpu">vCPUs.</param>
/// <param name="MemoryGiB">Memory in GiB.</param>
/// <param name="Gpus">GPUs (0 for none).</param>
/// <param name="GpuKind">The GPU model, or null for none.</param>
public sealed record NodeCapacity(int Vcpu, decimal MemoryGiB, int Gpus = 0, GpuKind? GpuKind = null);
