using System.Text;
using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>The published program's stdout and stderr: nothing reaches them before the source check has answered.</summary>
public sealed class GatedOutputTests
{
    [Fact]
    public void Stream_OpensBeforeTheFirstByteReachesTheOutputAndOnlyOnce()
    {
        using var inner = new MemoryStream();
        var seenAtOpen = new List<long>();
        using var gated = GatedOutput.Stream(inner, () => seenAtOpen.Add(inner.Length));

        gated.Write("name: a\n"u8);
        gated.Write(Encoding.UTF8.GetBytes("runtime: yaml\n"), 0, 14);

        Assert.Equal([0L], seenAtOpen);
        Assert.Equal("name: a\nruntime: yaml\n", Encoding.UTF8.GetString(inner.ToArray()));
    }

    [Fact]
    public void Stream_AFlushWithNothingWritten_StillOpens()
    {
        using var inner = new MemoryStream();
        var opened = 0;
        using var gated = GatedOutput.Stream(inner, () => opened++);

        gated.Flush();

        Assert.Equal(1, opened);
    }

    [Fact]
    public void Stream_WhenTheOpeningEndsTheProgram_NothingIsWritten()
    {
        using var inner = new MemoryStream();
        using var gated = GatedOutput.Stream(inner, () => throw new OperationCanceledException("republished"));

        Assert.Throws<OperationCanceledException>(() => gated.Write("stale program\n"u8));
        Assert.Equal(0, inner.Length);
    }

    [Fact]
    public void Writer_OpensBeforeTheFirstTextInEveryFormAndOnlyOnce()
    {
        using var inner = new StringWriter();
        var seenAtOpen = new List<string>();
        using var gated = GatedOutput.Writer(inner, () => seenAtOpen.Add(inner.ToString()));

        gated.WriteLine("error: Deployments[0].Name: ...");
        gated.Write('x');
        gated.Write("yz".AsSpan());
        gated.Write(['!'], 0, 1);

        Assert.Equal([string.Empty], seenAtOpen);
        Assert.Equal("error: Deployments[0].Name: ...\nxyz!", inner.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Writer_WhenTheOpeningEndsTheProgram_NothingIsWritten()
    {
        using var inner = new StringWriter();
        using var gated = GatedOutput.Writer(inner, () => throw new OperationCanceledException("republished"));

        Assert.Throws<OperationCanceledException>(() => gated.WriteLine("error: stale diagnostics"));
        Assert.Equal(string.Empty, inner.ToString());
    }
}
