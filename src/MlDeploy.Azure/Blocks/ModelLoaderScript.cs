using MlDeploy.Kubernetes;

namespace MlDeploy.Azure.Blocks;

/// <summary>
/// The model-loader init container's <c>/bin/sh -c</c> script on Container Apps and AKS: sign in with the deployment's
/// user-assigned identity (<see cref="ManagedIdentityLogin"/> or <see cref="WorkloadIdentityLogin"/>), download the model with Entra authorization
/// (<c>--auth-mode login</c>, no account key), place it in the shared volume and check it against the release's digest
/// (<c>MODEL_SHA256</c>, <see cref="ModelArchive.VerifyDigest"/>); a <c>.tar.gz</c> is unpacked by
/// Python's <c>tarfile</c>, refusing members that are links, devices or escape the directory (as on AWS).
/// Inputs come from the environment: AZURE_CLIENT_ID, MODEL_ACCOUNT, MODEL_CONTAINER, MODEL_BLOB or MODEL_PREFIX, MODEL_DIR.
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

    /// <summary>The Container Apps script (managed-identity login).</summary>
    public static string Script => "set -eu\n" + ManagedIdentityLogin + Download;

    /// <summary>The AKS script (workload-identity login).</summary>
    public static string WorkloadIdentityScript => "set -eu\n" + WorkloadIdentityLogin + Download;

    private static readonly string Download =
        "if [ -n \"${MODEL_BLOB:-}\" ]; then\n"
        + "  f=\"/tmp/${MODEL_BLOB##*/}\"\n"
        + "  az storage blob download --auth-mode login --account-name \"$MODEL_ACCOUNT\" --container-name \"$MODEL_CONTAINER\" --name \"$MODEL_BLOB\" --file \"$f\" --output none\n"
        + "  case \"$f\" in\n"
        + "    *.tar.gz) python3 -c '"
        + "import os,sys,tarfile\n"
        + "d=os.path.realpath(sys.argv[2])\n"
        + "t=tarfile.open(sys.argv[1],mode=\"r:gz\")\n"
        + "for m in t:\n"
        + " p=os.path.realpath(os.path.join(d,m.name))\n"
        + " if not (m.isfile() or m.isdir()) or not (p==d or p.startswith(d+os.sep)): sys.exit(\"refusing archive member \"+m.name)\n"
        + " t.extract(m,d)\n"
        + "' \"$f\" \"$MODEL_DIR\" ;;\n"
        + "    *) cp \"$f\" \"$MODEL_DIR/\" ;;\n"
        + "  esac\n"
        + "else\n"
        + "  mkdir -p /tmp/model\n"
        + "  az storage blob download-batch --auth-mode login --account-name \"$MODEL_ACCOUNT\" --source \"$MODEL_CONTAINER\" --pattern \"${MODEL_PREFIX}*\" --destination /tmp/model --output none\n"
        + "  cp -R \"/tmp/model/${MODEL_PREFIX}.\" \"$MODEL_DIR/\"\n"
        + "fi\n"
        + ModelArchive.VerifyDigest + " \"$MODEL_DIR\"\n";
}
