using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>Where the stack program keeps model digests across runs: the user's cache folder, unless told otherwise.</summary>
public sealed class DigestCacheTests
{
    [Theory]
    [InlineData("/srv/cache", "/xdg", "/home/ci", "/srv/cache/model-digests")]
    [InlineData(null, "/xdg", "/home/ci", "/xdg/mldeploy/model-digests")]
    [InlineData(null, "relative/xdg", "/home/ci", "/home/ci/.cache/mldeploy/model-digests")]
    [InlineData(null, null, "/home/ci", "/home/ci/.cache/mldeploy/model-digests")]
    public void Folder_IsTheNamedOne_ThenXdgCacheHome_ThenHomesDotCache(string? named, string? xdg, string? home, string expected)
    {
        var cache = DigestCache.For(Environment(named, xdg, home));

        Assert.Equal(expected, cache?.Directory);
    }

    [Fact]
    public void NamedAsNothing_TurnsTheCacheOff()
    {
        Assert.Null(DigestCache.For(Environment(string.Empty, "/xdg", "/home/ci")));
    }

    [Fact]
    public void WithoutAnyHomeFolder_ThereIsNoCache()
    {
        Assert.Null(DigestCache.For(Environment(null, null, null)));
    }

    private static Func<string, string?> Environment(string? named, string? xdg, string? home) => name => name switch
    {
        DigestCache.Variable => named,
        "XDG_CACHE_HOME" => xdg,
        "HOME" => home,
        _ => null,
    };
}
