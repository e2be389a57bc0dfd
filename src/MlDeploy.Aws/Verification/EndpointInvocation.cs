namespace MlDeploy.Aws.Verification;

/// <summary>What an endpoint answered to InvokeEndpoint.</summary>
/// <param name="StatusCode">The HTTP status (a model error: SageMaker's 424 with the container's own status in the message).</param>
/// <param name="Body">The response body.</param>
public sealed record EndpointInvocation(int StatusCode, string Body);
