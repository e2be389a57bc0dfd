using System.Text;

namespace MlDeploy.Hosting;

/// <summary>
/// Standard output held shut until an action has run: the published program's stdout and stderr wait for its
/// <see cref="SourceCheck"/> before their first byte (the action may end the process instead).
/// </summary>
internal static class GatedOutput
{
    /// <summary>Runs <paramref name="open"/> before the first write or flush that reaches <paramref name="inner"/>.</summary>
    /// <param name="inner">The stream.</param>
    /// <param name="open">The action (run once).</param>
    /// <returns>The gated stream.</returns>
    public static Stream Stream(Stream inner, Action open) => new GatedStream(inner, new Gate(open));

    /// <summary>Runs <paramref name="open"/> before the first text that reaches <paramref name="inner"/>.</summary>
    /// <param name="inner">The writer.</param>
    /// <param name="open">The action (run once).</param>
    /// <returns>The gated writer.</returns>
    public static TextWriter Writer(TextWriter inner, Action open) => new GatedWriter(inner, new Gate(open));

    private sealed class Gate(Action open)
    {
        private bool _open;

        public void Pass()
        {
            if (!_open)
            {
                _open = true;
                open();
            }
        }
    }

    private sealed class GatedStream(Stream inner, Gate gate) : Stream
    {
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
            gate.Pass();
            inner.Flush();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            gate.Pass();
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            gate.Pass();
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
    }

    private sealed class GatedWriter(TextWriter inner, Gate gate) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            gate.Pass();
            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            gate.Pass();
            inner.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            gate.Pass();
            inner.Write(buffer);
        }

        public override void Write(string? value)
        {
            gate.Pass();
            inner.Write(value);
        }

        public override void Flush()
        {
            gate.Pass();
            inner.Flush();
        }
    }
}
