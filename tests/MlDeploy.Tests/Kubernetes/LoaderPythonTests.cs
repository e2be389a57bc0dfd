using System.Diagnostics;
using MlDeploy.Kubernetes;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Kubernetes;

/// <summary>
/// The loaders' one interpreter choice (<see cref="LoaderPython"/>): python3, python, then the Google Cloud CLI's bundled
/// interpreter, which is all the amd64 google-cloud-cli image has. The tarball and digest programs are run as the GKE
/// loader runs them, with no Python on PATH and an interpreter standing in at the fallback path (through
/// <c>CLOUDSDK_PYTHON</c>, gcloud's own variable, since this machine has no <c>/usr/lib/google-cloud-sdk</c>).
/// </summary>
public sealed class LoaderPythonTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Choice_IsPython3ThenPythonThenTheInterpreterBundledWithGcloud()
    {
        Assert.Equal(
            "\"$(command -v python3 || command -v python || echo \"${CLOUDSDK_PYTHON:-/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3}\")\"",
            LoaderPython.Command);
    }

    [Fact]
    public void EveryLoaderProgram_RunsOnTheOneChoice()
    {
        var programs = new[] { ModelArchive.UnpackStdin, ModelArchive.VerifyDigest, DvcObjectLoader.Command("gcloud storage cat \"$0\"") };

        Assert.All(programs, p => Assert.StartsWith(LoaderPython.Command + " -c '", p, StringComparison.Ordinal));
    }

    [Fact]
    public void NoSourceFile_SpellsTheChoiceAgain()
    {
        var spelling = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("command -v python", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'));

        Assert.Equal(["src/MlDeploy.Kubernetes/LoaderPython.cs"], spelling);
    }

    [Fact]
    public void TarballAndDigest_WithoutPythonOnPath_RunOnTheInterpreterAtTheFallbackPath()
    {
        var archive = Path.Combine(_dir.Path, "model.tar.gz");
        File.WriteAllBytes(archive, LoaderFiles.TarGz(("model.json", "{\"w\": [1]}"), ("vocab/tokens.txt", "a b c")));
        var expected = Path.Combine(_dir.Path, "expected");
        Directory.CreateDirectory(Path.Combine(expected, "vocab"));
        File.WriteAllText(Path.Combine(expected, "model.json"), "{\"w\": [1]}");
        File.WriteAllText(Path.Combine(expected, "vocab", "tokens.txt"), "a b c");
        var digest = ModelDigest.Compute(_dir.Path, new FileArtifact("expected"));

        var (code, output) = RunLoader(archive, digest, StandIn());

        Assert.True(code == 0, output);
        Assert.Contains($"model digest verified: sha256 {digest}", output, StringComparison.Ordinal);
        Assert.Equal("a b c", File.ReadAllText(Path.Combine(_dir.Path, "model", "vocab", "tokens.txt")));
    }

    [Fact]
    public void TarballAndDigest_WithoutPythonOnPath_StillRefuseOtherBytes()
    {
        var archive = Path.Combine(_dir.Path, "model.tar.gz");
        File.WriteAllBytes(archive, LoaderFiles.TarGz(("model.json", "{\"w\": [2]}")));

        var (code, output) = RunLoader(archive, new string('a', 64), StandIn());

        Assert.NotEqual(0, code);
        Assert.Contains("model digest mismatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnInterpreterAtTheFallbackPath_TheLoaderFailsNamingIt()
    {
        var archive = Path.Combine(_dir.Path, "model.tar.gz");
        File.WriteAllBytes(archive, LoaderFiles.TarGz(("model.json", "{}")));
        var missing = Path.Combine(_dir.Path, "no-sdk", "bin", "python3");

        var (code, output) = RunLoader(archive, null, missing);

        Assert.Equal(127, code);
        Assert.Contains(missing, output, StringComparison.Ordinal);
    }

    [BundledGcloudPythonFact]
    public void TarballAndDigest_WithoutPythonOnPath_RunOnTheGcloudPackagesOwnBundledPython()
    {
        var archive = Path.Combine(_dir.Path, "model.tar.gz");
        File.WriteAllBytes(archive, LoaderFiles.TarGz(("model.json", "{}")));
        var expected = Path.Combine(_dir.Path, "expected");
        Directory.CreateDirectory(expected);
        File.WriteAllText(Path.Combine(expected, "model.json"), "{}");
        var digest = ModelDigest.Compute(_dir.Path, new FileArtifact("expected"));

        var (code, output) = RunLoader(archive, digest, null);

        Assert.True(code == 0, output);
        Assert.Contains($"model digest verified: sha256 {digest}", output, StringComparison.Ordinal);
    }

    // The GKE loader's tarball line (`gcloud storage cat "$MODEL_URI" | <unpack> "$MODEL_DIR"`, then the digest check),
    // with the archive on stdin instead of gcloud, PATH holding no interpreter, and CLOUDSDK_PYTHON as given.
    private (int Code, string Output) RunLoader(string archive, string? digest, string? cloudSdkPython)
    {
        var empty = Path.Combine(_dir.Path, "empty-bin");
        Directory.CreateDirectory(empty);
        var model = Path.Combine(_dir.Path, "model");
        Directory.CreateDirectory(model);
        var script = ModelArchive.UnpackStdin + " \"$1\" < \"$0\"\n" + ModelArchive.VerifyDigest + " \"$1\"";
        var start = new ProcessStartInfo("/bin/sh", ["-ec", script, archive, model]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = empty;
        start.Environment.Remove("CLOUDSDK_PYTHON");
        if (cloudSdkPython is not null)
        {
            start.Environment["CLOUDSDK_PYTHON"] = cloudSdkPython;
        }

        return LoaderFiles.Run(start, digest);
    }

    // An interpreter at a path like the bundled one: a link to this machine's python3 (resolved past pyenv's shim).
    private string StandIn()
    {
        var real = new ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true };
        using var process = Process.Start(real)!;
        var executable = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var link = Path.Combine(_dir.Path, "google-cloud-sdk", "platform", "bundledpythonunix", "bin", "python3");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, executable);
        return link;
    }

}
