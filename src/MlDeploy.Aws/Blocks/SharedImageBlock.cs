using MlDeploy.Model;
using MlDeploy.Naming;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// A shared image on AWS: one key, one ECR repository and one build for every deployment that runs it, in a
/// component scope named <c>image-&lt;name&gt;</c>, so neither its logical nor its physical names depend on which
/// deployments use it.
/// </summary>
internal static class SharedImageBlock
{
    /// <summary>The logical-name prefix of the image's component scope.</summary>
    public static string Prefix(SharedImage shared) => $"image-{shared.Name}";

    /// <summary>A deployment's use: the image, planned on first use.</summary>
    public static ContainerImage Resolve(AwsScope scope, SharedImage shared)
    {
        var image = Ensure(scope.Context, shared);
        scope.Note("image", Fidelity.Native, $"shared image '{shared.Name}' (built once for every deployment that runs it), deployed by digest");
        return image;
    }

    /// <summary>The image, planned once per program whoever asks first: a deployment running it or <c>Platform.Components</c>.</summary>
    public static ContainerImage Ensure(PlanContext context, SharedImage shared) =>
        context.Shared($"image/{shared.Name}", shared, () => Create(context, AwsAccount.In(context.Graph), shared));

    private static ContainerImage Create(PlanContext context, AwsAccount account, SharedImage shared)
    {
        var component = new ComponentScope(context, Prefix(shared), AwsTagPolicy.Instance, "image", shared.Name);

        // "image" keeps the parts apart from a deployment's (project, stack, deployment) of the same name.
        var repositoryName = PhysicalName.Create(ContainerImageBlock.RepositoryNameLength, context.Project, context.Stack, "image", shared.Name);
        context.ClaimPhysicalName(repositoryName, $"shared image '{shared.Name}'");
        var key = KmsKeyBlock.Create(component, account, $"the images of shared image {shared.Name}");
        var image = ContainerImageBlock.Create(component, repositoryName, shared.Definition, key, shared.KeepImages);
        component.Output("repository-url", image.RegistryUrl);
        component.Output("repository-arn", image.RepositoryArn);
        component.Output("digest", image.Digest);

        // What a model stack elsewhere runs: repository@digest (ImageSource.Existing), exactly the pushed bytes.
        component.Output("image", image.Reference);
        return image;
    }
}
