using System.Diagnostics;
using MlDeploy.Azure.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using static MlDeploy.Tests.Support.LoaderFiles;

namespace MlDeploy.Tests.Azure;

/// <summary>
/// The Container Apps/AKS loader for one uploaded model blob (<see cref="ModelLoaderScript.Build"/> without <c>dvc</c>),
/// run as the init container runs it against a stand-in <c>az</c> that copies the blob to the <c>--file</c> it is given:
/// an archive of either suffix <see cref="ModelDigest"/> unpacks is unpacked, any other file is copied, and the digest
/// the release pins is checked on what the server will find.
/// </summary>
public sealed class AzureBlobLoaderTests : IDisposable
{
    // The stand-in CLI: the managed-identity login, then "storage blob download" of one blob into --file.
    private const string StandInAz = """
        #!/bin/sh
        case "$1 $2 $3" in
          "login --identity --client-id") exit 0 ;;
          "storage blob download") ;;
          *) echo "unexpected az $*" >&2; exit 9 ;;
        esac
        [ "$4 $5 $6" = "--auth-mode login --account-name" ] && [ "${12}" = "--file" ] && [ $# -eq 15 ] || { echo "bad download arguments: $*" >&2; exit 9; }
        cp "$AZ_BLOBS/$7/$9/${11}" "${13}"
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
    }

    private string Blobs => Path.Combine(_dir.Path, "blobs");

    // The script downloads into /tmp under the blob's own name: a name of its own per test.
    private static string Unique => "model-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal);

    private void Store(string blob, byte[] bytes)
    {
        var path = Path.Combine(Blobs, "acct", "models", blob);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private (int Code, string Output, string Directory) Load(string blob, string digest)
    {
        var bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        WriteExecutable(Path.Combine(bin, "az"), StandInAz + "\n");
        var target = Path.Combine(_dir.Path, "loaded-" + Path.GetRandomFileName());
        Directory.CreateDirectory(target);

        var start = new ProcessStartInfo("/bin/sh", ["-c", ModelLoaderScript.Build(ModelLoaderScript.ManagedIdentityLogin, dvc: false)]);
        start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["AZ_BLOBS"] = Blobs;
        start.Environment["AZURE_CLIENT_ID"] = "client-1";
        start.Environment["MODEL_ACCOUNT"] = "acct";
        start.Environment["MODEL_CONTAINER"] = "models";
        start.Environment["MODEL_BLOB"] = blob;
        start.Environment["MODEL_DIR"] = target;
        try
        {
            var (code, output) = Run(start, digest);
            return (code, output, target);
        }
        finally
        {
            File.Delete("/tmp/" + blob[(blob.LastIndexOf('/') + 1)..]);
        }
    }
}
