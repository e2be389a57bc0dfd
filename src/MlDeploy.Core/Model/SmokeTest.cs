namespace MlDeploy.Model;

/// <summary>
/// A sample request the <c>verify</c> verb sends to the deployed model after <c>pulumi up</c>, and what it must answer.
/// Cloud-neutral: each target's live check sends it the way that platform is invoked (SageMaker through its runtime
/// API, a load-balanced service through its URL).
/// </summary>
/// <param name="Payload">The request body, e.g. <c>{"instances": [[1.0, 2.0]]}</c>: a request the model must accept.</param>
public sealed record SmokeTest(string Payload)
{
    /// <summary>The largest payload: a smoke request is one sample, and SageMaker's InvokeEndpoint accepts at most 6 MB.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Gets the payload's media type, sent as Content-Type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Gets the HTTP status the model must answer with (a success, 200-299).</summary>
    public int ExpectStatus { get; init; } = 200;

    /// <summary>Gets text the response body must contain, or null to check the status only.</summary>
    public string? ExpectBodyContains { get; init; }
}
