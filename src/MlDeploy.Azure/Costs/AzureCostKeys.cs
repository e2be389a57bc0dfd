using MlDeploy.Costs;

namespace MlDeploy.Azure.Costs;

/// <summary>The Azure price keys the Azure cost models share.</summary>
internal static class AzureCostKeys
{
    /// <summary>Blob storage (hot, LRS) in the storage account the SDK uploads local models to.</summary>
    public static (PriceKey Key, string Unit) ArtifactStorage(string location) => (new PriceKey("azure", "blob-storage", "hot-lrs", location), "GB-month");
}
