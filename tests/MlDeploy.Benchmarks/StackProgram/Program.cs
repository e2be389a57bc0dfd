using System.Globalization;
using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Benchmarks;
using MlDeploy.Hosting;

// A stack program with N deployments, for timing the whole compiler process the way Pulumi runs it:
//   MLDEPLOY_BENCH_DEPLOYMENTS=100 PULUMI_STACK=bench PULUMI_PROJECT=ml-platform PULUMI_CONFIG='{}' dotnet <this>.dll compile
// N comes from the config key `deployments` (ml-platform:deployments), else MLDEPLOY_BENCH_DEPLOYMENTS, else 1.
// MLDEPLOY_BENCH_MIXED=1 cycles deployments over all nine targets (BenchPlatform's mixed platform).
return DeployApp.Run(args, stack =>
{
    var fallback = int.TryParse(Environment.GetEnvironmentVariable("MLDEPLOY_BENCH_DEPLOYMENTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
    var mixed = Environment.GetEnvironmentVariable("MLDEPLOY_BENCH_MIXED") == "1";
    return BenchPlatform.Create(stack.Config.GetInt32("deployments", fallback), stack.Profile, mixed);
}, AwsTargets.All, AzureTargets.All, GcpTargets.All);
