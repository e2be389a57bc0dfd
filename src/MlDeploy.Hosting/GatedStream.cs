namespace MlDeploy.Hosting;

/// <summary>
/// An output stream held shut until an action has run: the published program's stdout and stderr wait for its
/// <see cref="SourceCheck"/> before their first byte (the action may end the process instead).
/// </summary>
/// <param name="inner">The stream written to once open.</param>
/// <param name="open">Runs before the first write or flush (once).</param>
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
        Pass();
        inner.Flush();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Pass();
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
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
