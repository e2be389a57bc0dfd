using MlDeploy.Graph;
using MlDeploy.Kubernetes;

namespace MlDeploy.Azure.Blocks;

/// <summary>
/// The model-loader init container's <c>/bin/sh -c</c> script on Container Apps and AKS: sign in with the deployment's
/// user-assigned identity (<see cref="ManagedIdentityLogin"/> or <see cref="WorkloadIdentityLogin"/>), download the model with Entra authorization
/// (<c>--auth-mode login</c>, no account key), place it in the shared volume and check it against the release's digest
/// (<c>MODEL_SHA256</c>, <see cref="ModelArchive.VerifyDigest"/>); a <c>.tar.gz</c> is unpacked by
/// Python's <c>tarfile</c>, refusing members that are links, devices or escape the directory (as on AWS).
/// Inputs come from the environment: AZURE_CLIENT_ID, MODEL_ACCOUNT, MODEL_CONTAINER, MODEL_BLOB or MODEL_PREFIX, MODEL_DIR;
/// a DVC output (<see cref="Build"/> with <c>dvc</c>) takes MODEL_DVC_ROOT, MODEL_DVC_MD5, MODEL_DVC_HASH, MODEL_DVC_NAME and MODEL_DIR.
/// </summary>
internal static class ModelLoaderScript
{
    /// <summary>
    /// Container Apps: the Azure CLI's managed-identity login reads the <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c>
    /// Container Apps provides, which the identity's <c>Init</c> lifecycle makes available to init containers.
    /// </summary>
    public const string ManagedIdentityLogin = "az login --identity --client-id \"$AZURE_CLIENT_ID\" --allow-no-subscriptions --output none\n";

    /// <summary>
    /// AKS workload identity: the webhook injects <c>AZURE_CLIENT_ID</c>, <c>AZURE_TENANT_ID</c> and
    /// <c>AZURE_FEDERATED_TOKEN_FILE</c> into every container of a labelled pod, init containers included
    /// (azure.github.io/azure-workload-identity, "Mutating Admission Webhook"), and the Azure CLI exchanges the projected
    /// token with <c>az login --service-principal --federated-token</c> (Azure CLI <c>az login</c> reference,
    /// <c>--federated-token</c>, 2.30 and later). The token file is read at login time, so a rotated token is picked up.
    /// </summary>
    public const string WorkloadIdentityLogin = "az login --service-principal --username \"$AZURE_CLIENT_ID\" --tenant \"$AZURE_TENANT_ID\" --federated-token \"$(cat \"$AZURE_FEDERATED_TOKEN_FILE\")\" --allow-no-subscriptions --output none\n";

    /// <summary>
    /// Streams the blob whose URL is <c>$0</c> (<c>https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;/&lt;name&gt;</c>,
    /// as DVC resolution builds it) to stdout, for <see cref="DvcObjectLoader"/>'s md5 check.
    /// <c>az storage blob download</c> without <c>--file</c> writes the blob to stdout: "--file -f: Path of file to write
    /// out to. If not specified, stdout will be used and max_connections will be set to 1." (Azure/azure-cli
    /// <c>src/azure-cli/azure/cli/command_modules/storage/_params.py</c>; Azure/azure-cli PR #22317, CLI 2.37; the
    /// default loader image is 2.70.0), and then returns no result to print (<c>operations/blob.py</c>,
    /// <c>download_blob</c>: <c>os.fdopen(sys.stdout.fileno(), ...)</c>, <c>readinto</c>, a bare <c>return</c>), so
    /// stdout holds the blob's bytes only; <c>--output none</c> keeps it so should that change.
    /// The account, container and blob name are cut from the URL with shell parameter expansion rather than passed as
    /// <c>--blob-url</c>: these are the arguments the loader's other downloads already use, and the URL's parts are
    /// exactly what the program joined (account host, container, then the object's key), so nothing else is needed.
    /// </summary>
    public const string DvcFetch =
        "u=\"${0#https://*/}\"; a=\"${0#https://}\"; "
        + "exec az storage blob download --auth-mode login --account-name \"${a%%.*}\" --container-name \"${u%%/*}\" --name \"${u#*/}\" --output none";

