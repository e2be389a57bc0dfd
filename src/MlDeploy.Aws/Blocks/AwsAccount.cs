using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// The account, partition and region the stack deploys into, read once per program through invokes so ARNs,
/// principals and URLs are right in every partition and region without configuration.
/// </summary>
internal sealed record AwsAccount(Invoke Caller, Invoke Partition, Invoke Region)
{
    public Value AccountId => Caller.Output("accountId");

    public Value PartitionName => Partition.Output("partition");

    public Value DnsSuffix => Partition.Output("dnsSuffix");

    public Value RegionName => Region.Output("region");

    public static AwsAccount In(GraphBuilder graph) => new(
        graph.GetOrAdd(new Invoke("aws-caller-identity", AwsTypes.GetCallerIdentity, MapValue.Empty)),
        graph.GetOrAdd(new Invoke("aws-partition", AwsTypes.GetPartition, MapValue.Empty)),
        graph.GetOrAdd(new Invoke("aws-region", AwsTypes.GetRegion, MapValue.Empty)));

    /// <summary>Builds an ARN in this account's partition, e.g. <c>Arn("s3", "", "", "bucket/key")</c>.</summary>
    public Value Arn(string service, Value region, Value account, Value resource) =>
        Value.Format($"arn:{PartitionName}:{service}:{region}:{account}:{resource}");

    public Value RootPrincipal => Value.Format($"arn:{PartitionName}:iam::{AccountId}:root");
}
