using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// The serving image and the model data of a deployment, resolved the same way on every AWS target: a built image
/// goes to the deployment's ECR repository, an existing one must be in ECR; a local artifact is uploaded to the
/// deployment's bucket, an S3 URI is read in place; a public image is copied into the deployment's repository.
/// </summary>
/// <param name="Image">The image the workload runs.</param>
/// <param name="Store">The deployment's bucket, when it has one.</param>
/// <param name="Data">Where the model data is.</param>
/// <param name="Awaited">What the workload waits for: the model uploads and a mirrored image's copy.</param>
internal sealed record ServingInputs(ContainerImage Image, ArtifactStore? Store, ModelData Data, ImmutableArray<Resource> Awaited)
{
    /// <param name="scope">The deployment.</param>
    /// <param name="key">The deployment's key, created on first use.</param>
    /// <param name="keepImages">How many images the repository keeps.</param>
    /// <param name="needsBucket">Whether the deployment needs its bucket even for an S3 artifact (e.g. for captured data).</param>
    public static ServingInputs Create(AwsScope scope, Lazy<Resource> key, int keepImages, bool needsBucket)
    {
        var d = scope.Deployment;
        var image = d.Image switch
        {
            BuildImage b => ContainerImageBlock.Create(scope, b, key.Value, keepImages),
            ExistingImage e => ContainerImageBlock.Existing(scope, e),
            MirroredImage m => ContainerImageBlock.Mirror(scope, m, key.Value, keepImages),
            SharedImage s => SharedImageBlock.Resolve(scope, s),
            RepositoryImage r => ContainerImageBlock.InRepository(scope, r),
            _ => throw new InvalidOperationException($"{d.Image.GetType().Name} is not supported on {d.Target.DisplayName}; validation should have caught it."),
        };
        var store = d.Artifact is FileArtifact || needsBucket ? ArtifactStore.Create(scope, key.Value) : null;
        var (data, uploads) = d.Artifact switch
        {
            FileArtifact f => store!.Upload(scope, f, key.Value),
            UriArtifact u => (ArtifactStore.FromUri(scope, u), ImmutableArray<Resource>.Empty),
            DvcArtifact { Tracked: { } t } dvc => (ArtifactStore.FromDvc(scope, dvc.DvcFile, t), ImmutableArray<Resource>.Empty),
            _ => throw new InvalidOperationException($"{d.Artifact.GetType().Name} is not supported on {d.Target.DisplayName}; validation should have caught it."),
        };
        return new ServingInputs(image, store, data, image.Copy is { } copy ? uploads.Add(copy) : uploads);
    }
}
