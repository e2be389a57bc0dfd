using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Gcp.Blocks;

/// <summary>
/// Where the model lives in Cloud Storage: a bucket and the folder (object prefix, without a trailing '/') a runtime
/// mounts; empty for the whole bucket. <see cref="Uploads"/> are the objects the SDK wrote.
/// </summary>
internal sealed record ModelObjects(Value Bucket, string BucketName, string Folder, ImmutableArray<Resource> Uploads)
{
    /// <summary>Gets the one object the runtime identity may read instead of the folder (a DVC file or tarball), or null.</summary>
    public string? ObjectName { get; init; }

    /// <summary>Gets a value indicating whether the identity may list the folder (not a DVC store: its keys come from the manifest).</summary>
    public bool ListFolder { get; init; } = true;
}

/// <summary>
/// The deployment's Cloud Storage bucket for local model files (SECURITY.md 2.21: uniform bucket-level access, public
/// access prevention enforced, versioning, a lifecycle rule for old versions, an optional CMEK key), the uploads, and
/// the read grant (<c>roles/storage.objectViewer</c> on the one bucket, conditioned on the model's folder).
/// </summary>
internal static partial class ModelBucketBlock
{
    /// <summary>The folder local model files are uploaded under.</summary>
    public const string Folder = "model";

    /// <summary>Noncurrent object versions are deleted this many days after they were replaced.</summary>
    public const int NoncurrentDays = 30;

    /// <summary>The deployment's model objects, however the model says they come: uploaded local files, a storage URI, or a DVC output in its remote.</summary>
    /// <param name="scope">The deployment's scope.</param>
    /// <param name="artifact">The model artifact.</param>
    /// <param name="kmsKeyName">The CMEK key of a bucket the SDK creates, or null.</param>
    /// <param name="apis">The project services the bucket needs.</param>
    /// <param name="target">The target's name, for the message when validation let another artifact through.</param>
    /// <returns>The model objects.</returns>
    public static ModelObjects For(GcpScope scope, ModelArtifact artifact, string? kmsKeyName, IReadOnlyList<Resource> apis, string target) => artifact switch
    {
        FileArtifact f => Upload(scope, f, kmsKeyName, apis),
        UriArtifact u => FromUri(scope, u),
        DvcArtifact { Tracked: { } tracked } dvc => FromDvc(scope, dvc.DvcFile, tracked),
        _ => throw new InvalidOperationException($"{artifact?.GetType().Name} is not supported on {target}; validation should have caught it."),
    };

    public static ModelObjects Upload(GcpScope scope, FileArtifact artifact, string? kmsKeyName, IReadOnlyList<Resource> apis)
    {
        var name = GcpNames.Bucket(scope, "models");
        var bucket = scope.Add(
            "models",
            GcpTypes.Bucket,
            scope.Placed(
                ("name", name),
                ("uniformBucketLevelAccess", true),
                ("publicAccessPrevention", "enforced"),
                ("versioning", Value.Map(("enabled", true))),
                ("lifecycleRules", Value.List(Value.Map(
                    ("action", Value.Map(("type", "Delete"))),
                    ("condition", Value.Map(("daysSinceNoncurrentTime", NoncurrentDays), ("withState", "ARCHIVED")))))),
                ("encryption", kmsKeyName is null ? null : Value.Map(("defaultKmsKeyName", kmsKeyName))),

                // Versioning keeps noncurrent versions, which block deleting the bucket; the bucket holds only the SDK's
                // copies of local files, so `pulumi destroy` may empty it (docs/GCP-RUNTIME.md).
                ("forceDestroy", true)),
            new ResourceOptions { DependsOn = [.. apis] });

        var (isDirectory, files) = ArtifactFiles.Of(scope.Context.RootDirectory, artifact);
        var uploads = ImmutableArray.CreateBuilder<Resource>(files.Count);
        foreach (var relative in files)
        {
            uploads.Add(scope.Add(
                isDirectory ? $"model-file-{Slug(relative)}" : "model-file",
                GcpTypes.BucketObject,
                Value.Map(
                    ("bucket", bucket.Output("name")),
                    ("name", $"{Folder}/{relative}"),
                    ("source", Fn.FileAsset(isDirectory ? $"{artifact.Path.TrimEnd('/')}/{relative}" : artifact.Path)))));
        }

        scope.Note("artifact", Fidelity.Native, isDirectory
            ? $"{files.Count} file(s) from {artifact.Path} uploaded to the deployment's bucket under {Folder}/ (uniform access, public access prevention, versioning{(kmsKeyName is null ? string.Empty : ", CMEK")})"
            : $"{artifact.Path} uploaded to the deployment's bucket as {Folder}/{files[0]}");
        return new ModelObjects(bucket.Output("name"), name, Folder, uploads.ToImmutable());
    }

    /// <summary>Model objects already in Cloud Storage: a prefix is mounted as it is, a single object through its folder.</summary>
    public static ModelObjects FromUri(GcpScope scope, UriArtifact artifact)
    {
        var uri = Parse(artifact.Uri)!;
        var folder = artifact.IsPrefix ? uri.Path.TrimEnd('/') : (uri.Path.Contains('/', StringComparison.Ordinal) ? uri.Path[..uri.Path.LastIndexOf('/')] : string.Empty);
        scope.Note("artifact", Fidelity.Native, artifact.IsPrefix
            ? $"existing {artifact.Uri}; the service account may read only that folder of bucket {uri.Bucket}"
            : $"existing {artifact.Uri}; its folder is mounted (the model is the file {uri.Path[(uri.Path.LastIndexOf('/') + 1)..]} there) and the service account may read only that folder");
        return new ModelObjects(uri.Bucket, uri.Bucket, folder, []);
    }

