using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>
/// The model digest is one algorithm in three places: the SDK computes it at synthesis, the loaders (and the example
/// server) recompute it in the container, and a person can recompute it with sha256sum. These tests tie them together.
/// </summary>
public sealed class ModelDigestTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Digest_OfAFolder_IsTheSha256OfSha256sumLinesSortedByUtf8Bytes()
    {
        Write("model/weights.bin", "w");
        Write("model/config/b.json", "b");
        Write("model/Z.txt", "z");

        // sha256sum's lines for the files sorted the way `LC_ALL=C sort` sorts them ('Z' < 'c' < 'w').
        var listing = $"{Sha("z")}  Z.txt\n{Sha("b")}  config/b.json\n{Sha("w")}  weights.bin\n";
        Assert.Equal(Sha(listing), ModelDigest.Compute(_root.Path, new FileArtifact("model")));
    }

    [Fact]
    public void Digest_OfFilesAboveAndBelowTheManagedHashLimit_AreTheSystemSha256()
    {
        // Small files are hashed by the managed SHA-256, large ones by the system's: the digest must not tell.
        var large = new string('x', (1 << 20) + 1);
        Write("model/large.bin", large);
        Write("model/small.bin", "s");

        Assert.Equal(Sha($"{Sha(large)}  large.bin\n{Sha("s")}  small.bin\n"), ModelDigest.Compute(_root.Path, new FileArtifact("model")));
    }

    [Fact]
    public void Digest_OfAFile_IsThatOfAFolderHoldingOnlyIt()
    {
        Write("single/model.pkl", "pickle bytes");
        Write("model.pkl", "pickle bytes");

        Assert.Equal(ModelDigest.Compute(_root.Path, new FileArtifact("single")), ModelDigest.Compute(_root.Path, new FileArtifact("model.pkl")));
    }

    [Fact]
    public void Digest_OfATarball_IsThatOfTheFolderItUnpacksInto()
    {
        Write("unpacked/model.onnx", "onnx");
        Write("unpacked/vocab/tokens.txt", "tokens");
        WriteTarball("model.tar.gz", ("./model.onnx", "onnx"), ("vocab/", null), ("vocab/tokens.txt", "tokens"));

        Assert.Equal(ModelDigest.Compute(_root.Path, new FileArtifact("unpacked")), ModelDigest.Compute(_root.Path, new FileArtifact("model.tar.gz")));
    }

    [Fact]
    public void Digest_ChangesWhenOneByteChanges_EvenWithinTheSameSecond()
    {
        Write("model/weights.bin", "aaaa");
        var before = ModelDigest.Compute(_root.Path, new FileArtifact("model"));
        Write("model/weights.bin", "aaab");

        Assert.NotEqual(before, ModelDigest.Compute(_root.Path, new FileArtifact("model")));
    }

    [Fact]
    public void Digest_OfATarballWithALink_IsRefusedLikeTheLoadersRefuseIt()
    {
        var path = Path.Combine(_root.Path, "linked.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "passwd") { LinkName = "/etc/passwd" });
        }

        var e = Assert.Throws<InvalidDataException>(() => ModelDigest.Compute(_root.Path, new FileArtifact("linked.tar.gz")));
        Assert.Contains("'passwd'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoaderCheck_AcceptsTheFilesTheSdkHashed_InPython()
    {
        Write("model/weights.bin", "weights");
        Write("model/sub dir/é.txt", "accented name");
        var digest = ModelDigest.Compute(_root.Path, new FileArtifact("model"));

        var (code, output) = RunLoaderCheck(Path.Combine(_root.Path, "model"), digest);

        Assert.Equal(0, code);
        Assert.Contains($"model digest verified: sha256 {digest}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LoaderCheck_RefusesOtherBytes_SayingBothDigests()
    {
        Write("model/weights.bin", "weights");
        var pinned = ModelDigest.Compute(_root.Path, new FileArtifact("model"));
        Write("model/weights.bin", "tampered");

        var (code, output) = RunLoaderCheck(Path.Combine(_root.Path, "model"), pinned);

        Assert.NotEqual(0, code);
        Assert.Contains($"the release pins sha256 {pinned} but the files have {ModelDigest.Compute(_root.Path, new FileArtifact("model"))}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LoaderCheck_WithoutADigest_ChecksNothing()
    {
        Write("model/weights.bin", "weights");

        Assert.Equal((0, string.Empty), RunLoaderCheck(Path.Combine(_root.Path, "model"), digest: null));
    }

    private static (int Code, string Output) RunLoaderCheck(string directory, string? digest)
    {
        var start = new ProcessStartInfo("sh", ["-c", ModelArchive.VerifyDigest + " \"$0\"", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("MODEL_SHA256");
        if (digest is not null)
        {
            start.Environment["MODEL_SHA256"] = digest;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void WriteTarball(string relative, params (string Name, string? Content)[] entries)
    {
        using var file = File.Create(Path.Combine(_root.Path, relative));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, name);
            if (content is not null)
            {
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            }

            tar.WriteEntry(entry);
        }
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
