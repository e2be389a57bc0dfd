using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using System.Text;
using BenchmarkDotNet.Attributes;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Writers;

namespace MlDeploy.Benchmarks;

/// <summary>
/// In-process synthesis of N SageMaker deployments: validate, plan, freeze and check the graph, guardrails, and
/// write the Pulumi YAML program: everything the compiler does after the stack program built its platform.
/// </summary>
[MemoryDiagnoser]
public class SynthesisBenchmarks
{
    private Platform _platform = null!;
    private Synthesizer _synthesizer = null!;
    private StackIdentity _stack = null!;

    /// <summary>Gets the cases: SageMaker only at 1, 10, 100 and 1000 deployments; the nine targets mixed at 100 and 1000.</summary>
    public static IEnumerable<BenchCase> Cases =>
    [
        new("sagemaker", 1), new("sagemaker", 10), new("sagemaker", 100), new("sagemaker", 1000),
        new("mixed", 100), new("mixed", 1000),
    ];

    /// <summary>Gets or sets the case.</summary>
    [ParamsSource(nameof(Cases))]
    public BenchCase Case { get; set; }

    /// <summary>Builds the platform and the synthesizer once per parameter value.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _platform = BenchPlatform.Create(Case.Deployments, mixed: Case.Mix == "mixed");
        _synthesizer = new Synthesizer(AwsTargets.All, AzureTargets.All, GcpTargets.All);
        _stack = new StackIdentity("ml-platform", "bench", RepoRoot.Path);
    }

    /// <summary>Synthesizes and returns the program as one string (the library API).</summary>
    /// <returns>The program text.</returns>
    [Benchmark]
    public string SynthesizeAndWrite()
    {
        var synthesis = _synthesizer.Synthesize(_platform, _stack);
        return PulumiYamlWriter.Write(synthesis.Graph, _stack.Project, "benchmark");
    }

    /// <summary>Synthesizes and writes the program as UTF-8 to a stream, the way the compile command prints it to stdout.</summary>
    /// <returns>The number of resources.</returns>
    [Benchmark]
    public int SynthesizeAndWriteToStream()
    {
        var synthesis = _synthesizer.Synthesize(_platform, _stack);
        using var stdout = new StreamWriter(Stream.Null, new UTF8Encoding(false)) { NewLine = "\n" };
        PulumiYamlWriter.Write(synthesis.Graph, _stack.Project, "benchmark", stdout);
        return synthesis.Graph.Resources.Length;
    }
}

/// <summary>One benchmark case: which targets, how many deployments.</summary>
/// <param name="Mix"><c>sagemaker</c> or <c>mixed</c> (all nine targets).</param>
/// <param name="Deployments">The number of deployments.</param>
public readonly record struct BenchCase(string Mix, int Deployments)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Mix}-{Deployments}";
}
