namespace MlDeploy.Model;

/// <summary>Where the model artifact comes from. The server finds it read-only at <see cref="Serving.ModelDir"/>.</summary>
public abstract record ModelArtifact
{
    /// <summary>
    /// Gets the content digest the deployment must serve (64 lowercase hex digits, as <c>promote</c> writes it from the
    /// stack that verified the model), or null to take whatever the source holds. A local artifact whose files differ
    /// is refused when the program is synthesized; every artifact's loader (or the server, where the platform downloads
    /// the model) checks it before serving. See <c>ModelDigest</c> for how the digest is computed.
    /// </summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// Gets what the files are: <see cref="ModelFormat.Mlflow"/> for an MLflow model directory (<see cref="FromMlflow"/>),
    /// whose <c>MLmodel</c> file synthesis reads and whose deployment is served by <see cref="ServingPreset.Mlflow"/>.
    /// </summary>
    public ModelFormat Format { get; init; }

    /// <summary>An artifact already in cloud storage (<c>s3://</c>, <c>gs://</c>, <c>https://&lt;account&gt;.blob.core.windows.net/</c>). A trailing slash means a prefix.</summary>
    /// <param name="uri">The URI.</param>
    /// <returns>The artifact (a <see cref="UriArtifact"/>; typed as the base record so a conditional choosing between sources needs no cast).</returns>
    public static ModelArtifact FromUri(string uri) => new UriArtifact(uri);

    /// <summary>A local file (e.g. <c>model.tar.gz</c>) or directory, uploaded to an encrypted, private, versioned bucket the SDK creates.</summary>
    /// <param name="path">The path relative to the project root.</param>
    /// <returns>The artifact (a <see cref="FileArtifact"/>).</returns>
    public static ModelArtifact FromFile(string path) => new FileArtifact(path);

    /// <summary>
    /// An MLflow model: the directory <c>mlflow.&lt;flavor&gt;.save_model</c> or <c>log_model</c> wrote, with its
    /// <c>MLmodel</c> file at the top. A path relative to the project root is uploaded like <see cref="FromFile"/>, and
    /// synthesis reads its <c>MLmodel</c> (the <c>python_function</c> flavor, the signature); a storage prefix
    /// (<c>s3://…/artifacts/model/</c>, a registered model version's storage location) is read in place like
    /// <see cref="FromUri"/>. The deployment's <see cref="ModelDeployment.Serving"/> then defaults to
    /// <see cref="ServingPreset.Mlflow"/>. <c>models:/</c> and <c>runs:/</c> URIs are refused: resolving them needs a
    /// tracking server.
    /// </summary>
    /// <param name="location">The model directory relative to the project root, or its storage prefix.</param>
    /// <returns>The artifact (a <see cref="FileArtifact"/> or <see cref="UriArtifact"/> whose <see cref="Format"/> is <see cref="ModelFormat.Mlflow"/>).</returns>
    public static ModelArtifact FromMlflow(string location)
    {
        ArgumentNullException.ThrowIfNull(location);

        // A scheme of two letters or more (s3:, gs:, https:, models:): a one-letter one is a Windows drive.
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        var isUri = colon > 1 && location[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(location[0]);
        return isUri
            ? new UriArtifact(location) { Format = ModelFormat.Mlflow }
            : new FileArtifact(location) { Format = ModelFormat.Mlflow };
    }

    /// <summary>A model registry entry (SageMaker model package ARN, Azure ML model id, Vertex model resource name).</summary>
    /// <param name="entry">The registry entry.</param>
    /// <returns>The artifact (a <see cref="RegistryArtifact"/>).</returns>
    public static ModelArtifact FromRegistry(string entry) => new RegistryArtifact(entry);

    /// <summary>
    /// A model tracked by DVC: the <c>.dvc</c> file <c>dvc add</c> wrote names its content hash, and the repository's
    /// <c>.dvc/config</c> its remote; the deployment reads that content-addressed object in place (nothing is uploaded).
    /// </summary>
    /// <param name="dvcFile">The <c>.dvc</c> file relative to the project root (e.g. <c>models/fraud.tar.gz.dvc</c>).</param>
    /// <returns>The artifact (a <see cref="DvcArtifact"/>).</returns>
    public static ModelArtifact FromDvc(string dvcFile) => new DvcArtifact(dvcFile);
}

/// <summary>An artifact at a storage URI.</summary>
/// <param name="Uri">The URI.</param>
public sealed record UriArtifact(string Uri) : ModelArtifact
{
    /// <summary>Gets the cloud whose storage the URI points into, or null when the scheme is not recognised.</summary>
    public Cloud? Cloud => Uri switch
    {
        _ when Uri.StartsWith("s3://", StringComparison.Ordinal) => Model.Cloud.Aws,
        _ when Uri.StartsWith("gs://", StringComparison.Ordinal) => Model.Cloud.Google,
        _ when Uri.StartsWith("https://", StringComparison.Ordinal)
            && Uri.Split('/')[2].EndsWith(".blob.core.windows.net", StringComparison.Ordinal) => Model.Cloud.Azure,
        _ => null,
    };

