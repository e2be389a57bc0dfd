using System.Text;
using MlDeploy.Hosting;

namespace MlDeploy.Tests.Hosting;

/// <summary>The published program's stdout and stderr: nothing reaches them before the source check has answered.</summary>
public sealed class GatedStreamTests
{
    [Fact]
    public void Write_OpensBeforeTheFirstByteReachesTheOutputAndOnlyOnce()
    {
        using var inner = new MemoryStream();
        var seenAtOpen = new List<long>();
        using var gated = new GatedStream(inner, () => seenAtOpen.Add(inner.Length));

        gated.Write("name: a\n"u8);
        gated.Write(Encoding.UTF8.GetBytes("runtime: yaml\n"), 0, 14);

        Assert.Equal([0L], seenAtOpen);
        Assert.Equal("name: a\nruntime: yaml\n", Encoding.UTF8.GetString(inner.ToArray()));
    }

    [Fact]
    public void FlushAndEmptyWrites_BeforeTheFirstByte_DoNotOpen()
    {
        // Opening waits for the source check: a flush with nothing to pass on must not make the program wait for it.
        using var inner = new MemoryStream();
        var opened = 0;
        using var gated = new GatedStream(inner, () => opened++);

        gated.Flush();
        gated.Write([], 0, 0);
        gated.Write(ReadOnlySpan<byte>.Empty);

        Assert.Equal(0, opened);
        gated.Write("a"u8);
        gated.Flush();
        Assert.Equal(1, opened);
    }

    [Fact]
    public void Write_WhenTheOpeningEndsTheProgram_NothingIsWritten()
    {
        using var inner = new MemoryStream();
        using var gated = new GatedStream(inner, () => throw new OperationCanceledException("republished"));

        Assert.Throws<OperationCanceledException>(() => gated.Write("stale program\n"u8));
        Assert.Equal(0, inner.Length);
    }

    [Fact]
    public void AnAutoFlushingWriterOverIt_AsStderrIs_OpensAtItsFirstLineNotWhenBuilt()
    {
        using var inner = new MemoryStream();
        var seenAtOpen = new List<long>();
        using var stderr = new StreamWriter(new GatedStream(inner, () => seenAtOpen.Add(inner.Length)), new UTF8Encoding(false)) { AutoFlush = true };
        Assert.Empty(seenAtOpen); // AutoFlush flushes as the writer is built: that must not wait for the check

        stderr.WriteLine("error: Deployments[0].Name: ...");
        stderr.Write('x');

        Assert.Equal([0L], seenAtOpen);
        Assert.Equal("error: Deployments[0].Name: ...\nx", Encoding.UTF8.GetString(inner.ToArray()).ReplaceLineEndings("\n"));
    }
}
