using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Tests.Ecs;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// One stack program run through the host: the reference deployment "fraud" of each target in <see cref="On"/>,
/// changed into the deployments the program declares. <see cref="Expected"/> is the exact stderr, one diagnostic
/// (without the leading "error: ") per line, with {root} for the project folder and {target} for the target's name.
/// </summary>
internal sealed record ModelCase(string On, Func<ModelDeployment, ImmutableArray<ModelDeployment>> Deployments, string Expected)
{
    /// <summary>Gets the stack file the run uses (stacks/Pulumi.qa.yaml), or null for the project's valid staging stack.</summary>
    public string? StackFile { get; init; }

    /// <summary>Gets the command line the host runs: the stack the case names (or staging), into --out when one is given.</summary>
    public string[] Arguments(string? outDirectory) =>
        [.. new[] { "synth", "--stack", StackFile is null ? "staging" : "qa" }, .. outDirectory is null ? Array.Empty<string>() : ["--out", outDirectory]];

    /// <summary>The project changes the case makes.</summary>
    public Dictionary<string, byte[]?> Files => StackFile is null ? [] : new() { ["stacks/Pulumi.qa.yaml"] = HostCase.Utf8(StackFile) };

    /// <summary>Every registered target: a cloud-neutral rule must read the same on each.</summary>
    public const string All = "*";

    public const string OnSageMaker = "sagemaker", OnFargate = "fargate", OnEks = "eks";

    public static ImmutableArray<string> Targets { get; } = [OnSageMaker, OnFargate, OnEks];

    /// <summary>The valid deployment a case changes: named "fraud" on every target, so cloud-neutral messages match.</summary>
    public static ModelDeployment Reference(string target) => target switch
    {
        OnSageMaker => SampleDeployments.CpuEndpoint(),
        OnFargate => FargateSamples.Internal() with { Name = "fraud" },
        OnEks => EksSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Name = "fraud" },
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not a registered target"),
    };

    /// <summary>The targets the case runs on: all, one, or a comma-separated list.</summary>
    public IEnumerable<string> TargetsToRun => On == All ? Targets : On.Split(',');

    /// <summary>The exact stderr of the host on a target: {target} reads as the target's name in messages.</summary>
    public string Stderr(string target, string root) =>
        string.Concat(Expected.Split('\n').Select(line => $"error: {line.Replace("{root}", root, StringComparison.Ordinal).Replace("{target}", DisplayName(target), StringComparison.Ordinal)}\n"));

    /// <summary>What capability messages call each target.</summary>
    private static string DisplayName(string target) => target switch
    {
        OnSageMaker => "SageMaker real-time endpoints",
        OnFargate => "ECS on Fargate services",
        _ => "EKS workloads",
    };

    public static ModelCase One(string on, Func<ModelDeployment, ModelDeployment> change, string expected) => new(on, d => [change(d)], expected);

    public static ModelCase Many(string on, Func<ModelDeployment, ModelDeployment[]> deployments, string expected) => new(on, d => [.. deployments(d)], expected);
}
