namespace MlDeploy.Hosting;

/// <summary>
/// The process's stdin, opened on first use: only <c>verify</c> reads it, and <see cref="Console.In"/> builds its reader
/// and decoder when first touched, a cost every <c>compile</c> start paid for nothing (docs/BENCHMARKS.md, stop 15).
/// </summary>
internal sealed class ConsoleInput : TextReader
{
    public override int Peek() => Console.In.Peek();

    public override int Read() => Console.In.Read();

    public override int Read(char[] buffer, int index, int count) => Console.In.Read(buffer, index, count);

    public override int Read(Span<char> buffer) => Console.In.Read(buffer);

    public override string? ReadLine() => Console.In.ReadLine();

    public override string ReadToEnd() => Console.In.ReadToEnd();
}
