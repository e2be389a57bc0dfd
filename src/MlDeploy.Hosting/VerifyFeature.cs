using System.Diagnostics.CodeAnalysis;
using MlDeploy.Validation;

namespace MlDeploy.Hosting;

/// <summary>
/// Whether this executable carries <c>verify</c>. The NativeAOT compiler that Pulumi runs before every preview is
/// published with the switch off (stacks/compile.sh, Directory.Build.props), so the AOT compiler drops verify's HTTP
/// stack and AWSSDK.Core's credential chain, whose types cost every <c>compile</c> start-up (docs/BENCHMARKS.md);
/// compile.sh runs <c>verify</c> from a JIT build instead.
/// </summary>
internal static class VerifyFeature
{
    public const string Switch = "MlDeploy.Hosting.Verify";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var on) || on;

    public static int Unavailable() => throw new InvalidInputException(new Diagnostic(
        "verify",
        "is not built into this executable (the NativeAOT compiler leaves it out so that `compile` starts faster)",
        "run `sh stacks/compile.sh verify ...`, which runs it from a JIT build"));
}
