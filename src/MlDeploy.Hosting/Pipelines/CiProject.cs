using System.Collections.Immutable;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>Everything a generated pipeline is computed from.</summary>
/// <param name="Name">The Pulumi project name.</param>
/// <param name="TestCommand">The repository's test command (the README's <c>dotnet test Deploy.sln</c>).</param>
/// <param name="DotnetFromGlobalJson">Whether the .NET SDK is chosen by global.json at the project root.</param>
/// <param name="Stacks">Every stack, ordered by name.</param>
/// <param name="Promotion">The main-branch promotion path.</param>
/// <param name="StackFolder">The stack config folder relative to the project root (Pulumi.yaml's <c>stackConfigDir</c>).</param>
internal sealed record CiProject(string Name, string TestCommand, bool DotnetFromGlobalJson, ImmutableArray<CiStack> Stacks, Promotion Promotion, string StackFolder)
{
    /// <summary>The stack program's runner, relative to the project root (the working folder of every job).</summary>
    public const string Compile = "sh stacks/compile.sh";

    /// <summary>Gets the stack a promotion starts from.</summary>
    public CiStack From => Stacks.Single(s => s.Name == Promotion.From);

    /// <summary>Gets the protected stack.</summary>
    public CiStack To => Stacks.Single(s => s.Name == Promotion.To);

    /// <summary>The file <c>promote</c> changes and the job commits.</summary>
    /// <param name="stack">The stack.</param>
    /// <returns>The path relative to the project root.</returns>
    public string StackFile(string stack) => StackFolder == "." ? $"Pulumi.{stack}.yaml" : $"{StackFolder}/Pulumi.{stack}.yaml";
}
