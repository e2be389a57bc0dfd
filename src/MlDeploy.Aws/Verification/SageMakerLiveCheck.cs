using MlDeploy.Aws.SageMaker;
using MlDeploy.Verification;

namespace MlDeploy.Aws.Verification;

/// <summary>
/// A SageMaker endpoint after <c>pulumi up</c>: it is <c>InService</c>, serves the endpoint configuration the program
/// deployed (when AWS rolls an update back, the Pulumi provider still reports success and the endpoint keeps serving
/// the old configuration), and answers the smoke request through InvokeEndpoint.
/// </summary>
/// <param name="api">Creates the API client; null for <see cref="AwsServingClient"/>.</param>
public sealed class SageMakerLiveCheck(Func<LiveCheckContext, string?, IAwsServingApi>? api = null) : AwsLiveCheck<SageMakerTarget>(api)
{
    /// <inheritdoc/>
    protected override string ArnOutput => "endpoint-arn";

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<CheckResult>> CheckAsync(LiveCheckContext context, IAwsServingApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(api);
        var name = context.Deployment.Name;
        var outputs = context.Outputs;
        var endpoint = outputs.Get("endpoint-name") ?? string.Empty;
        var deployedConfig = outputs.Get("endpoint-config-name") ?? string.Empty;
        var results = new List<CheckResult>();
        try
        {
            var live = await api.DescribeEndpointAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var why = live.FailureReason is { Length: > 0 } reason ? $" (FailureReason: {reason})" : string.Empty;
            results.Add(live.Status == "InService"
                ? CheckResult.Pass(name, "endpoint-status", $"{endpoint} is InService")
                : CheckResult.Fail(name, "endpoint-status", $"{endpoint} is {live.Status}, not InService{why}"));
            results.Add(live.EndpointConfigName == deployedConfig
                ? CheckResult.Pass(name, "endpoint-config", $"{endpoint} serves {deployedConfig}")
                : CheckResult.Fail(name, "endpoint-config", $"{endpoint} serves {live.EndpointConfigName}, but the program deployed {deployedConfig} ({outputs.NameOf("endpoint-config-name")}): the update was rolled back or never applied{why}"));
        }
        catch (AwsApiException e)
        {
            results.Add(CheckResult.Fail(name, "endpoint-status", e.Message));
            results.Add(CheckResult.Skip(name, "endpoint-config", "DescribeEndpoint failed (see endpoint-status)"));
        }

        if (context.Deployment.Smoke is not { } smoke)
        {
            results.Add(NoSmokeTest(context.Deployment));
            return results;
        }

        try
        {
            var answer = await api.InvokeEndpointAsync(endpoint, smoke.ContentType, smoke.Payload, cancellationToken).ConfigureAwait(false);
            results.Add(SmokeCheck.Judge(name, smoke, answer.StatusCode, answer.Body, $"InvokeEndpoint {endpoint}"));
        }
        catch (AwsApiException e)
        {
            results.Add(CheckResult.Fail(name, SmokeCheck.Name, $"InvokeEndpoint {endpoint}: {e.Message}"));
        }

        return results;
    }
}
