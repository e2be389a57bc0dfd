using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MlDeploy.Aws.Verification;

/// <summary>
/// <see cref="IAwsServingApi"/> over HTTPS: the JSON 1.1 protocol of the SageMaker and ECS control planes and the
/// SageMaker runtime's REST call, each signed with SigV4. Endpoints follow the SDKs' configuration:
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then <c>AWS_ENDPOINT_URL</c>, then the regional public endpoint.
/// </summary>
/// <param name="http">The HTTP client (not disposed here).</param>
/// <param name="env">Reads the environment (credentials, region, endpoint overrides).</param>
/// <param name="region">The region the resources live in (from their ARNs), or null to use the environment's.</param>
/// <param name="clock">The clock requests are signed with (SigV4 signatures are valid for minutes around it); null for the system clock.</param>
public sealed class AwsServingClient(HttpClient http, Func<string, string?> env, string? region, TimeProvider? clock = null) : IAwsServingApi
{
    private const string JsonContentType = "application/x-amz-json-1.1";

    // Resolved once per client: the SDK's chain may read files or ask the instance metadata service.
    private Task<Amazon.Runtime.ImmutableCredentials>? _credentials;

    /// <inheritdoc/>
    public async Task<SageMakerEndpointState> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        using var doc = await CallJsonAsync(Api.SageMaker, "SageMaker.DescribeEndpoint", w => w.WriteString("EndpointName", endpointName), cancellationToken).ConfigureAwait(false);
        var root = doc.RootElement;
        return new SageMakerEndpointState(
            root.GetProperty("EndpointStatus").GetString() ?? string.Empty,
            root.GetProperty("EndpointConfigName").GetString() ?? string.Empty,
            root.TryGetProperty("FailureReason", out var reason) ? reason.GetString() : null);
    }

    /// <inheritdoc/>
    public async Task<EcsServiceState> DescribeServiceAsync(string cluster, string service, CancellationToken cancellationToken)
    {
        using var doc = await CallJsonAsync(
            Api.Ecs,
            "AmazonEC2ContainerServiceV20141113.DescribeServices",
            w =>
            {
                w.WriteString("cluster", cluster);
                w.WriteStartArray("services");
                w.WriteStringValue(service);
                w.WriteEndArray();
            },
            cancellationToken).ConfigureAwait(false);

        var services = doc.RootElement.GetProperty("services");
        if (services.GetArrayLength() == 0)
        {
            var failure = doc.RootElement.TryGetProperty("failures", out var failures) && failures.GetArrayLength() > 0 && failures[0].TryGetProperty("reason", out var r) ? r.GetString() : null;
            throw new AwsApiException($"ECS DescribeServices: service '{service}' not found in cluster '{cluster}'{(failure is null ? string.Empty : $" ({failure})")}");
        }

        var s = services[0];
        var deployments = s.TryGetProperty("deployments", out var list)
            ? list.EnumerateArray().Select(d => new EcsDeploymentState(
                Text(d, "status") ?? string.Empty,
                Text(d, "taskDefinition") ?? string.Empty,
                Int(d, "desiredCount"),
                Int(d, "runningCount"),
                Text(d, "rolloutState"),
                Text(d, "rolloutStateReason"))).ToImmutableArray()
            : [];
        return new EcsServiceState(Text(s, "status") ?? string.Empty, Text(s, "taskDefinition") ?? string.Empty, Int(s, "desiredCount"), Int(s, "runningCount"), deployments);
    }

    /// <inheritdoc/>
    public async Task<EndpointInvocation> InvokeEndpointAsync(string endpointName, string contentType, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var response = await SendAsync(Api.SageMakerRuntime, $"endpoints/{Uri.EscapeDataString(endpointName)}/invocations", bytes, contentType, target: null, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new EndpointInvocation((int)response.StatusCode, text);
    }

    /// <summary>Calls a JSON 1.1 action and returns its answer (used by the tests to create what they check).</summary>
    /// <param name="api">The service.</param>
    /// <param name="target">The X-Amz-Target, e.g. <c>SageMaker.CreateEndpoint</c>.</param>
    /// <param name="writeRequest">Writes the request object's members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parsed response.</returns>
    internal async Task<JsonDocument> CallJsonAsync(Api api, string target, Action<Utf8JsonWriter> writeRequest, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeRequest(writer);
                writer.WriteEndObject();
            }

            using var response = await SendAsync(api, string.Empty, buffer.ToArray(), JsonContentType, target, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AwsApiException($"{target.Split('.')[^1]} answered HTTP {(int)response.StatusCode}: {ErrorMessage(text)}");
            }

            return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Api api, string path, byte[] body, string contentType, string? target, CancellationToken cancellationToken)
    {
        var signingRegion = AwsCredentialSource.Region(env, region);
        var baseUri = Endpoint(api, signingRegion);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (target is not null)
        {
            request.Headers.Add("X-Amz-Target", target);
        }

        var credentials = await (_credentials ??= AwsCredentialSource.CredentialsAsync(env)).ConfigureAwait(false);
        AwsRequestSigner.Sign(request, body, credentials, signingRegion, api.SigningName, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AwsApiException($"{request.RequestUri}: {e.Message}", e);
        }
    }

    private Uri Endpoint(Api api, string signingRegion)
    {
        var configured = env($"AWS_ENDPOINT_URL_{api.EnvironmentSuffix}") is { Length: > 0 } specific ? specific : env("AWS_ENDPOINT_URL");
        if (configured is { Length: > 0 })
        {
            return Uri.TryCreate(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute, out var uri)
                ? uri
                : throw new AwsApiException($"AWS_ENDPOINT_URL '{configured}' is not an absolute URL");
        }

        var suffix = signingRegion.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{api.HostPrefix}.{signingRegion}.{suffix}/"));
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var type = Text(root, "__type") ?? Text(root, "code") ?? string.Empty;
            var message = Text(root, "message") ?? Text(root, "Message") ?? body;
            return type.Length == 0 ? message : $"{type[(type.LastIndexOf('#') + 1)..]}: {message}";
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(empty body)" : body;
        }
    }

    private static string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    /// <summary>A service the verifier calls: its endpoint prefix, signing name and endpoint variable.</summary>
    /// <param name="HostPrefix">The public endpoint's first labels.</param>
    /// <param name="SigningName">The SigV4 service name.</param>
    /// <param name="EnvironmentSuffix">The <c>AWS_ENDPOINT_URL_&lt;suffix&gt;</c> variable's suffix.</param>
    internal sealed record Api(string HostPrefix, string SigningName, string EnvironmentSuffix)
    {
        public static Api SageMaker { get; } = new("api.sagemaker", "sagemaker", "SAGEMAKER");

        public static Api SageMakerRuntime { get; } = new("runtime.sagemaker", "sagemaker", "SAGEMAKER_RUNTIME");

        public static Api Ecs { get; } = new("ecs", "ecs", "ECS");
    }
}