    /// <summary>
    /// A DVC-tracked model in a <c>gs://</c> remote, read in place: the object the remote stores under the output's md5
    /// (<see cref="DvcObject.Uri"/>). A file or tarball is that one object; a directory's files are objects of their own
    /// under the remote's store (<c>files/md5/</c>, or the 2.x root), listed by the <c>.dir</c> manifest only the loader
    /// reads at run time, so the identity may read every object of that store but list none (as on Fargate and EKS).
    /// </summary>
    public static ModelObjects FromDvc(GcpScope scope, string dvcFile, DvcObject tracked)
    {
        var layout = tracked.LegacyLayout ? "DVC 2.x" : "DVC 3";
        var uri = Parse(tracked.Uri)!;
        if (tracked.IsDirectory)
        {
            var store = Parse(tracked.StorageRoot)!.Path;
            scope.Note("artifact", Fidelity.Native, $"directory {tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): the loader reads its .dir manifest {tracked.Uri}, checks the manifest's md5 {tracked.Md5}, then fetches and md5-checks each file it lists; the service account may read every object under {tracked.StorageRoot} (the remote's store, broader than this model: the files' keys are known only from the manifest at run time) and list none (roles/storage.objectViewer on bucket {uri.Bucket}, conditioned on that prefix: the bucket needs uniform bucket-level access)");
            return new ModelObjects(uri.Bucket, uri.Bucket, store.TrimEnd('/'), []) { ListFolder = false };
        }

        scope.Note("artifact", Fidelity.Native, $"{tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): {tracked.Uri}, read in place and addressed by its md5 {tracked.Md5}; the service account may read only that object (roles/storage.objectViewer on bucket {uri.Bucket}, conditioned on the object's name: the bucket needs uniform bucket-level access)");
        return new ModelObjects(uri.Bucket, uri.Bucket, uri.Path[..uri.Path.LastIndexOf('/')], []) { ObjectName = uri.Path, ListFolder = false };
    }

    /// <summary>
    /// Grants the runtime identity <c>roles/storage.objectViewer</c> on the one bucket, limited by an IAM condition to
    /// the model's folder: objects under it, and listings with a prefix inside it (IAM docs, "Resource attributes for
    /// IAM Conditions", Cloud Storage <c>objectListPrefix</c>). Conditions need uniform bucket-level access. A DVC
    /// object is granted by its exact name, a DVC store by its prefix without listing.
    /// </summary>
    public static Resource GrantReader(GcpScope scope, ModelObjects model, Value member) => scope.Add("models-reader", GcpTypes.BucketIamMember, Value.Map(
        ("bucket", model.Bucket),
        ("role", "roles/storage.objectViewer"),
        ("member", member),
        ("condition", ReadCondition(scope, model))));

    private static MapValue? ReadCondition(GcpScope scope, ModelObjects model)
    {
        var objects = $"projects/_/buckets/{model.BucketName}/objects/";
        if (model.ObjectName is { } name)
        {
            return Value.Map(
                ("title", "model-object-only"),
                ("description", $"{scope.Name} reads only {name}"),
                ("expression", $"resource.name == \"{objects}{name}\""));
        }

        var folder = model.Folder.Length == 0 ? string.Empty : model.Folder + "/";
        if (!model.ListFolder)
        {
            return Value.Map(
                ("title", "dvc-store-only"),
                ("description", $"{scope.Name} reads objects under {(folder.Length == 0 ? "the bucket's root" : folder)} and lists none"),
                ("expression", $"resource.name.startsWith(\"{objects}{folder}\")"));
        }

        return folder.Length == 0 ? null : Value.Map(
            ("title", "model-folder-only"),
            ("description", $"{scope.Name} reads only {folder}"),
            ("expression", $"resource.name.startsWith(\"{objects}{folder}\") || api.getAttribute(\"storage.googleapis.com/objectListPrefix\", \"\").startsWith(\"{folder}\")"));
    }

    /// <summary>Splits <c>gs://&lt;bucket&gt;/&lt;path&gt;</c>, or returns null.</summary>
    public static GcsUri? Parse(string uri)
    {
        var m = GcsPattern().Match(uri ?? string.Empty);
        return m.Success ? new GcsUri(m.Groups["bucket"].Value, m.Groups["path"].Value) : null;
    }

    private static string Slug(string relativePath) =>
        new string([.. relativePath.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    // Bucket names: 3-63 lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
    [GeneratedRegex(@"^gs://(?<bucket>[a-z0-9][a-z0-9._-]{1,61}[a-z0-9])/(?<path>[A-Za-z0-9._~!$'()*+,;=:@/-]*)$")]
    private static partial Regex GcsPattern();
}

/// <summary>The parts of a <c>gs://</c> URI.</summary>
internal sealed record GcsUri(string Bucket, string Path);