    /// <summary>
    /// The one script builder, for Container Apps (<see cref="ManagedIdentityLogin"/>) and AKS
    /// (<see cref="WorkloadIdentityLogin"/>): sign in, fetch (a DVC output object by object through <see cref="DvcObjectLoader"/>,
    /// other models with <see cref="Download"/>), then check the release's digest.
    /// </summary>
    /// <param name="login">The login line (<see cref="ManagedIdentityLogin"/> or <see cref="WorkloadIdentityLogin"/>).</param>
    /// <param name="dvc">Whether the model is a DVC output.</param>
    /// <returns>The script for <c>/bin/sh -c</c>.</returns>
    public static string Build(string login, bool dvc) => "set -eu\n" + login + (dvc ? Dvc : Download) + ModelArchive.VerifyDigest + " \"$MODEL_DIR\"\n";

    /// <summary>
    /// The loader's model inputs besides <c>MODEL_DIR</c>, in the order the app lists them: for a DVC output the storage
    /// root, md5, hash name and output name; otherwise the account, the container and the blob or prefix.
    /// </summary>
    /// <param name="model">Where the model lives.</param>
    /// <returns>The variables.</returns>
    public static IEnumerable<KeyValuePair<string, Value>> Inputs(ModelBlobs model) => model.Dvc is { } dvc
        ?
        [
            new("MODEL_DVC_ROOT", dvc.StorageRoot),
            new("MODEL_DVC_MD5", dvc.Md5),
            new("MODEL_DVC_HASH", DvcObjectLoader.HashName(dvc.LegacyLayout)),
            new("MODEL_DVC_NAME", dvc.Name),
        ]
        :
        [
            new("MODEL_ACCOUNT", model.Account),
            new("MODEL_CONTAINER", model.Container),
            model.Blob is { } blob ? new("MODEL_BLOB", blob) : new("MODEL_PREFIX", model.Prefix),
        ];

    // DvcObjectLoader's arguments: storage root, md5, hash name, model directory, output name.
    private static readonly string Dvc =
        DvcObjectLoader.Command(DvcFetch) + " \"$MODEL_DVC_ROOT\" \"$MODEL_DVC_MD5\" \"$MODEL_DVC_HASH\" \"$MODEL_DIR\" \"$MODEL_DVC_NAME\"\n";

    // Nothing is staged on /tmp, a 1 GiB volume on AKS and part of a Container Apps replica's few GiB of ephemeral
    // storage: an archive is streamed (az writes the blob to stdout without --file; DvcFetch above cites it) into
    // ModelArchive.UnpackStdin, any other blob is written straight into the model volume, and a folder is downloaded
    // into the model volume and moved into place within it (a rename, no second copy). Staging the model on /tmp had
    // the kubelet evict every loader of a model above 1 GiB (emptyDir sizeLimit) and the rollout never finished.
    // The move merges into what an earlier attempt of the same pod left. docs/AZURE-RUNTIME.md A6.
    private static readonly string Download =
        "if [ -n \"${MODEL_BLOB:-}\" ]; then\n"
        + "  set -- --auth-mode login --account-name \"$MODEL_ACCOUNT\" --container-name \"$MODEL_CONTAINER\" --name \"$MODEL_BLOB\"\n"
        + "  case \"$MODEL_BLOB\" in\n"
        + "    *.tar.gz|*.tgz) az storage blob download \"$@\" --output none | " + ModelArchive.UnpackStdin + " \"$MODEL_DIR\" ;;\n"
        + "    *) az storage blob download \"$@\" --file \"$MODEL_DIR/${MODEL_BLOB##*/}\" --output none ;;\n"
        + "  esac\n"
        + "else\n"
        + "  d=\"$MODEL_DIR/.mldeploy-download\"\n"
        + "  mkdir -p \"$d\"\n"
        + "  az storage blob download-batch --auth-mode login --account-name \"$MODEL_ACCOUNT\" --source \"$MODEL_CONTAINER\" --pattern \"${MODEL_PREFIX}*\" --destination \"$d\" --output none\n"
        + "  " + ModelArchive.MoveFiles + " \"$d/${MODEL_PREFIX}\" \"$MODEL_DIR\"\n"
        + "  rm -rf \"$d\"\n"
        + "fi\n";
}
