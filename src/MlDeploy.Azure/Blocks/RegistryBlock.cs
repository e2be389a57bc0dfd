using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Blocks;

/// <summary>The image a Container App runs: its digest-pinned reference, the registry's login server and the registry's id (the scope of AcrPull).</summary>
internal sealed record AzureImage(Value Reference, Value Server, Value RegistryId)
{
    /// <summary>Gets the copy of a mirrored public image, which the workload must wait for (its reference names no output of it), or null.</summary>
    public Resource? Copy { get; init; }
}

/// <summary>
/// The deployment's Azure Container Registry and its image: admin user off, anonymous pull off, a retention policy for
/// untagged manifests where the SKU has one (Premium), and a docker-build push authenticated without the admin user.
/// </summary>
internal static partial class RegistryBlock
{
    /// <summary>The user name ACR expects with a registry token from <c>az acr login --expose-token</c> (ACR docs, "Authenticate with an Azure container registry").</summary>
    public const string TokenUser = "00000000-0000-0000-0000-000000000000";

    /// <summary>
    /// The registry token of the identity running <c>pulumi up</c>, printed without its trailing newline. ACR's token
    /// endpoint takes only ACR refresh tokens, which the Entra token of <c>getClientToken</c> is not: it must first be
    /// exchanged at <c>/oauth2/exchange</c>, which no Pulumi YAML function can call, and <c>listRegistryCredentials</c>
    /// needs the admin user (docs/AZURE-RUNTIME.md). The Azure CLI does the exchange.
    /// </summary>
    /// <remarks>
    /// The registry is named by its <c>name</c> output, not by the literal name: Pulumi YAML runs an invoke whose
    /// arguments are all known as the program starts, before any resource exists, so on a stack's first update
    /// <c>az acr login</c> found no registry and the push failed. An output makes the invoke wait for the registry
    /// (and skips it in a preview that creates the registry). <c>&amp;&amp;</c> keeps az's exit code: printing the
    /// substitution directly exited 0 with an empty token, and the push then failed with a bare 401.
    /// docs/AZURE-RUNTIME.md 10.
    /// </remarks>
    public static Value TokenCommand(Value registryName) =>
        Value.Format($"t=$(az acr login --name {registryName} --expose-token --output tsv --query accessToken) && printf %s \"$t\"");

    /// <summary>The deployment's image, however the model says it comes: built and pushed, an existing image, or a copy of a public one.</summary>
    /// <param name="scope">The deployment's scope.</param>
    /// <param name="image">The model's image source.</param>
    /// <param name="premium">Whether a registry the SDK creates is Premium (retention of untagged manifests).</param>
    /// <param name="untaggedRetentionDays">How long Premium keeps untagged manifests; 0 without Premium.</param>
    /// <param name="registryId">The registry an existing image must be in (the target's), or null.</param>
    /// <param name="target">The target's name, for the message when validation let another source through.</param>
    /// <returns>The image.</returns>
    public static AzureImage For(AzureScope scope, ImageSource image, bool premium, int untaggedRetentionDays, string? registryId, string target) => image switch
    {
        BuildImage b => Create(scope, b, premium, untaggedRetentionDays),
        ExistingImage e => Existing(scope, e, registryId!),
        MirroredImage m => Mirror(scope, m, premium, untaggedRetentionDays),
        _ => throw new InvalidOperationException($"{image?.GetType().Name} is not supported on {target}; validation should have caught it."),
    };

    public static AzureImage Create(AzureScope scope, BuildImage build, bool premium, int untaggedRetentionDays)
    {
        var (registry, server, token) = Registry(scope, premium, untaggedRetentionDays);
        var repository = scope.Name;
        var image = ImagePush.Add(scope, build, Value.Format($"{server}/{repository}"), server, TokenUser, token);
        scope.Note("image", Fidelity.Native, $"built from {build.Context} for {build.Platform}, pushed to the deployment's {(premium ? "Premium" : "Standard")} ACR as {repository}:{build.Tag} with the deployer's registry token (az acr login --expose-token; admin user off), deployed by digest");

        // <loginServer>/<repository>@<digest>: revisions run exactly the pushed bytes (decision 2).
        return new AzureImage(Value.Format($"{server}/{repository}@{image.Output("digest")}"), server, registry.Output("id"));
    }

