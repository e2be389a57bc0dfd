using MlDeploy.Model;

namespace MlDeploy.Gcp.Vertex;

/// <summary>
/// Deploy to a Vertex AI endpoint: the model uploaded to the Model Registry from the deployment's image (by digest) and
/// Cloud Storage artifact, deployed onto dedicated machines run by the deployment's own service account, reachable
/// through Private Service Connect by default (a dedicated public endpoint with the MLS-NET-01 waiver), request/response
/// logging to BigQuery when the model captures data, a traffic split for canary and blue/green, and Cloud Monitoring alerts.
/// pulumi-gcp has no model or deployed-model resource (TARGETS.md 8.1), so <c>gcloud</c> uploads and deploys during
/// <c>pulumi up</c> on the deployer's machine.
/// </summary>
public sealed record VertexTarget : DeploymentTarget
{
    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Google;

    /// <inheritdoc/>
    public override string DisplayName => "Vertex AI endpoints";

    /// <summary>Gets the project id every resource is created in, e.g. <c>acme-ml-prod</c>.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the region every resource is created in, e.g. <c>europe-west4</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the Compute Engine machine type of the replicas (e.g. <c>g2-standard-8</c>); null picks the smallest catalogued type that fits the compute.</summary>
    public string? MachineType { get; init; }

    /// <summary>
    /// Gets the deployed model id (1-10 digits) that keeps the rest of the traffic while the new model takes its canary
    /// share (or all of it, for blue/green); null sends all traffic to the new model and undeploys the others. The stack
    /// output <c>&lt;deployment&gt;-deployed-model-id</c> names the id to put here before the next rollout.
    /// </summary>
    public string? StableDeployedModel { get; init; }

    /// <summary>Gets a Cloud KMS key (<c>projects/…/locations/…/keyRings/…/cryptoKeys/…</c>) for the endpoint, repository, model bucket and logging dataset (CMEK); null uses Google-managed keys.</summary>
    public string? KmsKeyName { get; init; }
}
