using System.Diagnostics;
using System.Text.Json;
using MlDeploy.Aws.Blocks;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;
using MlDeploy.Tests.Verification;

namespace MlDeploy.Tests.Aws;

/// <summary>
/// The Fargate/EKS model loader's script, run as the loader runs it (<c>/bin/sh -c script uri dir [version]</c>) with the
/// AWS CLI against S3 in moto: it must deliver exactly the pinned version and refuse bytes other than the release's digest.
/// </summary>
[Collection(MotoFixtureGroup.Name)]
public sealed class AwsModelLoaderTests : IDisposable
{
    private const string Bucket = "loader-models";
    private readonly MotoServer _moto;
    private readonly TempDirectory _dir = new();

    public AwsModelLoaderTests(MotoServer moto)
    {
        _moto = moto;
        moto.Reset();
        Aws("s3api", "create-bucket", "--bucket", Bucket);
        Aws("s3api", "put-bucket-versioning", "--bucket", Bucket, "--versioning-configuration", "Status=Enabled");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Prefix_IsCopiedAndItsDigestChecked()
    {
        var local = Folder("local", ("model.json", "{}"), ("vocab/tokens.txt", "a b c"));
        Aws("s3", "cp", "--recursive", local, $"s3://{Bucket}/models/fraud/");

        var (code, output, dir) = Load(ModelDataKind.Prefix, $"s3://{Bucket}/models/fraud/", Digest("local"));

        Assert.True(code == 0, output);
        Assert.Equal(Digest("local"), ModelDigest.Compute(_dir.Path, new FileArtifact(Path.GetRelativePath(_dir.Path, dir))));
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tarball_IsUnpackedAndTheUnpackedFilesChecked()
    {
        var archive = Tarball("model.tar.gz", ("model.json", "{\"w\": [1]}"), ("extra/notes.txt", "hi"));
        Aws("s3", "cp", archive, $"s3://{Bucket}/models/fraud/model.tar.gz");
        var digest = ModelDigest.Compute(_dir.Path, new FileArtifact("model.tar.gz"));

        var (code, output, dir) = Load(ModelDataKind.TarGz, $"s3://{Bucket}/models/fraud/model.tar.gz", digest);

        Assert.True(code == 0, output);
        Assert.Equal("hi", File.ReadAllText(Path.Combine(dir, "extra", "notes.txt")));
    }

    [Theory]
    [InlineData("model.tar.gz")]
    [InlineData("model.tgz")]
    public void LocalArchive_IsUnpackedByTheKindThePlannerGivesIt_SoTheDigestTheReleasePinsHolds(string name)
    {
        // ModelDigest hashes both suffixes as the folder they unpack into; a .tgz delivered as one object would fail the check.
        var archive = Tarball(name, ("model.json", "{\"w\": [3]}"));
        Aws("s3", "cp", archive, $"s3://{Bucket}/models/fraud/{name}");
        var digest = ModelDigest.Compute(_dir.Path, new FileArtifact(name));

        var (code, output, dir) = Load(ArtifactStore.KindOf(name), $"s3://{Bucket}/models/fraud/{name}", digest);

        Assert.True(code == 0, output);
        Assert.Equal("{\"w\": [3]}", File.ReadAllText(Path.Combine(dir, "model.json")));
        Assert.Contains("model digest verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PinnedVersion_IsLoaded_NotTheObjectUploadedAfterIt()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "v1.json"), "{\"version\": 1}");
        var v1 = VersionOf(Aws("s3api", "put-object", "--bucket", Bucket, "--key", "models/fraud/model.json", "--body", Path.Combine(_dir.Path, "v1.json")));
        File.WriteAllText(Path.Combine(_dir.Path, "v2.json"), "{\"version\": 2}");
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", "models/fraud/model.json", "--body", Path.Combine(_dir.Path, "v2.json"));
        var digest = DigestOfOne("model.json", "{\"version\": 1}");

        var (code, output, dir) = Load(ModelDataKind.Object, $"s3://{Bucket}/models/fraud/model.json", digest, v1);

        Assert.True(code == 0, output);
        Assert.Equal("{\"version\": 1}", File.ReadAllText(Path.Combine(dir, "model.json")));
    }

    [Fact]
    public void PinnedVersionOfATarball_IsStreamedAndUnpacked()
    {
        var archive = Tarball("model.tar.gz", ("model.json", "{\"w\": [2]}"));
        var version = VersionOf(Aws("s3api", "put-object", "--bucket", Bucket, "--key", "models/fraud/model.tar.gz", "--body", archive));
        Aws("s3api", "put-object", "--bucket", Bucket, "--key", "models/fraud/model.tar.gz", "--body", Path.Combine(_dir.Path, "model.tar.gz.other"));

        var (code, output, dir) = Load(ModelDataKind.TarGz, $"s3://{Bucket}/models/fraud/model.tar.gz", ModelDigest.Compute(_dir.Path, new FileArtifact("model.tar.gz")), version);

        Assert.True(code == 0, output);
        Assert.Equal("{\"w\": [2]}", File.ReadAllText(Path.Combine(dir, "model.json")));
    }

    [Fact]
    public void OtherBytesThanTheRelease_FailTheLoader_NamingBothDigests()
    {
        var local = Folder("local", ("model.json", "{\"tampered\": true}"));
        Aws("s3", "cp", "--recursive", local, $"s3://{Bucket}/models/fraud/");
        var pinned = new string('d', 64);

        var (code, output, _) = Load(ModelDataKind.Prefix, $"s3://{Bucket}/models/fraud/", pinned);

        Assert.NotEqual(0, code);
        Assert.Contains($"the release pins sha256 {pinned} but the files have {Digest("local")}; refusing to serve them", output, StringComparison.Ordinal);
    }

    private (int Code, string Output, string Directory) Load(ModelDataKind kind, string uri, string? digest, string? version = null)
    {
        var target = Path.Combine(_dir.Path, "loaded-" + Path.GetRandomFileName());
        Directory.CreateDirectory(target);
        List<string> args = ["-c", AwsModelLoader.Script(kind, version is not null), uri, target];
        if (version is not null)
        {
            args.Add(version);
        }

        var (code, output) = Run("sh", args, digest);
        return (code, output, target);
    }

    private string Aws(params string[] args)
    {
        var (code, output) = Run("aws", ["--endpoint-url", _moto.Endpoint, .. args], digest: null);
        Assert.True(code == 0, $"aws {string.Join(' ', args)}: {output}");
        return output;
    }

    private (int Code, string Output) Run(string command, IEnumerable<string> args, string? digest)
    {
        var start = new ProcessStartInfo(command, args);
        foreach (var (key, value) in _moto.Variables)
        {
            start.Environment[key] = value;
        }

        start.Environment["AWS_DEFAULT_REGION"] = _moto.Variables["AWS_REGION"];
        start.Environment["HOME"] = _dir.Path;
        return LoaderFiles.Run(start, digest);
    }

    private static string VersionOf(string putObjectResponse)
    {
        using var json = JsonDocument.Parse(putObjectResponse);
        return json.RootElement.GetProperty("VersionId").GetString()!;
    }

    private string Folder(string name, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(_dir.Path, name, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return Path.Combine(_dir.Path, name);
    }

    private string Digest(string folder) => ModelDigest.Compute(_dir.Path, new FileArtifact(folder));

    private string DigestOfOne(string name, string content)
    {
        var folder = Folder("one-" + Path.GetRandomFileName(), (name, content));
        return Digest(Path.GetFileName(folder));
    }

    private string Tarball(string name, params (string Path, string Content)[] entries)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, LoaderFiles.TarGz(entries));
        File.WriteAllText(path + ".other", "not the pinned archive");
        return path;
    }
}
