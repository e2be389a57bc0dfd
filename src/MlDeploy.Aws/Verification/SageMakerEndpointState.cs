namespace MlDeploy.Aws.Verification;

/// <summary>What DescribeEndpoint says about an endpoint.</summary>
/// <param name="Status">EndpointStatus, e.g. <c>InService</c>, <c>Updating</c>, <c>Failed</c>.</param>
/// <param name="EndpointConfigName">The endpoint configuration it serves now (after a rolled-back update: the old one).</param>
/// <param name="FailureReason">Why the last update failed, when AWS says.</param>
public sealed record SageMakerEndpointState(string Status, string EndpointConfigName, string? FailureReason);
