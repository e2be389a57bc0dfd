using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Validation;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>One synthesized stack, as the host hands it to the <c>ci</c> verb.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Platform">The platform its config defined.</param>
/// <param name="Synthesis">Its synthesized program.</param>
internal sealed record SynthesizedStack(string Stack, Platform Platform, Synthesis Synthesis);

/// <summary>Computes a <see cref="CiProject"/> from the project's files and every stack's synthesized platform.</summary>
internal static partial class CiProjectReader
{
    /// <summary>The providers whose resources need a cloud sign-in, by package name (the cluster providers sign in through them).</summary>
    private static readonly Dictionary<string, Cloud> s_providerClouds = new(StringComparer.Ordinal)
    {
        [PulumiPackages.Aws.Name] = Cloud.Aws,
        [PulumiPackages.AzureNative.Name] = Cloud.Azure,
        [PulumiPackages.Gcp.Name] = Cloud.Google,
    };

    /// <summary>Reads the project.</summary>
    /// <param name="project">The project's files.</param>
    /// <param name="stacks">Every stack, synthesized (a stack that does not synthesize fails the command first).</param>
    /// <param name="promote">The --promote value, or null.</param>
    /// <returns>The pipeline's input.</returns>
    /// <exception cref="InvalidInputException">The promotion path is wrong, or two stacks would share CI names.</exception>
    public static CiProject Read(ProjectFiles project, IReadOnlyList<SynthesizedStack> stacks, string? promote)
    {
        var names = stacks.Select(s => s.Stack).ToImmutableArray();
        var promotion = Promotion.Resolve(promote, names);
        var ciStacks = stacks.Select(s => Stack(project, s)).ToImmutableArray();

        var clashes = ciStacks.GroupBy(s => s.VariablePrefix, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (clashes.Count > 0)
        {
            throw new InvalidInputException(clashes.Select(g => new Diagnostic(
                project.DisplayPath(project.StackConfigDirectory),
                $"stacks {string.Join(" and ", g.Select(s => s.Name))} would share the CI variables {g.Key}_*",
                "CI variable names ignore case and read '-' and '.' as '_': rename one of the stacks")));
        }

        var solutions = Directory.EnumerateFiles(project.RootDirectory, "*.sln").Concat(Directory.EnumerateFiles(project.RootDirectory, "*.slnx"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        // The README's command (`dotnet test Deploy.sln`): the one solution at the root; without exactly one, dotnet
        // test decides (it refuses a folder with several, which CI then reports).
        var test = solutions.Count == 1 ? $"dotnet test {solutions[0]}" : "dotnet test";
        var stackFolder = project.DisplayPath(project.StackConfigDirectory);
        return new CiProject(project.Name, test, File.Exists(Path.Combine(project.RootDirectory, "global.json")), ciStacks, promotion, stackFolder.Length == 0 ? "." : stackFolder);
    }

    private static CiStack Stack(ProjectFiles project, SynthesizedStack stack)
    {
        var clouds = stack.Platform.Deployments.Select(d => d.Target.Cloud)
            .Concat(stack.Synthesis.Graph.Packages.Where(p => s_providerClouds.ContainsKey(p.Name)).Select(p => s_providerClouds[p.Name]))
            .Distinct()
            .Order()
            .ToImmutableArray();
        var region = clouds.Contains(Cloud.Aws) ? project.ReadStack(stack.Stack).Get("aws:region") : null;
        if (region is not null && !Region().IsMatch(region))
        {
            // It is written into the workflow and a shell line: only what a region name can be.
            throw new InvalidInputException(new Diagnostic(project.DisplayPath(project.StackFile(stack.Stack)), $"aws:region '{region}' is not an AWS region name", "use a region such as eu-west-1"));
        }

        var tools = stack.Synthesis.DeployerTools.Select(t => t.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new CiStack(stack.Stack, clouds, region, tools);
    }

    [GeneratedRegex(@"\A[a-z]{2}(-[a-z]+)+-[0-9]\z")]
    private static partial Regex Region();
}
