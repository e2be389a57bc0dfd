using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Azure.Blocks;

/// <summary>
/// Where the model lives in Blob Storage and what the loader downloads: one blob (<see cref="Blob"/>) or every blob
/// under a prefix (empty for the whole container). <see cref="ContainerId"/> is the one container the identity may read.
/// </summary>
internal sealed record ModelBlobs(Value Account, string Container, string? Blob, string Prefix, Value ContainerId, ImmutableArray<Resource> Uploads)
{
    /// <summary>Gets the id of the storage account the SDK created for the files, or null for blobs already in Azure Storage.</summary>
    public Value? AccountId { get; init; }

    /// <summary>Gets the DVC output the model is, which the loader fetches object by object and checks by md5; null for other models.</summary>
    public DvcObject? Dvc { get; init; }

    /// <summary>Gets the ABAC condition that narrows the reader role to the blobs the loader reads, or null for the whole container.</summary>
    public string? ReadCondition { get; init; }
}

/// <summary>
/// The deployment's storage account and blob container for local model files: TLS 1.2, HTTPS only, no public blob
/// access, Entra authorization by default, soft delete and versioning; and model blobs already in Azure Storage.
/// </summary>
internal static partial class ModelStoreBlock
{
    /// <summary>The container the SDK uploads local model files into (one storage account per deployment).</summary>
    public const string ContainerName = "model";

    /// <summary>How long deleted blobs, versions and containers can be restored.</summary>
    public const int SoftDeleteDays = 7;

    /// <summary>The deployment's model blobs, however the model says they come: uploaded local files, a blob URL, or a DVC output in its remote.</summary>
    /// <param name="scope">The deployment's scope.</param>
    /// <param name="artifact">The model artifact.</param>
    /// <param name="accountId">The storage account of a URL or DVC remote (the target's), or null.</param>
    /// <param name="target">The target's name, for the message when validation let another artifact through.</param>
    /// <returns>The model blobs.</returns>
    public static ModelBlobs For(AzureScope scope, ModelArtifact artifact, string? accountId, string target) => artifact switch
    {
        FileArtifact f => Upload(scope, f),
        UriArtifact u => FromUri(scope, u, accountId!),
        DvcArtifact { Tracked: { } tracked } dvc => FromDvc(scope, dvc.DvcFile, tracked, accountId!),
        _ => throw new InvalidOperationException($"{artifact?.GetType().Name} is not supported on {target}; validation should have caught it."),
    };

    public static ModelBlobs Upload(AzureScope scope, FileArtifact artifact)
    {
        var account = Account(scope);
        return Upload(scope, artifact, account) with { AccountId = account.Output("id") };
    }

    /// <summary>The deployment's storage account (part <c>models</c>): TLS 1.2, HTTPS only, no public blob access, Entra authorization by default.</summary>
    public static Resource Account(AzureScope scope) =>

        // Storage account names: 3-24 lowercase letters and digits, globally unique.
        scope.Add("models", AzureTypes.StorageAccount, scope.Placed(
            ("accountName", AzureNames.Alphanumeric(scope, 24, "models")),
            ("kind", "StorageV2"),
            ("sku", Value.Map(("name", "Standard_LRS"))),
            ("minimumTlsVersion", "TLS1_2"),
            ("enableHttpsTrafficOnly", true),
            ("allowBlobPublicAccess", false),

            // Shared keys stay allowed: the provider's Blob resource uploads with the account key and fails when it is
            // off (pulumi/pulumi-azure-native#2015, open). Entra authorization is the default for every data request,
            // and the deployment's identity holds only a data role on the one container (docs/AZURE-RUNTIME.md).
            ("allowSharedKeyAccess", true),
            ("defaultToOAuthAuthentication", true),
            ("allowCrossTenantReplication", false)));

