namespace MlDeploy.Gcp;

/// <summary>
/// The places a Google Cloud target needs that a deployment declared for another target does not name, for the
/// <c>portability</c> view (validated and planned into a scratch graph, never deployed).
/// </summary>
internal static class GcpPortability
{
    /// <summary>A project id of the right form.</summary>
    public const string Project = "portability-analysis";

    /// <summary>
    /// A real region rather than a fake one, because offers are regional (Cloud Run's GPUs,
    /// <c>CloudRunCapabilities.GpuRegions</c>); the one the SDK's hints and documented capabilities use.
    /// </summary>
    public const string Region = "europe-west4";

    /// <summary>An existing GKE cluster in <see cref="Region"/>, taken to be prepared as the SDK requires (Workload Identity on).</summary>
    public const string ClusterName = "portability-analysis";
}
