using System.Text;
using BenchmarkDotNet.Attributes;
using MlDeploy.Hosting;
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

    /// <summary>Gets or sets the number of deployments.</summary>
    [Params(1, 10, 100, 1000)]
    public int Deployments { get; set; }

    /// <summary>Builds the platform and the synthesizer once per parameter value.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _platform = BenchPlatform.Create(Deployments);
        _synthesizer = new Synthesizer(DeployApp.DefaultPlanners);
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
