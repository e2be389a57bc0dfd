using MlDeploy.Costs;

namespace MlDeploy.Aws.Costs;

/// <summary>The AWS price keys and region the AWS cost models share.</summary>
internal static class AwsCostKeys
{
    /// <summary>The stack's region: AWS targets take it from the provider's <c>aws:region</c> config.</summary>
    public static string Region(CostInput input) => input.Config("aws:region") ?? "(aws:region not set)";

    /// <summary>S3 Standard storage, where the SDK uploads local models.</summary>
    public static (PriceKey Key, string Unit) ArtifactStorage(string region) => (new PriceKey("aws", "s3", "standard-storage", region), "GB-month");
}
