using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Gcp.CloudRun;

/// <summary>
/// Deploy to a Cloud Run (v2) service: run by the deployment's own service account, internal ingress and IAM-authenticated
/// invocation by default, revisions with a traffic split (canary and blue/green), the model mounted read-only from Cloud
/// Storage at the serving contract's model folder, and Cloud Monitoring alert policies.
/// </summary>
public sealed record CloudRunTarget : DeploymentTarget
{
    /// <summary>Cloud Run's default request timeout (Cloud Run docs, "Configure request timeout for services").</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(300);

    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Google;

    /// <inheritdoc/>
    public override string DisplayName => "Cloud Run";

    /// <summary>Gets the project id every resource is created in, e.g. <c>acme-ml-prod</c>.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the region every resource is created in, e.g. <c>europe-west4</c>.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// Gets the principals granted <c>roles/run.invoker</c> on the service (<c>serviceAccount:…</c>, <c>group:…</c>,
    /// <c>user:…</c>, <c>domain:…</c>); never <c>allUsers</c>, which <c>Network.RequireAuth = false</c> asks for explicitly.
    /// </summary>
    public ImmutableArray<string> Invokers { get; init; } = [];

    /// <summary>
    /// Gets the revision that keeps the rest of the traffic while the latest takes its canary share (or none, for
    /// blue/green); null sends all traffic to the latest revision. The stack output <c>&lt;deployment&gt;-latest-revision</c>
    /// names the revision to put here before the next rollout.
    /// </summary>
    public string? StableRevision { get; init; }

    /// <summary>Gets how long the service holds a request (1 s to 3600 s); at least the p99 latency threshold.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Gets a value indicating whether CPU stays allocated between requests (instance-based billing); GPU services always have it.</summary>
    public bool CpuAlwaysAllocated { get; init; }

    /// <summary>Gets the most concurrent requests one instance takes (1-1000); null derives it from the scaling target.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Gets a Cloud KMS key (<c>projects/…/locations/…/keyRings/…/cryptoKeys/…</c>) for the repository and the model bucket (CMEK); null uses Google-managed keys.</summary>
    public string? KmsKeyName { get; init; }
}
