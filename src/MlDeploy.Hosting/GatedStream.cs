namespace MlDeploy.Hosting;

/// <summary>
/// An output stream held shut until an action has run: the published program's stdout and stderr wait for its
/// <see cref="SourceCheck"/> before their first byte (the action may end the process instead).
/// </summary>
/// <param name="inner">The stream written to once open.</param>
/// <param name="open">Runs before the first byte is written (once).</param>
internal sealed class GatedStream(Stream inner, Action open) : Stream
{
    private bool _open;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
        // Nothing written, nothing held: a flush before the first byte must not wait for the check. A writer with
        // AutoFlush flushes as it is built (stderr's), and opening then made the main thread wait for the whole walk
        // before synthesis started: the check ran before the program's work instead of beside it.
        if (_open)
        {
            inner.Flush();
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (count == 0)
        {
            return;
        }

        Pass();
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        Pass();
        inner.Write(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Pass()
    {
        if (!_open)
        {
            _open = true;
            open();
        }
    }
}
