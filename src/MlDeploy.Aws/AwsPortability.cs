namespace MlDeploy.Aws;

/// <summary>
/// The places an AWS target needs that a deployment declared for another target does not name: clearly fake values
/// the <c>portability</c> view validates and plans into a scratch graph, never deploys.
/// </summary>
internal static class AwsPortability
{
    /// <summary>A VPC id of the right form (Fargate's load balancer and target groups live in one).</summary>
    public const string VpcId = "vpc-00000000000000000";

    /// <summary>An existing cluster's name, taken to be prepared as the SDK requires (the Pod Identity agent present).</summary>
    public const string ClusterName = "portability-analysis";
}
