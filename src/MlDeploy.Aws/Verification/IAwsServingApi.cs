namespace MlDeploy.Aws.Verification;

/// <summary>
/// The AWS calls <c>verify</c> makes, and nothing else: small enough for AWSSDK.SageMaker, AWSSDK.ECS and
/// AWSSDK.SageMakerRuntime clients to implement later. Errors the API answers are thrown as <see cref="AwsApiException"/>.
/// </summary>
public interface IAwsServingApi
{
    /// <summary>SageMaker DescribeEndpoint.</summary>
    /// <param name="endpointName">The endpoint's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The endpoint's live state.</returns>
    Task<SageMakerEndpointState> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken);

    /// <summary>ECS DescribeServices for one service.</summary>
    /// <param name="cluster">The cluster's name or ARN.</param>
    /// <param name="service">The service's name or ARN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The service's live state.</returns>
    Task<EcsServiceState> DescribeServiceAsync(string cluster, string service, CancellationToken cancellationToken);

    /// <summary>SageMaker runtime InvokeEndpoint.</summary>
    /// <param name="endpointName">The endpoint's name.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status and body the endpoint answered (a model error is an answer, not an exception).</returns>
    Task<EndpointInvocation> InvokeEndpointAsync(string endpointName, string contentType, string body, CancellationToken cancellationToken);
}
