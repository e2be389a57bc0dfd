using MlDeploy.Model;
using MlDeploy.Graph;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>
/// A synthesis reads each local model from disk once and every step sees that one reading; a later synthesis in the
/// same process (a test host, a language server) reads the files again.
/// </summary>
public sealed class LocalArtifactSnapshotTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void InsideAScope_AFolderIsListedOnce_EvenWhenItChangesMeanwhile()
    {
        Write("model/weights.bin", "w");
        using (LocalArtifactSnapshot.Begin())
        {
            var first = ArtifactFiles.Of(_root.Path, new FileArtifact("model"));
            var digest = ModelDigest.Compute(_root.Path, new FileArtifact("model"));
            Write("model/extra.bin", "e");

            Assert.Equal(["weights.bin"], ArtifactFiles.Of(_root.Path, new FileArtifact("model")).Files);
            Assert.Equal(first.Files, ArtifactFiles.Of(_root.Path, new FileArtifact("model")).Files);
            Assert.Equal(digest, ModelDigest.Compute(_root.Path, new FileArtifact("model")));
        }

        Assert.Equal(["extra.bin", "weights.bin"], ArtifactFiles.Of(_root.Path, new FileArtifact("model")).Files);
    }

    [Fact]
    public void OutsideAScope_EveryReadGoesToDisk()
    {
        Write("model/weights.bin", "w");
        var before = ModelDigest.Compute(_root.Path, new FileArtifact("model"));
        Write("model/weights.bin", "x");

        Assert.NotEqual(before, ModelDigest.Compute(_root.Path, new FileArtifact("model")));
        Assert.Equal(["weights.bin"], ArtifactFiles.Of(_root.Path, new FileArtifact("model")).Files);
    }

    [Fact]
    public void AnInnerScope_LeavesTheOuterScopesReadingInPlace()
    {
        Write("model/weights.bin", "w");
        using (LocalArtifactSnapshot.Begin())
        {
            var outer = LocalArtifactSnapshot.Of(_root.Path, new FileArtifact("model"));
            using (LocalArtifactSnapshot.Begin())
            {
                Assert.Same(outer, LocalArtifactSnapshot.Of(_root.Path, new FileArtifact("model")));
            }

            Write("model/extra.bin", "e");
            Assert.Same(outer, LocalArtifactSnapshot.Of(_root.Path, new FileArtifact("model")));
        }
    }

    [Fact]
    public void AMissingArtifact_IsSeenMissingUntilItIsThere()
    {
        using (LocalArtifactSnapshot.Begin())
        {
            Assert.False(LocalArtifactSnapshot.Of(_root.Path, new FileArtifact("model.pkl")).Exists);
            Assert.Null(ModelDigest.Of(_root.Path, new FileArtifact("model.pkl")));
        }

        Write("model.pkl", "pickle");
        Assert.True(LocalArtifactSnapshot.Of(_root.Path, new FileArtifact("model.pkl")).Exists);
        Assert.NotNull(ModelDigest.Of(_root.Path, new FileArtifact("model.pkl")));
    }

    [Fact]
    public void TwoSynthesesInOneProcess_PinTheModelAsItIsAtEach()
    {
        Write("model/weights.bin", "v1");
        var synthesizer = SampleDeployments.Synthesizer();
        var stack = SampleDeployments.Staging with { RootDirectory = _root.Path };
        var platform = SampleDeployments.Platform(EnvironmentProfile.Development, SampleDeployments.CpuEndpoint("scorer") with { Image = ImageSource.Existing(SampleDeployments.PinnedImage), Artifact = ModelArtifact.FromFile("model") });

        var first = Pinned(synthesizer.Synthesize(platform, stack));
        Write("model/weights.bin", "v2");
        var second = Pinned(synthesizer.Synthesize(platform, stack));

        Assert.Equal(ModelDigest.Compute(_root.Path, new FileArtifact("model")), second);
        Assert.NotEqual(first, second);
    }

    // The digest the program exports for promote (ModelPins), as planned.
    private static string Pinned(Synthesis synthesis) =>
        Assert.IsType<StringValue>(Assert.Single(synthesis.Graph.Outputs, o => o.Name == "scorer-model-sha256").Value).Value;

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
