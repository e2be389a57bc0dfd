using MlDeploy.Model;

namespace MlDeploy.Aws.SageMaker;

/// <summary>Deploy to an Amazon SageMaker real-time endpoint.</summary>
public sealed record SageMakerTarget : DeploymentTarget
{
    /// <inheritdoc/>
    public override Cloud Cloud => Cloud.Aws;

    /// <inheritdoc/>
    public override string DisplayName => "SageMaker real-time endpoint";

    /// <summary>Gets an explicit instance type (e.g. <c>ml.g5.xlarge</c>); null picks the smallest type that fits <see cref="ModelDeployment.Compute"/>.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets serverless inference settings; null for instance-backed endpoints.</summary>
    public SageMakerServerless? Serverless { get; init; }

    /// <summary>Gets a value indicating whether the model container runs without network access (the default; weights come from the artifact).</summary>
    public bool NetworkIsolation { get; init; } = true;

    /// <summary>Gets how many images the ECR lifecycle policy keeps for rollback.</summary>
    public int KeepImages { get; init; } = 30;

    /// <summary>Gets the KMS key that encrypts an existing S3 artifact (<see cref="ModelArtifact.FromUri"/>), if any, so the role may decrypt it.</summary>
    public string? ArtifactKmsKeyArn { get; init; }
}

/// <summary>Serverless inference: no instances to manage, scales to zero, no GPU.</summary>
/// <param name="MemoryMb">Memory per concurrent invocation: 1024 to 6144 in steps of 1024.</param>
/// <param name="MaxConcurrency">Concurrent invocations the endpoint accepts: 1 to 200.</param>
public sealed record SageMakerServerless(int MemoryMb, int MaxConcurrency)
{
    /// <summary>Gets pre-warmed concurrency (removes cold starts), or null for none.</summary>
    public int? ProvisionedConcurrency { get; init; }
}
