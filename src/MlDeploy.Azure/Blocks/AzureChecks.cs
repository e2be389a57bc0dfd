using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Azure.Blocks;

/// <summary>The checks every Azure target runs on what it shares: placement, the registry and model sources, stack components, the loader image.</summary>
internal static partial class AzureChecks
{
    /// <summary>The region and the resource group, at <c>&lt;at&gt;.location</c> and <c>&lt;at&gt;.resourceGroupName</c>.</summary>
    public static IEnumerable<Diagnostic> Placement(string? location, string? resourceGroupName, DeploymentPath at)
    {
        if (!Location().IsMatch(location ?? string.Empty))
        {
            yield return at.Error("location", $"'{location}' is not an Azure region name", "use the region's name as the Azure CLI lists it, e.g. westeurope");
        }

        foreach (var problem in ResourceGroupName(resourceGroupName, at))
        {
            yield return problem;
        }
    }

    /// <summary>An existing resource group's name, at <c>&lt;at&gt;.resourceGroupName</c> (null: the SDK creates one).</summary>
    public static IEnumerable<Diagnostic> ResourceGroupName(string? resourceGroupName, DeploymentPath at)
    {
        if (resourceGroupName is { } group && !ResourceGroup().IsMatch(group))
        {
            yield return at.Error("resourceGroupName", $"'{group}' is not a resource group name", "use 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending with '.'");
        }
    }

    /// <summary>The image's registry (AcrPull is granted on exactly it) and the model's storage account (a data role on exactly its container).</summary>
    public static IEnumerable<Diagnostic> Sources(ModelDeployment d, string? registryId, string? artifactStorageAccountId, string target, DeploymentPath p)
    {
        switch (d.Image)
        {
            case ExistingImage when registryId is null || !RegistryBlock.IsRegistryId(registryId):
                yield return p.Error("target.registryId", registryId is null ? "an existing image needs its registry's ARM id, on which the identity gets AcrPull" : $"'{registryId}' is not the ARM id of a container registry", "set RegistryId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>\"");
                break;
            case SharedImage:
                yield return p.Error("image", $"{target} cannot use shared images yet (they are built into ECR by the AWS pack)", "use ImageSource.Build so the deployment's own registry gets the image");
                break;
            case RepositoryImage:
                yield return p.Error("image", $"{target} cannot use images from another stack's repository yet", "use ImageSource.Existing with the ACR reference and RegistryId, or ImageSource.Build");
                break;
        }

        if (d.Image is not ExistingImage && registryId is not null)
        {
            yield return p.Error("target.registryId", d.Image is MirroredImage
                ? "RegistryId names the registry of an existing image, and this deployment copies a public image into a registry of its own"
                : "RegistryId names the registry of an existing image, and this deployment builds its own", "remove RegistryId");
        }

        if (d.Artifact is UriArtifact uri)
        {
            if (ModelStoreBlock.Parse(uri.Uri) is null)
            {
                yield return p.Error("artifact", $"'{uri.Uri}' is not an Azure blob URL", "use https://<account>.blob.core.windows.net/<container>/<blob>, or a prefix ending with '/'");
            }

            if (artifactStorageAccountId is null || !ModelStoreBlock.IsAccountId(artifactStorageAccountId))
            {
                yield return p.Error("target.artifactStorageAccountId", artifactStorageAccountId is null ? "a model at a blob URL needs its storage account's ARM id, on whose container the identity gets Storage Blob Data Reader" : $"'{artifactStorageAccountId}' is not the ARM id of a storage account", "set ArtifactStorageAccountId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>\"");
            }
            else if (ModelStoreBlock.Parse(uri.Uri) is { } blob && !artifactStorageAccountId.EndsWith($"/{blob.Account}", StringComparison.Ordinal))
            {
                yield return p.Error("target.artifactStorageAccountId", $"the account of {artifactStorageAccountId} is not '{blob.Account}', the account of the artifact URL", "name the storage account the URL points into");
            }
        }
        else if (d.Artifact is DvcArtifact { Tracked: { } tracked } dvc)
        {
            // A DVC remote elsewhere than Azure is refused by the deployment's own checks (the remote's cloud); an Azure
            // one resolves to https://<account>.blob.core.windows.net/<container>/<path> (DvcResolution).
            var blob = ModelStoreBlock.Parse(tracked.Uri);
            if (tracked.Cloud == Cloud.Azure && blob is null)
            {
                yield return p.Error("artifact.dvcFile", $"the DVC remote '{tracked.Remote}' of '{dvc.DvcFile}' resolves to {tracked.Uri}, which is not a blob URL the loader can read", "use a remote azure://<container>/<path> whose container is 3-63 lowercase letters, digits and single hyphens and whose path has no spaces, with account_name set");
            }

            if (tracked.Cloud == Cloud.Azure && (artifactStorageAccountId is null || !ModelStoreBlock.IsAccountId(artifactStorageAccountId)))
            {
                yield return p.Error("target.artifactStorageAccountId", artifactStorageAccountId is null ? "a model in an Azure DVC remote needs the remote's storage account ARM id, on whose container the identity gets Storage Blob Data Reader" : $"'{artifactStorageAccountId}' is not the ARM id of a storage account", "set ArtifactStorageAccountId = \"/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account_name of the DVC remote>\"");
            }
            else if (blob is not null && artifactStorageAccountId is not null && !artifactStorageAccountId.EndsWith($"/{blob.Account}", StringComparison.Ordinal))
            {
                yield return p.Error("target.artifactStorageAccountId", $"the account of {artifactStorageAccountId} is not '{blob.Account}', the account_name of the DVC remote '{tracked.Remote}'", "name the storage account the DVC remote is in");
            }
        }
        else if (d.Artifact is not DvcArtifact && artifactStorageAccountId is not null)
        {
            yield return p.Error("target.artifactStorageAccountId", "ArtifactStorageAccountId names the account of a model at a blob URL, and this deployment uploads its own", "remove ArtifactStorageAccountId");
        }

        if (d.Artifact is FileArtifact)
        {
            // The SDK creates a storage account, whose tag names are limited to 128 characters (ARM tag limitations).
            foreach (var key in d.Tags.Keys.Where(k => k.Length is > 128 and <= 512))
            {
                yield return p.Error($"tags[{key}]", "storage accounts take tag names of at most 128 characters, and the deployment uploads its model into one", "shorten the name");
            }
        }
    }