    private static ModelBlobs Upload(AzureScope scope, FileArtifact artifact, Resource account)
    {
        var accountName = account.Output("name");
        var service = scope.Add("models-blob-service", AzureTypes.BlobServiceProperties, Value.Map(
            ("resourceGroupName", scope.ResourceGroupName),
            ("accountName", accountName),
            ("blobServicesName", "default"),
            ("isVersioningEnabled", true),
            ("deleteRetentionPolicy", Value.Map(("enabled", true), ("days", SoftDeleteDays))),
            ("containerDeleteRetentionPolicy", Value.Map(("enabled", true), ("days", SoftDeleteDays)))));
        var container = scope.Add(
            "models-container",
            AzureTypes.BlobContainer,
            Value.Map(
                ("resourceGroupName", scope.ResourceGroupName),
                ("accountName", accountName),
                ("containerName", ContainerName),
                ("publicAccess", "None")),
            new ResourceOptions { DependsOn = [service] });

        var (isDirectory, files) = ArtifactFiles.Of(scope.Context.RootDirectory, artifact);
        var uploads = ImmutableArray.CreateBuilder<Resource>(files.Count);
        foreach (var relative in files)
        {
            uploads.Add(scope.Add(
                isDirectory ? $"model-file-{Slug(relative)}" : "model-file",
                AzureTypes.Blob,
                Value.Map(
                    ("resourceGroupName", scope.ResourceGroupName),
                    ("accountName", accountName),
                    ("containerName", container.Output("name")),
                    ("blobName", relative),
                    ("type", "Block"),
                    ("source", Fn.FileAsset(isDirectory ? $"{artifact.Path.TrimEnd('/')}/{relative}" : artifact.Path)))));
        }

        scope.Note("artifact", Fidelity.Native, isDirectory
            ? $"{files.Count} file(s) from {artifact.Path} uploaded to the deployment's storage account (container '{ContainerName}', TLS 1.2, no public access, soft delete {SoftDeleteDays} days)"
            : $"{artifact.Path} uploaded to the deployment's storage account as {ContainerName}/{files[0]}");
        return new ModelBlobs(accountName, ContainerName, isDirectory ? null : files[0], string.Empty, container.Output("id"), uploads.ToImmutable());
    }

    /// <summary>Model blobs already in Azure Storage: the identity may read only their container, in the account the target names.</summary>
    public static ModelBlobs FromUri(AzureScope scope, UriArtifact artifact, string accountId)
    {
        var parts = Parse(artifact.Uri)!;
        var keyOrPrefix = parts.Path;
        scope.Note("artifact", Fidelity.Native, $"existing {artifact.Uri}; the identity may read only container {parts.Container} of that account");
        return new ModelBlobs(
            parts.Account,
            parts.Container,
            artifact.IsPrefix ? null : keyOrPrefix,
            artifact.IsPrefix ? keyOrPrefix : string.Empty,
            $"{accountId}/blobServices/default/containers/{parts.Container}",
            []);
    }

    /// <summary>
    /// A DVC-tracked model in an Azure Blob remote, read in place: the loader fetches the object the remote stores under
    /// its md5 (a directory's <c>.dir</c> manifest, then each file it lists) and checks every one. The identity gets
    /// Storage Blob Data Reader on the remote's container, the scope URI artifacts get on these targets: a blob data role
    /// is assigned on a container at the narrowest (learn.microsoft.com, "Assign an Azure role for access to blob data":
    /// the container scope <c>.../storageAccounts/&lt;account&gt;/blobServices/default/containers/&lt;container&gt;</c>); a
    /// blob path needs an ABAC condition on the assignment, which the SDK sets for no blob artifact, so the grant is
    /// broader than the object or the DVC store and the plan note says so.
    /// </summary>
    public static ModelBlobs FromDvc(AzureScope scope, string dvcFile, DvcObject tracked, string accountId)
    {
        var parts = Parse(tracked.Uri)!;
        var layout = tracked.LegacyLayout ? "DVC 2.x" : "DVC 3";
        // The loader only reads blobs whose names it knows (the object, or the manifest's entries under the store), so
        // the role is narrowed to those names; a name holding a quote cannot be written in the condition's string literal.
        var readable = tracked.IsDirectory ? Parse(tracked.StorageRoot)!.Path : parts.Path;
        var condition = readable.Contains('\'', StringComparison.Ordinal) ? null : ReadOnly(readable, exact: !tracked.IsDirectory);
        var grant = condition is null
            ? $"the identity may read every blob of container {parts.Container} in account {parts.Account} and list them (Storage Blob Data Reader on the container: the blob name '{readable}' cannot be written in an ABAC condition)"
            : tracked.IsDirectory
                ? $"the identity may read only blobs under {readable} in container {parts.Container} of account {parts.Account}, and list only there (Storage Blob Data Reader on the container, narrowed by an ABAC condition on the blob path)"
                : $"the identity may read only the blob {readable} in container {parts.Container} of account {parts.Account}, and list only under that name (Storage Blob Data Reader on the container, narrowed by an ABAC condition on the blob path)";
        scope.Note("artifact", Fidelity.Native, tracked.IsDirectory
            ? $"directory {tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): the loader reads its .dir manifest {tracked.Uri}, checks the manifest's md5 {tracked.Md5}, then fetches and md5-checks each file it lists from {tracked.StorageRoot}; {grant}"
            : $"{tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): {tracked.Uri}, read in place and md5-checked by the loader against {tracked.Md5}; {grant}");
        return new ModelBlobs(
            parts.Account,
            parts.Container,
            null,
            parts.Path,
            $"{accountId}/blobServices/default/containers/{parts.Container}",
            []) { Dvc = tracked, ReadCondition = condition };
    }

