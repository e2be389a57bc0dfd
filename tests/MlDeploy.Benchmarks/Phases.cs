using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using System.Diagnostics;
using System.Globalization;
using MlDeploy.Graph;
using MlDeploy.Pipeline;
using MlDeploy.Writers;

namespace MlDeploy.Benchmarks;

/// <summary>
/// A quick profile without BenchmarkDotNet: time and allocation per pipeline phase, and the memory the result
/// holds, for growing N (to check that time and memory grow linearly).
/// </summary>
internal static class Phases
{
    public static int Run(IReadOnlyList<int> sizes, int repetitions, bool mixed)
    {
        var synthesizer = new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All);
        var stack = new StackIdentity("ml-platform", "bench", RepoRoot.Path);
        Console.WriteLine("deployments  resources  yaml-lines  synth-ms  write-ms  total-ms  gc-pause-ms  allocated-MB  retained-MB  (median of {0} runs after one warm-up)", repetitions);
        foreach (var n in sizes)
        {
            var platform = BenchPlatform.Create(n, mixed: mixed);
            var synth = new List<double>();
            var write = new List<double>();
            var pauses = new List<double>();
            long allocated = 0, retained = 0;
            ResourceGraph? graph = null;
            var lines = 0;
            for (var i = 0; i <= repetitions; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var pauseBefore = GC.GetTotalPauseDuration();
                var start = Stopwatch.GetTimestamp();
                var synthesis = synthesizer.Synthesize(platform, stack);
                var mid = Stopwatch.GetTimestamp();
                // Written the way the compile command writes: streamed to UTF-8 output (here discarded, lines counted).
                var yaml = new LineCounter();
                PulumiYamlWriter.Write(synthesis.Graph, stack.Project, "benchmark", yaml);
                var end = Stopwatch.GetTimestamp();
                var pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                retained = GC.GetTotalMemory(forceFullCollection: true) - before;
                GC.KeepAlive(synthesis);
                GC.KeepAlive(yaml);
                graph = synthesis.Graph;
                lines = yaml.Lines;
                if (i > 0)
                {
                    synth.Add(Stopwatch.GetElapsedTime(start, mid).TotalMilliseconds);
                    write.Add(Stopwatch.GetElapsedTime(mid, end).TotalMilliseconds);
                    pauses.Add(pause);
                }
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{n,11}  {graph!.Resources.Length,9}  {lines,10}  {Median(synth),8:F2}  {Median(write),8:F2}  {Median(synth) + Median(write),8:F2}  {Median(pauses),11:F2}  {allocated / 1048576.0,12:F1}  {retained / 1048576.0,11:F1}"));
        }

        return 0;
    }

    /// <summary>A text writer that encodes what it is given as UTF-8 (as stdout does), drops the bytes and counts lines.</summary>
    private sealed class LineCounter : TextWriter
    {
        private readonly byte[] _bytes = new byte[64 * 1024];

        public int Lines { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Write([value]);

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Lines += buffer.Count('\n');
            while (!buffer.IsEmpty)
            {
                var take = Math.Min(buffer.Length, _bytes.Length / 3);
                System.Text.Encoding.UTF8.GetBytes(buffer[..take], _bytes);
                buffer = buffer[take..];
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
