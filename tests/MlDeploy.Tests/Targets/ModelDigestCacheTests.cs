using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Targets;

/// <summary>
/// Digests kept across runs: used for files of the same stamp (without hashing them), written after a hash, missed
/// when a file changes, and never a reason to fail.
/// </summary>
public sealed class ModelDigestCacheTests : IDisposable
{
    private static readonly string Planted = new('e', 64);
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string CacheFolder => Path.Combine(_root.Path, "cache");

    [Fact]
    public void AStoredDigest_IsUsedForFilesOfTheSameStamp_WithoutHashingThem()
    {
        Write("model/weights.bin", "w");
        var cache = new ModelDigestCache(CacheFolder);
        cache.Store(StampOf("model"), Planted);

        // Not the files' digest: what the cache holds, so the files were not read.
        Assert.Equal(Planted, Compute("model", cache));
    }

    [Fact]
    public void AComputedDigest_IsStoredForTheNextRun()
    {
        Write("model/weights.bin", "w");

        var digest = Compute("model", new ModelDigestCache(CacheFolder));

        Assert.Equal(digest, new ModelDigestCache(CacheFolder).Find(StampOf("model")));
        Assert.Equal(ModelDigest.Compute(_root.Path, new FileArtifact("model")), digest);
    }

    [Fact]
    public void AnEditedFile_MissesTheCache()
    {
        Write("model/weights.bin", "w");
        var cache = new ModelDigestCache(CacheFolder);
        cache.Store(StampOf("model"), Planted);
        Write("model/weights.bin", "longer");

        var digest = Compute("model", cache);

        Assert.NotEqual(Planted, digest);
        Assert.Equal(digest, cache.Find(StampOf("model")));
    }

    [Fact]
    public void AMalformedEntry_IsIgnoredAndReplaced()
    {
        Write("model.pkl", "pickle");
        var cache = new ModelDigestCache(CacheFolder);
        cache.Store(StampOf("model.pkl"), Planted);
        foreach (var entry in Directory.GetFiles(CacheFolder))
        {
            File.WriteAllText(entry, "not a digest");
        }

        var digest = Compute("model.pkl", cache);

        Assert.True(ModelDigest.IsWellFormed(digest));
        Assert.NotEqual(Planted, digest);
        Assert.Equal(digest, cache.Find(StampOf("model.pkl")));
    }

    [Fact]
    public void ACacheFolderThatCannotBeWritten_OnlyCostsTheHashing()
    {
        Write("model.pkl", "pickle");
        File.WriteAllText(CacheFolder, "a file where the folder should be");
        var cache = new ModelDigestCache(CacheFolder);

        var digest = Compute("model.pkl", cache);

        Assert.True(ModelDigest.IsWellFormed(digest));
        Assert.Null(cache.Find(StampOf("model.pkl")));
    }

    private string Compute(string artifact, ModelDigestCache cache)
    {
        using var scope = LocalArtifactSnapshot.Begin(cache);
        return ModelDigest.Compute(_root.Path, new FileArtifact(artifact));
    }

    private string StampOf(string artifact) => LocalArtifactSnapshot.Of(_root.Path, new FileArtifact(artifact)).Stamp;

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
