namespace MlDeploy.Azure;

/// <summary>
/// The places an Azure target needs that a deployment declared for another target does not name, for the
/// <c>portability</c> view (validated and planned into a scratch graph, never deployed).
/// </summary>
internal static class AzurePortability
{
    /// <summary>
    /// A real region rather than a fake one, so the analysis sees a region's offers; the one the SDK's hints and
    /// documented capabilities use.
    /// </summary>
    public const string Location = "westeurope";

    /// <summary>An existing AKS cluster and its resource group, taken to be prepared as the SDK requires (workload identity on).</summary>
    public const string ClusterName = "portability-analysis";

    /// <inheritdoc cref="ClusterName"/>
    public const string ClusterResourceGroup = "portability-analysis";
}
