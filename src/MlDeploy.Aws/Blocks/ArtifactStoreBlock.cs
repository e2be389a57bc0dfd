using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>How SageMaker receives the model: one gzip tarball, one uncompressed object, or everything under a prefix.</summary>
internal enum ModelDataKind
{
    TarGz,
    Object,
    Prefix,
}

/// <summary>Where the model data lives and what the workload identity needs to read it.</summary>
internal sealed record ModelData(Value S3Uri, ModelDataKind Kind, ImmutableArray<PolicyStatement> ReadAccess, bool EncryptedWithDeploymentKey)
{
    /// <summary>Gets the pinned S3 version id of the one object, or null for the current version.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Gets a value indicating whether the one object's key ends in <c>.tar.gz</c>, the suffix SageMaker documents for
    /// <c>ModelDataUrl</c>. A <c>.tgz</c>, or a tarball a DVC remote stores under its content hash, does not.
    /// </summary>
    public bool KeyEndsInTarGz { get; init; }

    /// <summary>Gets the DVC output the data is, which a loader fetches object by object and checks by md5; null for other data.</summary>
    public DvcObject? Dvc { get; init; }
}

/// <summary>
/// The deployment's S3 bucket for uploaded artifacts and captured data: KMS-encrypted, public access blocked,
/// ACLs disabled, TLS only, versioned.
/// </summary>
internal sealed record ArtifactStore(Resource Bucket, Resource Encryption)
{
    public Value BucketName => Bucket.Output("bucket");

    public static ArtifactStore Create(AwsScope scope, Resource key)
    {
        var bucket = scope.Add("artifacts", AwsTypes.Bucket, Value.Map(
            ("forceDestroy", false),
            ("tags", scope.Tags)));
        var bucketId = bucket.Output("id");
        scope.Add("artifacts-versioning", AwsTypes.BucketVersioning, Value.Map(
            ("bucket", bucketId),
            ("versioningConfiguration", Value.Map(("status", "Enabled")))));
        var encryption = scope.Add("artifacts-encryption", AwsTypes.BucketEncryption, Value.Map(
            ("bucket", bucketId),
            ("rules", Value.List(Value.Map(
                ("applyServerSideEncryptionByDefault", Value.Map(("sseAlgorithm", "aws:kms"), ("kmsMasterKeyId", key.Output("arn")))),
                ("bucketKeyEnabled", true))))));
        scope.Add("artifacts-public-access", AwsTypes.BucketPublicAccessBlock, Value.Map(
            ("bucket", bucketId),
            ("blockPublicAcls", true),
            ("blockPublicPolicy", true),
            ("ignorePublicAcls", true),
            ("restrictPublicBuckets", true)));
        scope.Add("artifacts-ownership", AwsTypes.BucketOwnershipControls, Value.Map(
            ("bucket", bucketId),
            ("rule", Value.Map(("objectOwnership", "BucketOwnerEnforced")))));
        var tlsOnly = new PolicyStatement("DenyInsecureTransport", ["s3:*"], [bucket.Output("arn"), Value.Format($"{bucket.Output("arn")}/*")])
        {
            Effect = "Deny",
            Principal = Value.Map(("AWS", "*")),
            Condition = Value.Map(("Bool", Value.Map(("aws:SecureTransport", "false")))),
        };
        scope.Add("artifacts-policy", AwsTypes.BucketPolicy, Value.Map(
            ("bucket", bucketId),
            ("policy", PolicyDocument.Json([tlsOnly]))));
        return new ArtifactStore(bucket, encryption);
    }

    /// <summary>
    /// Expires captured requests and responses (payloads, possibly personal data) after <paramref name="days"/>, current
    /// and noncurrent versions alike (the bucket is versioned); the model artifacts under <c>models/</c> are untouched.
    /// </summary>
    public void ExpireCaptured(AwsScope scope, string capturePrefix, int days) =>
        scope.Add("artifacts-lifecycle", AwsTypes.BucketLifecycle, Value.Map(
            ("bucket", Bucket.Output("id")),
            ("rules", Value.List(Value.Map(
                ("id", "expire-captured-data"),
                ("status", "Enabled"),
                ("filter", Value.Map(("prefix", $"{capturePrefix}/"))),
                ("expiration", Value.Map(("days", days))),
                ("noncurrentVersionExpiration", Value.Map(("noncurrentDays", 1))),
                ("abortIncompleteMultipartUpload", Value.Map(("daysAfterInitiation", 1))))))),
            new ResourceOptions { DependsOn = [Encryption] });

