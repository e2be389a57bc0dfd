using MlDeploy.Costs;

namespace MlDeploy.Gcp.Costs;

/// <summary>The Google Cloud price keys the GCP cost models share.</summary>
internal static class GcpCostKeys
{
    /// <summary>Cloud Storage Standard in the model bucket's region.</summary>
    public static (PriceKey Key, string Unit) ArtifactStorage(string region) => (new PriceKey("gcp", "cloud-storage", "standard", region), "GB-month");

    /// <summary>Cloud Run instance-based billing ("CPU always allocated"), per vCPU-second, in the service's region.</summary>
    public static PriceKey CloudRunInstanceVcpu(string region) => new("gcp", "cloud-run", "instance-based-vcpu", region);

    /// <summary>Cloud Run instance-based billing ("CPU always allocated"), per GiB-second, in the service's region.</summary>
    public static PriceKey CloudRunInstanceMemory(string region) => new("gcp", "cloud-run", "instance-based-memory", region);
}
