using System.Diagnostics;
using System.Text;
using MlDeploy.Aws.Blocks;
using MlDeploy.Tests.Support;
using MlDeploy.Tests.Verification;
using static MlDeploy.Tests.Support.LoaderFiles;

namespace MlDeploy.Tests.Aws;

/// <summary>
/// The Fargate/EKS loader for DVC outputs (<see cref="AwsModelLoader.DvcScript"/>), run as the loader runs it
/// (<c>/bin/sh -c script root dir md5 hash-name name</c>) with the AWS CLI against S3 in moto, on the object layout a DVC
/// remote has (DVC 3 under <c>files/md5/</c>, 2.x at the root; decision 48). Each case runs under Python 3 and, where
/// this machine has it, Python 2.7, the only Python of the AWS CLI image the SDK defaults to.
/// </summary>
[Collection(MotoFixtureGroup.Name)]
public sealed class AwsDvcLoaderTests : IDisposable
{
    private const string Bucket = "dvc-remote";
    private const string Root3 = $"s3://{Bucket}/store/files/md5/";
    private const string Root2 = $"s3://{Bucket}/legacy/";
    private readonly MotoServer _moto;
    private readonly TempDirectory _dir = new();

    public AwsDvcLoaderTests(MotoServer moto)
    {
        _moto = moto;
        moto.Reset();
        Aws("s3api", "create-bucket", "--bucket", Bucket);
    }