    /// <summary>
    /// Creates the deployment's registry (the one a build gets) and copies a public image into it with the same registry
    /// token a build pushes with (decision 50); revisions run <c>&lt;loginServer&gt;/&lt;repository&gt;@&lt;pinned digest&gt;</c>.
    /// </summary>
    public static AzureImage Mirror(AzureScope scope, MirroredImage mirror, bool premium, int untaggedRetentionDays)
    {
        var (registry, server, token) = Registry(scope, premium, untaggedRetentionDays);
        var repository = Value.Format($"{server}/{scope.Name}");
        var copy = ImageMirror.Add(scope, mirror, repository, server, TokenUser, token);
        scope.Note("image", Fidelity.Native, $"public image {mirror.Unpinned} copied into the deployment's {(premium ? "Premium" : "Standard")} ACR as {scope.Name}:{mirror.MirrorTag} at deploy time (docker-build Index, the deployer's registry token), deployed by digest {mirror.Digest}");
        return new AzureImage(ImageMirror.Pinned(repository, mirror), server, registry.Output("id")) { Copy = copy };
    }

    /// <summary>The registry, its login server, and the deployer's registry token for pushing into it.</summary>
    private static (Resource Registry, Value Server, Value Token) Registry(AzureScope scope, bool premium, int untaggedRetentionDays)
    {
        // Registry names: 5-50 letters and digits, globally unique (ACR naming rules).
        var name = AzureNames.Alphanumeric(scope, 50, "registry");
        var registry = scope.Add("registry", AzureTypes.Registry, scope.Placed(
            ("registryName", name),
            ("sku", Value.Map(("name", premium ? "Premium" : "Standard"))),
            ("adminUserEnabled", false),
            ("anonymousPullEnabled", false),

            // The deployer pushes over the registry's public endpoint; pulls are by identity only.
            ("publicNetworkAccess", "Enabled"),
            ("dataEndpointEnabled", premium),
            ("policies", premium
                ? Value.Map(("retentionPolicy", Value.Map(("days", untaggedRetentionDays), ("status", "enabled"))))
                : null)));
        var token = scope.Invoke("registry-token", AzureTypes.LocalRun, Value.Map(("command", TokenCommand(registry.Output("name")))));
        scope.Context.RequireTool("az", "the Azure CLI, signed in (az login): az acr login --expose-token gives the image push its registry token");
        return (registry, registry.Output("loginServer"), token.Output("stdout"));
    }

    public static AzureImage Existing(AzureScope scope, ExistingImage existing, string registryId)
    {
        scope.Note("image", existing.IsDigestPinned ? Fidelity.Native : Fidelity.Approximated,
            existing.IsDigestPinned ? "existing ACR image, pinned by digest; pulled by the deployment's identity (AcrPull on that registry only)" : "existing ACR image by tag (allowed outside production only)");
        return new AzureImage(existing.Reference, existing.Reference.Split('/')[0], registryId);
    }

    /// <summary>Gets ACR as the registry existing images must be in: the identity gets AcrPull on one registry.</summary>
    public static ImageRegistry Acr { get; } = new("Azure Container Registry", IsAcr);

    /// <summary>Whether a reference is an image in an Azure Container Registry (<c>&lt;name&gt;.azurecr.io/...</c>).</summary>
    public static bool IsAcr(string reference) => AcrReference().IsMatch(reference ?? string.Empty);

    /// <summary>Whether a string is the ARM id of a container registry.</summary>
    public static bool IsRegistryId(string id) => RegistryId().IsMatch(id ?? string.Empty);

    [GeneratedRegex(@"^[a-z0-9]{5,50}(-[a-z0-9]+)?\.azurecr\.(io|cn|us)/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex AcrReference();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.ContainerRegistry/registries/[A-Za-z0-9]{5,50}$")]
    private static partial Regex RegistryId();
}
