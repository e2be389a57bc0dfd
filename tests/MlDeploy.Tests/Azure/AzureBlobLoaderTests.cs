using System.Diagnostics;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using static MlDeploy.Tests.Support.LoaderFiles;

namespace MlDeploy.Tests.Azure;

/// <summary>
/// The Container Apps/AKS loader for an uploaded model (<see cref="ModelLoaderScript.Build"/> without <c>dvc</c>), run
/// as the init container runs it against a stand-in <c>az</c> that serves blobs from a folder laid out like the storage
/// account: an archive of either suffix <see cref="ModelDigest"/> unpacks is streamed from az's stdout and unpacked, any
/// other file is written straight into the model folder, a folder of blobs is downloaded next to its place and moved
/// in, and the digest the release pins is checked on what the server will find. Nothing is staged on <c>/tmp</c>,
/// which is 1 GiB on AKS (docs/AZURE-RUNTIME.md A6).
/// </summary>
public sealed class AzureBlobLoaderTests : IDisposable
{
    // The stand-in CLI: the managed-identity login; "storage blob download" of one blob to stdout, or into --file;
    // "storage blob download-batch" of every blob matching --pattern into --destination. Each call is logged.
    private const string StandInAz = """
        #!/bin/sh
        echo "$*" >> "$AZ_CALLS"
        case "$1 $2 $3" in
          "login --identity --client-id") exit 0 ;;
          "storage blob download")
            [ "$4 $5 $6" = "--auth-mode login --account-name" ] || { echo "bad download arguments: $*" >&2; exit 9; }
            src="$AZ_BLOBS/$7/$9/${11}"
            if [ "${12}" = "--file" ]; then
              [ $# -eq 15 ] || { echo "bad download arguments: $*" >&2; exit 9; }
              cp "$src" "${13}"
            else
              [ $# -eq 13 ] || { echo "bad download arguments: $*" >&2; exit 9; }
              cat "$src"
            fi ;;
          "storage blob download-batch")
            [ "$4 $5 $6 $8 ${10} ${12}" = "--auth-mode login --account-name --source --pattern --destination" ] && [ $# -eq 15 ] || { echo "bad batch arguments: $*" >&2; exit 9; }
            root="$AZ_BLOBS/$7/$9"
            (cd "$root" && find . -type f -path "./${11}") | while read -r f; do
              mkdir -p "${13}/$(dirname "$f")" && cp "$root/$f" "${13}/$f"
            done ;;
          *) echo "unexpected az $*" >&2; exit 9 ;;
        esac
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(".tar.gz")]
    [InlineData(".tgz")]
    public void Archive_IsUnpacked_AndTheUnpackedFilesMatchTheDigest(string suffix)
    {
        var blob = $"fraud/{Unique}{suffix}";
        Store(blob, TarGz(("model.json", "{\"w\": [4]}"), ("vocab/tokens.txt", "a b")));
        var digest = ModelDigest.Compute(Blobs, new FileArtifact($"acct/models/{blob}"));

        var (code, output, dir) = Load(blob, digest);

        Assert.True(code == 0, output);
        Assert.Equal(["model.json", "vocab/tokens.txt"], FilesUnder(dir));
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--file", Calls, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fraud/v3/")]
    [InlineData("")]
    public void Folder_IsDownloadedBesideItsPlaceAndMovedIn_AndTheFilesMatchTheDigest(string prefix)
    {
        Store($"{prefix}model.json", "{\"w\": [4]}"u8.ToArray());
        Store($"{prefix}vocab/tokens.txt", "a b"u8.ToArray());
        if (prefix.Length > 0)
        {
            Store("other/ignored.txt", "not the model"u8.ToArray());
        }

        var digest = ModelDigest.Compute(Blobs, new FileArtifact($"acct/models/{prefix}"));

        var (code, output, dir) = Load(null, digest, prefix);

        Assert.True(code == 0, output);
        Assert.Equal(["model.json", "vocab/tokens.txt"], FilesUnder(dir));
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
        Assert.Contains($"--destination {dir}/.mldeploy-download", Calls, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_MergesIntoWhatAnEarlierAttemptLeft()
    {
        Store("fraud/model.json", "{\"w\": [5]}"u8.ToArray());
        var digest = ModelDigest.Compute(Blobs, new FileArtifact("acct/models/fraud/"));
        var target = Path.Combine(_dir.Path, "loaded-retry");
        Directory.CreateDirectory(Path.Combine(target, ".mldeploy-download", "fraud"));
        File.WriteAllText(Path.Combine(target, "model.json"), "partial");

        var (code, output, dir) = Load(null, digest, "fraud/", target);

        Assert.True(code == 0, output);
        Assert.Equal(["model.json"], FilesUnder(dir));
        Assert.Equal("{\"w\": [5]}", File.ReadAllText(Path.Combine(dir, "model.json")));
    }

    [Fact]
    public void OtherFile_IsCopiedAsItIs_AndItsDigestChecked()
    {
        var blob = $"fraud/{Unique}.onnx";
        Store(blob, "onnx bytes"u8.ToArray());
        var digest = ModelDigest.Compute(Blobs, new FileArtifact($"acct/models/{blob}"));

        var (code, output, dir) = Load(blob, digest);

        Assert.True(code == 0, output);
        Assert.Equal([blob["fraud/".Length..]], FilesUnder(dir));
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
        Assert.Contains($"--file {dir}/{blob["fraud/".Length..]}", Calls, StringComparison.Ordinal);
    }

    private string Blobs => Path.Combine(_dir.Path, "blobs");

    private string Calls => File.Exists(Path.Combine(_dir.Path, "calls")) ? File.ReadAllText(Path.Combine(_dir.Path, "calls")) : string.Empty;

    private static string Unique => "model-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal);

    private void Store(string blob, byte[] bytes)
    {
        var path = Path.Combine(Blobs, "acct", "models", blob);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private (int Code, string Output, string Directory) Load(string? blob, string digest, string? prefix = null, string? target = null)
    {
        var bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        WriteExecutable(Path.Combine(bin, "az"), StandInAz + "\n");
        target ??= Path.Combine(_dir.Path, "loaded-" + Path.GetRandomFileName());
        Directory.CreateDirectory(target);

        var start = new ProcessStartInfo("/bin/sh", ["-c", ModelLoaderScript.Build(ModelLoaderScript.ManagedIdentityLogin, dvc: false)]);
        start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["AZ_BLOBS"] = Blobs;
        start.Environment["AZ_CALLS"] = Path.Combine(_dir.Path, "calls");
        start.Environment["AZURE_CLIENT_ID"] = "client-1";
        start.Environment["MODEL_ACCOUNT"] = "acct";
        start.Environment["MODEL_CONTAINER"] = "models";
        start.Environment[blob is null ? "MODEL_PREFIX" : "MODEL_BLOB"] = blob ?? prefix;
        start.Environment["MODEL_DIR"] = target;
        var (code, output) = Run(start, digest);
        return (code, output, target);
    }
}