    /// <summary>Uploads a local file or directory under <c>models/&lt;deployment&gt;/</c>.</summary>
    public (ModelData Data, ImmutableArray<Resource> Uploads) Upload(AwsScope scope, FileArtifact artifact, Resource key)
    {
        var prefix = $"models/{scope.Name}/";
        var root = scope.Context.RootDirectory;
        var (isDirectory, files) = ArtifactFiles.Of(root, artifact);
        var uploads = ImmutableArray.CreateBuilder<Resource>(files.Count);
        foreach (var relative in files)
        {
            var source = isDirectory ? $"{artifact.Path.TrimEnd('/')}/{relative}" : artifact.Path;
            uploads.Add(scope.Add(
                isDirectory ? $"model-file-{Slug(relative)}" : "model-file",
                AwsTypes.BucketObject,
                Value.Map(
                    ("bucket", Bucket.Output("id")),
                    ("key", prefix + relative),
                    ("source", Fn.FileAsset(source)),
                    ("serverSideEncryption", "aws:kms"),
                    ("kmsKeyId", key.Output("arn")),
                    ("tags", scope.Tags)),
                new ResourceOptions { DependsOn = [Encryption] }));
        }

        var kind = isDirectory ? ModelDataKind.Prefix : KindOf(artifact.Path);
        var objectKey = isDirectory ? prefix : prefix + files[0];
        scope.Note("artifact", Fidelity.Native, isDirectory
            ? $"{files.Count} file(s) from {artifact.Path} uploaded to the deployment's encrypted bucket under {prefix}"
            : $"{artifact.Path} uploaded to the deployment's encrypted bucket as {objectKey}");
        var data = new ModelData(
            Value.Format($"s3://{BucketName}/{objectKey}"),
            kind,
            ReadAccess(scope.Account, BucketName, objectKey, kind == ModelDataKind.Prefix),
            EncryptedWithDeploymentKey: true) { KeyEndsInTarGz = !isDirectory && objectKey.EndsWith(".tar.gz", StringComparison.Ordinal) };
        return (data, uploads.ToImmutable());
    }

    /// <summary>Model data already in S3: the identity may read only that object or prefix.</summary>
    public static ModelData FromUri(AwsScope scope, UriArtifact artifact)
    {
        var withoutScheme = artifact.Uri["s3://".Length..];
        var slash = withoutScheme.IndexOf('/', StringComparison.Ordinal);
        var bucket = withoutScheme[..slash];
        var keyOrPrefix = withoutScheme[(slash + 1)..];
        var kind = artifact.IsPrefix ? ModelDataKind.Prefix : KindOf(keyOrPrefix);
        var keyEndsInTarGz = !artifact.IsPrefix && keyOrPrefix.EndsWith(".tar.gz", StringComparison.Ordinal);
        if (artifact.Version is { } version)
        {
            // GetObjectVersion, limited to the pinned version by its condition key (Amazon S3 condition keys: s3:VersionId).
            scope.Note("artifact", Fidelity.Native, $"existing {artifact.Uri}, version {version}; the role may read only that version of that object");
            var versionAccess = new PolicyStatement("ReadModelArtifactVersion", ["s3:GetObjectVersion"], [Value.Format($"arn:{scope.Account.PartitionName}:s3:::{bucket}/{keyOrPrefix}")])
            {
                Condition = Value.Map(("StringEquals", Value.Map(("s3:VersionId", version)))),
            };
            return new ModelData(artifact.Uri, kind, [versionAccess], EncryptedWithDeploymentKey: false) { Version = version, KeyEndsInTarGz = keyEndsInTarGz };
        }

        scope.Note("artifact", Fidelity.Native, $"existing {artifact.Uri}; the role may read only that {(artifact.IsPrefix ? "prefix" : "object")}");
        return new ModelData(artifact.Uri, kind, ArtifactStore.ReadAccess(scope.Account, bucket, keyOrPrefix, artifact.IsPrefix), EncryptedWithDeploymentKey: false) { KeyEndsInTarGz = keyEndsInTarGz };
    }