    /// <summary>The stack-level alert channel and encryption key are planned by the AWS pack only.</summary>
    public static IEnumerable<Diagnostic> NoStackComponents(ModelDeployment d, string target, DeploymentPath p) =>
        StackComponentChecks.NotPlanned(d, target, "set NotificationEmail, or NotificationTopic to an action group id", "Microsoft-managed keys", p);

    /// <summary>
    /// Production runs the loader from a digest-pinned image (MLS-IMG-01); the SDK cannot ship a digest for its default
    /// (nothing offline can verify one), so a production stack that leaves it, or gives a tag, is told which setting to pin.
    /// </summary>
    public static IEnumerable<Diagnostic> LoaderPinnedInProduction(string loader, string defaultImage, string setting, string property, Platform platform, DeploymentPath p)
    {
        if (platform.EffectiveProfile == EnvironmentProfile.Production && !loader.Contains("@sha256:", StringComparison.Ordinal))
        {
            yield return p.Error(
                setting,
                loader == defaultImage
                    ? $"production runs the model loader from a digest-pinned image, and the SDK's default ({defaultImage}) is a version tag whose digest it cannot verify"
                    : $"production runs the model loader from a digest-pinned image, not '{loader}'",
                $"set {property} = \"mcr.microsoft.com/azure-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest)");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{2,39}$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^[-\w\._\(\)]{1,89}[-\w_\(\)]$|^[-\w_\(\)]$")]
    private static partial Regex ResourceGroup();
}
