using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace MlDeploy.Aws.Verification;

/// <summary>
/// Signs one request with Signature Version 4. The canonical request is built here (the verifier's requests are
/// simple: POST, no query, a fixed set of headers); the key derivation and signature are AWSSDK.Core's.
/// </summary>
internal static class AwsRequestSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime now)
    {
        var uri = request.RequestUri!;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = Convert.ToHexStringLower(AWS4Signer.ComputeHash(body));

        // Header names lowercase and sorted; these are every header the request carries except Content-Length.
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(',', values).Trim();
        }

        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
            request.Headers.Add("X-Amz-Security-Token", credentials.Token);
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(CanonicalPath(uri)).Append('\n')
            .Append('\n'); // no query string
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var result = AWS4Signer.ComputeSignature(credentials, region, now, service, signedHeaders, canonical.ToString());
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.Add("X-Amz-Content-SHA256", payloadHash);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    // Services other than S3 sign each path segment URI-encoded twice (the request carries it encoded once).
    private static string CanonicalPath(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/');
        return segments.Length <= 1 ? "/" : string.Join('/', segments.Select(s => Uri.EscapeDataString(s)));
    }
}