    /// <summary>
    /// An ABAC condition for Storage Blob Data Reader that allows reading only the blob named <paramref name="name"/>
    /// (or, not <paramref name="exact"/>, the blobs whose names start with it) and listing only under that prefix. The form
    /// is learn.microsoft.com's "Example Azure role assignment conditions for Blob Storage" (MicrosoftDocs/azure-docs
    /// articles/storage/blobs/storage-auth-abac-examples.md, "Read or list blobs in named containers with a path"): the
    /// read action without its Blob.List suboperation is matched on <c>blobs:path</c> (the blob's name, no container, no
    /// leading slash), and Blob.List on the request's <c>blobs:prefix</c>; condition version 2.0.
    /// </summary>
    /// <param name="name">The blob name or name prefix.</param>
    /// <param name="exact">Whether only that one blob may be read.</param>
    /// <returns>The condition.</returns>
    public static string ReadOnly(string name, bool exact) =>
        "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'}))"
        + $" OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] {(exact ? "StringEquals" : "StringStartsWith")} '{name}'))"
        + " AND ((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'}))"
        + $" OR (@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith '{name}'))";

    /// <summary>Grants the identity Storage Blob Data Reader on the model's container, narrowed by the model's read condition when it has one.</summary>
    /// <param name="scope">The deployment.</param>
    /// <param name="model">The model blobs.</param>
    /// <param name="identity">The identity.</param>
    /// <returns>The role assignment.</returns>
    public static Resource GrantReader(AzureScope scope, ModelBlobs model, Resource identity) =>
        IdentityBlock.Grant(scope, "model-reader", model.ContainerId, "model container", AzureRoles.StorageBlobDataReader, identity, model.ReadCondition);

    /// <summary>Splits <c>https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;/&lt;path&gt;</c>, or returns null.</summary>
    public static BlobUri? Parse(string uri)
    {
        var m = BlobPattern().Match(uri ?? string.Empty);
        return m.Success ? new BlobUri(m.Groups["account"].Value, m.Groups["container"].Value, m.Groups["path"].Value) : null;
    }

    /// <summary>Whether a string is the ARM id of a storage account.</summary>
    public static bool IsAccountId(string id) => AccountId().IsMatch(id ?? string.Empty);

    private static string Slug(string relativePath) =>
        new string([.. relativePath.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    // Account: 3-24 lowercase letters and digits; container: 3-63 lowercase letters, digits and single hyphens.
    [GeneratedRegex(@"^https://(?<account>[a-z0-9]{3,24})\.blob\.core\.windows\.net/(?<container>[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62})/(?<path>[A-Za-z0-9._~!$'()*+,;=:@/-]*)$")]
    private static partial Regex BlobPattern();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.Storage/storageAccounts/[a-z0-9]{3,24}$")]
    private static partial Regex AccountId();
}

/// <summary>The parts of a blob URL.</summary>
internal sealed record BlobUri(string Account, string Container, string Path);