    /// <summary>
    /// A DVC-tracked model: the object the DVC remote stores under its md5, read in place. Its key has no extension, so
    /// the output's path says whether it is a tarball. A directory's files are objects of their own, listed by the
    /// <c>.dir</c> manifest only the loader reads (at run time), so the identity may read every object of the remote's
    /// store (<c>files/md5/</c>, or the 2.x root) but list none: the keys come from the manifest.
    /// </summary>
    public static ModelData FromDvc(AwsScope scope, string dvcFile, DvcObject tracked)
    {
        var layout = tracked.LegacyLayout ? "DVC 2.x" : "DVC 3";
        var (bucket, key) = SplitS3(tracked.Uri);
        if (tracked.IsDirectory)
        {
            var (_, store) = SplitS3(tracked.StorageRoot);
            scope.Note("artifact", Fidelity.Native, $"directory {tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): the loader reads its .dir manifest {tracked.Uri}, checks the manifest's md5 {tracked.Md5}, then fetches and md5-checks each file it lists; the role may read every object under {tracked.StorageRoot} (the remote's store, broader than this model: the files' keys are known only from the manifest at run time) and list none");
            var readStore = new PolicyStatement("ReadDvcObjects", ["s3:GetObject"], [Value.Format($"arn:{scope.Account.PartitionName}:s3:::{bucket}/{store}*")]);
            return new ModelData(tracked.Uri, ModelDataKind.Prefix, [readStore], EncryptedWithDeploymentKey: false) { Dvc = tracked };
        }

        var kind = KindOf(tracked.Path);
        scope.Note("artifact", Fidelity.Native, $"{tracked.Path} tracked by {dvcFile} in DVC remote '{tracked.Remote}' ({layout} layout): {tracked.Uri}, read in place and addressed by its md5 {tracked.Md5}; the role may read only that object");
        return new ModelData(tracked.Uri, kind, ArtifactStore.ReadAccess(scope.Account, bucket, key, isPrefix: false), EncryptedWithDeploymentKey: false) { Dvc = tracked };
    }

    /// <summary>
    /// Whether one object is a gzip tar archive the platform or the loader unpacks: the suffixes <see cref="ModelDigest"/>
    /// hashes as the folder they unpack into, so the digest the release pins is of what the server finds.
    /// </summary>
    /// <param name="keyOrPath">The object's key, or the local or tracked path it comes from.</param>
    /// <returns>TarGz for <c>.tar.gz</c> and <c>.tgz</c>, else Object.</returns>
    internal static ModelDataKind KindOf(string keyOrPath) =>
        ModelDigest.IsArchive(keyOrPath) ? ModelDataKind.TarGz : ModelDataKind.Object;

    // s3://bucket/key -> (bucket, key)
    private static (string Bucket, string Key) SplitS3(string uri)
    {
        var withoutScheme = uri["s3://".Length..];
        var slash = withoutScheme.IndexOf('/', StringComparison.Ordinal);
        return (withoutScheme[..slash], withoutScheme[(slash + 1)..]);
    }

    /// <summary>The least privilege to read one object, or every object under one prefix.</summary>
    public static ImmutableArray<PolicyStatement> ReadAccess(AwsAccount account, Value bucket, string keyOrPrefix, bool isPrefix)
    {
        var bucketArn = Value.Format($"arn:{account.PartitionName}:s3:::{bucket}");
        if (!isPrefix)
        {
            return [new PolicyStatement("ReadModelArtifact", ["s3:GetObject"], [Value.Format($"{bucketArn}/{keyOrPrefix}")])];
        }

        return
        [
            new PolicyStatement("ReadModelArtifacts", ["s3:GetObject"], [Value.Format($"{bucketArn}/{keyOrPrefix}*")]),
            new PolicyStatement("ListModelArtifacts", ["s3:ListBucket"], [bucketArn])
            {
                Condition = Value.Map(("StringLike", Value.Map(("s3:prefix", Value.List(keyOrPrefix + "*"))))),
            },
        ];
    }

    private static string Slug(string relativePath) =>
        new string([.. relativePath.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