    /// <summary>The interpreters to run the loader under: "3" always, "2.7" when pyenv has one here.</summary>
    public static TheoryData<string> Pythons()
    {
        var data = new TheoryData<string> { "3" };
        if (Python27() is not null)
        {
            data.Add("2.7");
        }

        return data;
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(Pythons))]
    public void SingleFile_IsFetchedUnderTheOutputsName_AndItsMd5Checked(string python)
    {
        var bytes = Encoding.UTF8.GetBytes("pickled model bytes\0\u0001");
        var md5 = Put(Root3, bytes);

        var (code, output, dir) = Load(python, Root3, md5, "md5", "fraud.pkl", DigestOf(_dir.Path, ("fraud.pkl", bytes)));

        Assert.True(code == 0, output);
        Assert.Equal(["fraud.pkl"], FilesUnder(dir));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "fraud.pkl")));
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.pkl)", output, StringComparison.Ordinal);
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void OtherBytesUnderTheHash_AreRefused_AndRemoved(string python)
    {
        var recorded = Md5(Encoding.UTF8.GetBytes("the model DVC hashed"));
        var tampered = Encoding.UTF8.GetBytes("other bytes");
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(Root3, recorded), "--body", Write("tampered", tampered));

        var (code, output, dir) = Load(python, Root3, recorded, "md5", "fraud.pkl");

        Assert.NotEqual(0, code);
        Assert.Contains($"dvc object {Root3}{recorded[..2]}/{recorded[2..]} does not match its md5: the .dvc file records {recorded} but the bytes have {Md5(tampered)} (md5); refusing to serve it", output, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(dir));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Tarball_IsUnpackedAsItStreams_AndTheWholeArchiveChecked(string python)
    {
        var archive = TarGz(("model.json", "{\"w\": [1]}"), ("extra/notes.txt", "hi"));
        var md5 = Put(Root3, archive);

        var (code, output, dir) = Load(python, Root3, md5, "md5", "fraud.tar.gz");

        Assert.True(code == 0, output);
        Assert.Equal(["extra/notes.txt", "model.json"], FilesUnder(dir));
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.tar.gz, unpacked)", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void TgzOutput_IsUnpackedLikeATarGz(string python)
    {
        var archive = TarGz(("model.json", "{\"w\": [2]}"));
        var md5 = Put(Root3, archive);

        var (code, output, dir) = Load(python, Root3, md5, "md5", "fraud.tgz");

        Assert.True(code == 0, output);
        Assert.Equal(["model.json"], FilesUnder(dir));
        Assert.Contains($"dvc object verified: md5 {md5} (fraud.tgz, unpacked)", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Directory_ManifestAndBothFiles_AreFetchedToTheirRelpathsAndChecked(string python)
    {
        var weights = Encoding.UTF8.GetBytes("weights\0\u0002");
        var vocab = Encoding.UTF8.GetBytes("a b c\n");
        var manifest = DvcManifest((Put(Root3, weights), "model.bin"), (Put(Root3, vocab), "vocab/tokens.txt"));
        var dirMd5 = Put(Root3, manifest, suffix: ".dir");

        var (code, output, dir) = Load(python, Root3, dirMd5, "md5", "features", DigestOf(_dir.Path, ("model.bin", weights), ("vocab/tokens.txt", vocab)));

        Assert.True(code == 0, output);
        Assert.Equal(["model.bin", "vocab/tokens.txt"], FilesUnder(dir));
        Assert.Equal(vocab, File.ReadAllBytes(Path.Combine(dir, "vocab", "tokens.txt")));
        Assert.Contains($"dvc directory verified: 2 file(s) of {dirMd5}", output, StringComparison.Ordinal);
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Directory_TamperedManifest_IsRefusedBeforeAnyFileIsFetched(string python)
    {
        var original = DvcManifest((Put(Root3, Encoding.UTF8.GetBytes("w1")), "model.bin"));
        var dirMd5 = Md5(original) + ".dir";
        var forged = DvcManifest((Put(Root3, Encoding.UTF8.GetBytes("w2")), "model.bin"));
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(Root3, dirMd5), "--body", Write("forged", forged));

        var (code, output, dir) = Load(python, Root3, dirMd5, "md5", "features");

        Assert.NotEqual(0, code);
        Assert.Contains($"the .dir manifest {dirMd5} hashes to {Md5(forged)}.dir, not to the md5 the .dvc file records; refusing it", output, StringComparison.Ordinal);
        Assert.Empty(FilesUnder(dir));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Directory_FileWhoseBytesDifferFromItsEntry_IsRefused(string python)
    {
        var recorded = Md5(Encoding.UTF8.GetBytes("the weights DVC hashed"));
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(Root3, recorded), "--body", Write("other", Encoding.UTF8.GetBytes("other weights")));
        var dirMd5 = Put(Root3, DvcManifest((recorded, "model.bin")), suffix: ".dir");

        var (code, output, _) = Load(python, Root3, dirMd5, "md5", "features");

        Assert.NotEqual(0, code);
        Assert.Contains($"the .dvc file records {recorded} but the bytes have {Md5(Encoding.UTF8.GetBytes("other weights"))} (md5); refusing to serve it", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Directory_EntryOutsideTheModelDirectory_IsRefused(string python)
    {
        var dirMd5 = Put(Root3, DvcManifest((Put(Root3, Encoding.UTF8.GetBytes("x")), "../escape.txt")), suffix: ".dir");

        var (code, output, _) = Load(python, Root3, dirMd5, "md5", "features");

        Assert.NotEqual(0, code);
        Assert.Contains("refusing manifest entry ../escape.txt", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "escape.txt")));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Legacy_TextFileWithCrlf_IsCheckedByItsDos2UnixMd5(string python)
    {
        // DVC 2.x hashed a text file after CRLF -> LF, but stored (and pushed) the bytes as they were.
        var bytes = Encoding.UTF8.GetBytes("label,weight\r\nfraud,0.7\r\n");
        var dos2unix = Md5(Encoding.UTF8.GetBytes("label,weight\nfraud,0.7\n"));
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(Root2, dos2unix), "--body", Write("crlf", bytes));

        var (code, output, dir) = Load(python, Root2, dos2unix, "md5-dos2unix", "weights.csv");

        Assert.True(code == 0, output);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "weights.csv")));
        Assert.NotEqual(Md5(bytes), dos2unix);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Legacy_DirectoryAtTheRemotesRoot_IsAssembled(string python)
    {
        var model = Encoding.UTF8.GetBytes("\0binary model");
        var dirMd5 = Put(Root2, DvcManifest((Put(Root2, model), "model.bin")), suffix: ".dir");

        var (code, output, dir) = Load(python, Root2, dirMd5, "md5-dos2unix", "model");

        Assert.True(code == 0, output);
        Assert.Equal(["model.bin"], FilesUnder(dir));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Legacy_TextThenBinaryChunks_AreAcceptedUnderEitherWayDvcJudgedText(string python)
    {
        // 2^20-byte chunks: the first is text, the second binary with a CRLF. DVC 2.x judged text once (first chunk)
        // and converted both; dvc-data 3's md5-dos2unix judges each chunk and leaves the binary one alone.
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ab\r\n", 1 << 18)));
        var binary = Encoding.ASCII.GetBytes("\0x\r\ny");
        var bytes = text.Concat(binary).ToArray();
        var unixText = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ab\n", 1 << 18)));
        var dvc2 = Md5([.. unixText, .. Encoding.ASCII.GetBytes("\0x\ny")]);
        var dvc3 = Md5([.. unixText, .. binary]);
        Assert.Equal(1 << 20, text.Length);

        foreach (var recorded in new[] { dvc2, dvc3 })
        {
            Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(Root2, recorded), "--body", Write(recorded, bytes));

            var (code, output, dir) = Load(python, Root2, recorded, "md5-dos2unix", "model.txt");

            Assert.True(code == 0, output);
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, "model.txt")));
        }
    }

    [Fact]
    public void Legacy_PlainMd5OfACrlfTextFile_IsNotTheHashDvc2Recorded()
    {
        // The same bytes stored under their plain md5 but declared DVC 2.x: 2.x would have recorded the dos2unix md5.
        var bytes = Encoding.UTF8.GetBytes("a\r\nb\r\n");
        var plain = Put(Root2, bytes);

        var (code, output, _) = Load("3", Root2, plain, "md5-dos2unix", "notes.txt");

        Assert.NotEqual(0, code);
        Assert.Contains($"the .dvc file records {plain} but the bytes have {Md5(Encoding.UTF8.GetBytes("a\nb\n"))} (md5-dos2unix)", output, StringComparison.Ordinal);
    }

    private string Put(string root, byte[] bytes, string suffix = "")
    {
        var md5 = Md5(bytes) + suffix;
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", Key(root, md5), "--body", Write(md5, bytes));
        return md5;
    }

    private static string Key(string root, string md5) => $"{root["s3://".Length..].Split('/', 2)[1]}{md5[..2]}/{md5[2..]}";

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, "src-" + name + "-" + Path.GetRandomFileName());
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private (int Code, string Output, string Directory) Load(string python, string root, string md5, string hashName, string name, string? digest = null)
    {
        var target = Path.Combine(_dir.Path, "loaded-" + Path.GetRandomFileName());
        Directory.CreateDirectory(target);
        var (code, output) = Run("sh", ["-c", AwsModelLoader.DvcScript, root, target, md5, hashName, name], digest, python);
        return (code, output, target);
    }

    private string Aws(params string[] args)
    {
        var (code, output) = Run("aws", ["--endpoint-url", _moto.Endpoint, .. args], digest: null, python: "3");
        Assert.True(code == 0, $"aws {string.Join(' ', args)}: {output}");
        return output;
    }

    // pyenv's 2.7, if installed: the AWS CLI image's interpreter.
    private static string? Python27()
    {
        var versions = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
        return Directory.Exists(versions)
            ? Directory.EnumerateDirectories(versions, "2.7*").Select(v => Path.Combine(v, "bin", "python2.7")).FirstOrDefault(File.Exists)
            : null;
    }

    private (int Code, string Output) Run(string command, IEnumerable<string> args, string? digest, string python)
    {
        var start = new ProcessStartInfo(command, args);
        foreach (var (key, value) in _moto.Variables)
        {
            start.Environment[key] = value;
        }

        start.Environment["AWS_DEFAULT_REGION"] = _moto.Variables["AWS_REGION"];
        start.Environment["HOME"] = _dir.Path;
        if (python == "2.7")
        {
            // A python3 first on PATH that is 2.7: the loader's `command -v python3 || command -v python` finds it.
            var bin = Path.Combine(_dir.Path, "py27-bin");
            Directory.CreateDirectory(bin);
            var shim = Path.Combine(bin, "python3");
            if (!File.Exists(shim))
            {
                WriteExecutable(shim, $"#!/bin/sh\nexec \"{Python27()}\" \"$@\"\n");
            }

            start.Environment["PATH"] = bin + Path.PathSeparator + start.Environment["PATH"];
        }

        return LoaderFiles.Run(start, digest);
    }
}