    /// <summary>Gets a value indicating whether the URI names a prefix (ends with a slash) rather than one object.</summary>
    public bool IsPrefix => Uri.EndsWith('/');

    /// <summary>
    /// Gets the S3 version id of the object to deploy (a versioned bucket keeps every version), or null for the current
    /// one: with it, a later upload to the same key changes nothing that is deployed. Objects in <c>s3://</c> only, and
    /// not on SageMaker, whose model data URL names no version.
    /// </summary>
    public string? Version { get; init; }
}

/// <summary>A local file or directory to upload.</summary>
/// <param name="Path">The path relative to the project root.</param>
public sealed record FileArtifact(string Path) : ModelArtifact;

/// <summary>A model registry entry.</summary>
/// <param name="Entry">The entry identifier.</param>
public sealed record RegistryArtifact(string Entry) : ModelArtifact;

/// <summary>What a model artifact's files are, beyond bytes the server reads.</summary>
public enum ModelFormat
{
    /// <summary>Files only the server interprets; synthesis digests them and reads nothing.</summary>
    Files,

    /// <summary>An MLflow model directory (its <c>MLmodel</c> file names the flavors and the signature).</summary>
    Mlflow,
}

/// <summary>A model tracked by DVC, deployed from the DVC remote's content-addressed object.</summary>
/// <param name="DvcFile">The <c>.dvc</c> file relative to the project root.</param>
public sealed record DvcArtifact(string DvcFile) : ModelArtifact
{
    /// <summary>
    /// Gets what the <c>.dvc</c> file and the repository's DVC configuration say, read by the SDK when the program is
    /// synthesized (null before, or when they could not be read: validation says why).
    /// </summary>
    public DvcObject? Tracked { get; internal init; }
}

/// <summary>A DVC-tracked output resolved to its object in the remote.</summary>
/// <param name="Uri">The object's URI in the remote (<c>s3://</c>, <c>gs://</c> or Azure Blob <c>https://</c>).</param>
/// <param name="Path">The output's <c>path</c> (its name in the workspace, e.g. <c>fraud.tar.gz</c>), which tells its format.</param>
/// <param name="Md5">The output's <c>md5</c>, the content hash the object is stored under.</param>
/// <param name="Size">The output's <c>size</c> in bytes, when the file records it.</param>
/// <param name="Remote">The DVC remote's name.</param>
/// <param name="LegacyLayout">Whether the output was written by DVC 2.x (no <c>hash: md5</c>), so its object is under the remote's root rather than <c>files/md5/</c>.</param>
public sealed record DvcObject(string Uri, string Path, string Md5, long? Size, string Remote, bool LegacyLayout)
{
    /// <summary>Gets the cloud whose storage holds the object.</summary>
    public Cloud? Cloud => new UriArtifact(Uri).Cloud;

    /// <summary>
    /// Gets a value indicating whether the output is a directory: its md5 ends in <c>.dir</c> and its object is the
    /// <c>.dir</c> manifest, a JSON list of each file's md5 and relative path, each file being an object of its own.
    /// </summary>
    public bool IsDirectory => Md5.EndsWith(".dir", StringComparison.Ordinal);

    /// <summary>Gets the output's file (or directory) name, the last part of <see cref="Path"/>: a loader writes a single file under it.</summary>
    public string Name => Path.TrimEnd('/').Split('/')[^1];

    /// <summary>
    /// Gets the remote's object store the object's key is relative to (ending in <c>/</c>): <c>files/md5/</c> under the
    /// remote's URL for DVC 3, the URL itself for the 2.x layout. A directory's files are objects under it too.
    /// </summary>
    public string StorageRoot => Uri[..^(Md5.Length + 1)];
}
