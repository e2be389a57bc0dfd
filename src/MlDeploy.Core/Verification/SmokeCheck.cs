using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MlDeploy.Model;

namespace MlDeploy.Verification;

/// <summary>
/// The <c>smoke</c> check: sends a deployment's <see cref="SmokeTest"/> and judges the answer. Targets invoked
/// through a cloud API (SageMaker) send it themselves and use <see cref="Judge"/>; targets with a URL use <see cref="PostAsync"/>.
/// </summary>
public static class SmokeCheck
{
    /// <summary>The check's name.</summary>
    public const string Name = "smoke";

    /// <summary>How much of a response body a failure shows.</summary>
    private const int ShownBodyChars = 200;

    /// <summary>Judges a response against the declared expectations.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="smoke">The declared request and expectations.</param>
    /// <param name="status">The HTTP status answered.</param>
    /// <param name="body">The response body.</param>
    /// <param name="via">How it was sent, e.g. <c>InvokeEndpoint</c> or the URL.</param>
    /// <returns>The result.</returns>
    public static CheckResult Judge(string deployment, SmokeTest smoke, int status, string body, string via)
    {
        ArgumentNullException.ThrowIfNull(smoke);
        ArgumentNullException.ThrowIfNull(body);
        if (status != smoke.ExpectStatus)
        {
            return CheckResult.Fail(deployment, Name, string.Create(CultureInfo.InvariantCulture, $"{via} answered HTTP {status}, expected {smoke.ExpectStatus}: {Shorten(body)}"));
        }

        if (smoke.ExpectBodyContains is { } expected && !body.Contains(expected, StringComparison.Ordinal))
        {
            return CheckResult.Fail(deployment, Name, string.Create(CultureInfo.InvariantCulture, $"{via} answered HTTP {status} without '{expected}' in the body: {Shorten(body)}"));
        }

        return CheckResult.Pass(deployment, Name, string.Create(CultureInfo.InvariantCulture, $"{via} answered HTTP {status}{(smoke.ExpectBodyContains is { } e ? $" containing '{e}'" : string.Empty)}"));
    }

    /// <summary>POSTs the smoke request to a URL and judges the answer.</summary>
    /// <param name="http">The HTTP client.</param>
    /// <param name="deployment">The deployment.</param>
    /// <param name="smoke">The declared request.</param>
    /// <param name="url">Where the model answers predictions.</param>
    /// <param name="unreachable">The status to report when no HTTP answer comes back: a failure where the target's URL must be reachable, a skip where the runner may not be on its network (a 401 or 403 is then a skip too).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    public static async Task<CheckResult> PostAsync(HttpClient http, string deployment, SmokeTest smoke, Uri url, CheckStatus unreachable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(smoke);
        ArgumentNullException.ThrowIfNull(url);
        using var content = new StringContent(smoke.Payload, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(smoke.ContentType);
        try
        {
            using var response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (unreachable == CheckStatus.Skip && IsAuthenticationRequired(status))
            {
                // Where the runner may lack the network, it may lack the platform's credentials too: verify sends none yet.
                return CheckResult.Skip(deployment, Name, string.Create(CultureInfo.InvariantCulture, $"POST {url} answered HTTP {status}: it needs credentials verify does not send for this target yet"));
            }

            return Judge(deployment, smoke, status, body, $"POST {url}");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            return new CheckResult(deployment, Name, unreachable, $"POST {url} got no answer: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(deployment, Name, unreachable, $"POST {url} timed out after {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }

    /// <summary>Whether a status means the request lacked credentials the verifier does not send.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>True for 401 and 403.</returns>
    public static bool IsAuthenticationRequired(int status) => status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;

    private static string Shorten(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "(empty body)" : flat.Length <= ShownBodyChars ? flat : string.Concat(flat.AsSpan(0, ShownBodyChars), "…");
    }
}
