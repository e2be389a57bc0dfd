using System.Diagnostics;
using System.Text;
using MlDeploy.Azure.Blocks;
using MlDeploy.Tests.Support;
using static MlDeploy.Tests.Support.LoaderFiles;

namespace MlDeploy.Tests.Azure;

/// <summary>
/// The Container Apps/AKS loader for DVC outputs (<see cref="ModelLoaderScript.Build"/> with <c>dvc</c>), run as the
/// init container runs it (<c>/bin/sh -c script</c> with the app's environment) against a stand-in <c>az</c> on PATH:
/// no Azure CLI or Storage emulator exists here, so the stand-in checks the arguments the script gives it (the login,
/// then <c>storage blob download --auth-mode login</c> with the account, container and blob cut from the object's URL,
/// no <c>--file</c>) and writes the blob from a local folder to stdout, as the CLI does without <c>--file</c>. The login
/// line, the fetch line, the md5 check and the digest check run for real, on the DVC 3 and 2.x layouts.
/// </summary>
public sealed class AzureDvcLoaderTests : IDisposable
{
    private const string Account = "acmemodels";
    private const string Container = "models";
    private const string Root3 = $"https://{Account}.blob.core.windows.net/{Container}/dvc/files/md5/";
    private const string Root2 = $"https://{Account}.blob.core.windows.net/{Container}/dvc-legacy/";

