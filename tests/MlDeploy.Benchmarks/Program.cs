using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MlDeploy.Benchmarks;

// dotnet run -c Release --project tests/MlDeploy.Benchmarks -- [--quick] [BenchmarkDotNet options, e.g. --filter '*']
//   --quick   a short job (3 warm-ups, 5 iterations, one launch): the whole table in a few minutes on 2 cores
// dotnet run -c Release --project tests/MlDeploy.Benchmarks -- phases [--mixed] [N ...]
//   a quick profile without BenchmarkDotNet: time, allocation and retained memory per N (default 1 10 100 1000);
//   --mixed cycles deployments over all nine targets instead of SageMaker only
if (args is ["phases", .. var phaseArgs])
{
    var mixed = phaseArgs.Contains("--mixed");
    var sizes = phaseArgs.Where(a => a != "--mixed").ToArray();
    return Phases.Run(sizes.Length == 0 ? [1, 10, 100, 1000] : [.. sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture))], repetitions: 5, mixed);
}

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();

// In-process: the benchmarks run in this process, so BenchmarkDotNet does not build a second copy of the
// solution (other builds share these folders).
var job = quick
    ? Job.Default.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1)
    : Job.Default;
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(SynthesisBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
return 0;
