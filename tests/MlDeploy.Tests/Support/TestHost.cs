using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Hosting;
using MlDeploy.Model;
using MlPlatform.Stacks;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Tests.Support;

/// <summary>Runs the host in-process with captured streams.</summary>
internal sealed record HostRun(int ExitCode, string Stdout, string Stderr);

internal static class TestHost
{
    public static HostRun Run(string[] args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, Func<StackContext, Platform>? define = null, Func<HostEnvironment, HostEnvironment>? configure = null)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var env = environment ?? new Dictionary<string, string>();
        var host = new HostEnvironment(args, k => env.TryGetValue(k, out var v) ? v : null, workingDirectory ?? Repo.Root, stdout, stderr);
        host = configure?.Invoke(host) ?? host;
        var exit = DeployApp.Run(host, define ?? ModelPlatform.Define, [AwsTargets.All, AzureTargets.All, GcpTargets.All]);
        return new HostRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The example project's stacks (stacks/Pulumi.&lt;stack&gt;.yaml), ordered by name.</summary>
    public static IReadOnlyList<string> ExampleStacks { get; } =
        [.. Directory.GetFiles(Repo.PathOf("stacks"), "Pulumi.*.yaml").Select(f => Path.GetFileName(f)["Pulumi.".Length..^".yaml".Length]).Order(StringComparer.Ordinal)];

    /// <summary>The PULUMI_CONFIG Pulumi would pass for a stack file (all values as strings, lists as JSON).</summary>
    public static Dictionary<string, string> CompilerEnvironment(string stack)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repo.PathOf("stacks", $"Pulumi.{stack}.yaml")))
        {
            yaml.Load(reader);
        }

        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var (k, v) in ((YamlMappingNode)root.Children[new YamlScalarNode("config")]).Children)
        {
            values[((YamlScalarNode)k).Value!] = v switch
            {
                YamlScalarNode s => s.Value!,
                YamlSequenceNode q => System.Text.Json.JsonSerializer.Serialize(q.Children.Select(c => ((YamlScalarNode)c).Value).ToArray()),
                _ => throw new InvalidOperationException("unexpected config node"),
            };
        }

        return new Dictionary<string, string>
        {
            ["PULUMI_STACK"] = stack,
            ["PULUMI_PROJECT"] = "ml-platform",
            ["PULUMI_CONFIG"] = System.Text.Json.JsonSerializer.Serialize(values),
        };
    }
}
