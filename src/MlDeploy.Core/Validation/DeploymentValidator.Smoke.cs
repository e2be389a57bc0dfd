using System.Text;
using System.Text.RegularExpressions;
using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>The rules of the sample request <c>verify</c> sends (<see cref="ModelDeployment.Smoke"/>).</summary>
public static partial class DeploymentValidator
{
    private static IEnumerable<Diagnostic> ValidateSmoke(SmokeTest? smoke, DeploymentPath p)
    {
        if (smoke is null)
        {
            yield break;
        }

        if (string.IsNullOrEmpty(smoke.Payload))
        {
            yield return p.Error("smoke.payload", "is empty", "give a request the model accepts, e.g. {\"instances\": [[1.0, 2.0]]}");
        }
        else if (Encoding.UTF8.GetByteCount(smoke.Payload) > SmokeTest.MaxPayloadBytes)
        {
            yield return p.Error("smoke.payload", $"is {Encoding.UTF8.GetByteCount(smoke.Payload)} bytes, more than {SmokeTest.MaxPayloadBytes}", "a smoke request is one small sample; send load tests some other way");
        }

        if (smoke.ContentType is null || !MediaType().IsMatch(smoke.ContentType))
        {
            yield return p.Error("smoke.contentType", $"'{smoke.ContentType}' is not a media type", "use type/subtype, e.g. application/json or text/csv");
        }

        if (smoke.ExpectStatus is < 200 or > 299)
        {
            yield return p.Error("smoke.expectStatus", $"{smoke.ExpectStatus} is not a success status", "expect a status from 200 to 299: a smoke test proves the model answers");
        }

        if (smoke.ExpectBodyContains is { Length: 0 })
        {
            yield return p.Error("smoke.expectBodyContains", "is empty", "give text the response must contain, or leave it null to check the status only");
        }
    }

    // RFC 6838 type and subtype names, optionally followed by parameters (e.g. `; charset=utf-8`).
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;.*)?$")]
    private static partial Regex MediaType();
}