    // The stand-in CLI: "login" must carry the login line's arguments; "storage blob download" must read with Entra
    // authorization, name account, container and blob, and write to stdout (no --file). Every call is logged.
    private const string StandInAz = """
        #!/bin/sh
        echo "$*" >> "$AZ_LOG"
        case "$1 $2 $3" in
          "login --identity --client-id") [ "$4" = "$EXPECT_CLIENT_ID" ] || { echo "bad client id $4" >&2; exit 9; }; exit 0 ;;
          "login --service-principal --username") [ "$4" = "$EXPECT_CLIENT_ID" ] && [ "$6" = "$EXPECT_TENANT" ] && [ "$7" = "--federated-token" ] && [ "$8" = "$EXPECT_TOKEN" ] || { echo "bad federated login $*" >&2; exit 9; }; exit 0 ;;
          "storage blob download") ;;
          *) echo "unexpected az $*" >&2; exit 9 ;;
        esac
        [ "$4 $5 $6" = "--auth-mode login --account-name" ] && [ "$8" = "--container-name" ] && [ "${10}" = "--name" ] && [ "${12} ${13}" = "--output none" ] && [ $# -eq 13 ] || { echo "bad download arguments: $*" >&2; exit 9; }
        f="$AZ_BLOBS/$7/$9/${11}"
        [ -f "$f" ] || { echo "ERROR: The specified blob does not exist." >&2; exit 3; }
        cat "$f"
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SingleFile_IsFetchedUnderTheOutputsName_AfterTheLogin_AndItsMd5AndDigestChecked(bool aks)
    {
        var bytes = Encoding.UTF8.GetBytes("pickled model bytes\0\u0001");
        var md5 = Put(Root3, bytes);

        var (code, output, dir) = Load(aks, Root3, md5, "md5", "fraud.pkl", DigestOf(_dir.Path, ("fraud.pkl", bytes)));

        Assert.True(code == 0, output);
        Assert.Equal(["fraud.pkl"], FilesUnder(dir));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "fraud.pkl")));
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.pkl)", output, StringComparison.Ordinal);
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                aks ? "login --service-principal --username client-1 --tenant tenant-1 --federated-token projected-token --allow-no-subscriptions --output none" : "login --identity --client-id client-1 --allow-no-subscriptions --output none",
                $"storage blob download --auth-mode login --account-name {Account} --container-name {Container} --name dvc/files/md5/{md5[..2]}/{md5[2..]} --output none",
            ],
            Calls());
    }

    [Fact]
    public void OtherBytesUnderTheHash_AreRefused_AndRemoved()
    {
        var recorded = Md5(Encoding.UTF8.GetBytes("the model DVC hashed"));
        var tampered = Encoding.UTF8.GetBytes("other bytes");
        Store(Root3, recorded, tampered);

        var (code, output, dir) = Load(aks: false, Root3, recorded, "md5", "fraud.pkl");

        Assert.NotEqual(0, code);
        Assert.Contains($"dvc object {Root3}{recorded[..2]}/{recorded[2..]} does not match its md5: the .dvc file records {recorded} but the bytes have {Md5(tampered)} (md5); refusing to serve it", output, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(dir));
    }

    [Fact]
    public void MissingBlob_FailsTheLoader()
    {
        var (code, output, _) = Load(aks: true, Root3, Md5(Encoding.UTF8.GetBytes("never pushed")), "md5", "fraud.pkl");

        Assert.NotEqual(0, code);
        Assert.Contains("could not fetch " + Root3, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tarball_IsUnpackedAsItStreams_AndTheWholeArchiveChecked()
    {
        var archive = TarGz(("model.json", "{\"w\": [1]}"), ("extra/notes.txt", "hi"));
        var md5 = Put(Root3, archive);

        var (code, output, dir) = Load(aks: false, Root3, md5, "md5", "fraud.tar.gz", DigestOf(_dir.Path, ("model.json", Encoding.UTF8.GetBytes("{\"w\": [1]}")), ("extra/notes.txt", Encoding.UTF8.GetBytes("hi"))));

        Assert.True(code == 0, output);
        Assert.Equal(["extra/notes.txt", "model.json"], FilesUnder(dir));
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.tar.gz, unpacked)", output, StringComparison.Ordinal);
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Root3, "md5")]
    [InlineData(Root2, "md5-dos2unix")]
    public void Directory_ManifestAndBothFiles_AreFetchedToTheirRelpathsAndChecked(string root, string hashName)
    {
        var weights = Encoding.UTF8.GetBytes("weights\0\u0002");
        var vocab = Encoding.UTF8.GetBytes("a b c\n");
        var manifest = DvcManifest((Put(root, weights), "model.bin"), (Put(root, vocab), "vocab/tokens.txt"));
        var dirMd5 = Put(root, manifest, suffix: ".dir");

        var (code, output, dir) = Load(aks: true, root, dirMd5, hashName, "features", DigestOf(_dir.Path, ("model.bin", weights), ("vocab/tokens.txt", vocab)));

        Assert.True(code == 0, output);
        Assert.Equal(["model.bin", "vocab/tokens.txt"], FilesUnder(dir));
        Assert.Equal(vocab, File.ReadAllBytes(Path.Combine(dir, "vocab", "tokens.txt")));
        Assert.Contains($"dvc directory verified: 2 file(s) of {dirMd5}", output, StringComparison.Ordinal);
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
        Assert.Equal(4, Calls().Count);
    }

    [Fact]
    public void Legacy_TextFileWithCrlf_IsCheckedByItsDos2UnixMd5()
    {
        // DVC 2.x hashed a text file after CRLF -> LF, but stored (and pushed) the bytes as they were.
        var bytes = Encoding.UTF8.GetBytes("label,weight\r\nfraud,0.7\r\n");
        var dos2unix = Md5(Encoding.UTF8.GetBytes("label,weight\nfraud,0.7\n"));
        Store(Root2, dos2unix, bytes);

        var (code, output, dir) = Load(aks: false, Root2, dos2unix, "md5-dos2unix", "weights.csv");

        Assert.True(code == 0, output);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "weights.csv")));
    }

    [Fact]
    public void DigestMismatch_FailsAfterTheMd5Check()
    {
        var bytes = Encoding.UTF8.GetBytes("model");
        var md5 = Put(Root3, bytes);

        var (code, output, _) = Load(aks: false, Root3, md5, "md5", "fraud.pkl", DigestOf(_dir.Path, ("fraud.pkl", Encoding.UTF8.GetBytes("another model"))));

        Assert.NotEqual(0, code);
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.pkl)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("model digest verified", output, StringComparison.Ordinal);
    }

    private string Put(string root, byte[] bytes, string suffix = "")
    {
        var md5 = Md5(bytes) + suffix;
        Store(root, md5, bytes);
        return md5;
    }

    // https://<account>.blob.core.windows.net/<container>/<path>/ab/cdef... -> <blobs>/<account>/<container>/<path>/ab/cdef...
    private void Store(string root, string md5, byte[] bytes)
    {
        var url = new Uri(root + md5[..2] + "/" + md5[2..]);
        var path = Path.Combine(Blobs, url.Host.Split('.')[0], url.AbsolutePath.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private string Blobs => Path.Combine(_dir.Path, "blobs");

    private string Log => Path.Combine(_dir.Path, "az.log");

    private List<string> Calls() => File.Exists(Log) ? [.. File.ReadAllLines(Log)] : [];

    private (int Code, string Output, string Directory) Load(bool aks, string root, string md5, string hashName, string name, string? digest = null)
    {
        var bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        WriteExecutable(Path.Combine(bin, "az"), StandInAz + "\n");

        var token = Path.Combine(_dir.Path, "token");
        File.WriteAllText(token, "projected-token");
        var target = Path.Combine(_dir.Path, "loaded-" + Path.GetRandomFileName());
        Directory.CreateDirectory(target);

        var script = ModelLoaderScript.Build(aks ? ModelLoaderScript.WorkloadIdentityLogin : ModelLoaderScript.ManagedIdentityLogin, dvc: true);
        var start = new ProcessStartInfo("/bin/sh", ["-c", script]);
        start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["AZ_LOG"] = Log;
        start.Environment["AZ_BLOBS"] = Blobs;
        start.Environment["EXPECT_CLIENT_ID"] = "client-1";
        start.Environment["EXPECT_TOKEN"] = "projected-token";
        start.Environment["EXPECT_TENANT"] = "tenant-1";
        start.Environment["AZURE_CLIENT_ID"] = "client-1";
        start.Environment["AZURE_TENANT_ID"] = "tenant-1";
        start.Environment["AZURE_FEDERATED_TOKEN_FILE"] = token;
        start.Environment["MODEL_DVC_ROOT"] = root;
        start.Environment["MODEL_DVC_MD5"] = md5;
        start.Environment["MODEL_DVC_HASH"] = hashName;
        start.Environment["MODEL_DVC_NAME"] = name;
        start.Environment["MODEL_DIR"] = target;
        var (code, output) = LoaderFiles.Run(start, digest);
        return (code, output, target);
    }
}
