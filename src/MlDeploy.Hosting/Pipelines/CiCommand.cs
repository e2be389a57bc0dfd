using System.CommandLine;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>
/// The <c>ci github</c> and <c>ci circleci</c> verbs: write the project's CI pipeline (decision 40). The pipeline is
/// computed from every stack, so a stack that does not synthesize fails the command (exit 2) and nothing is written.
/// </summary>
internal static class CiCommand
{
    /// <summary>Builds the <c>ci</c> command.</summary>
    /// <param name="host">The process's streams and working folder.</param>
    /// <param name="project">Finds the project (deferred: <c>--help</c> needs none).</param>
    /// <param name="synthesizeEvery">Synthesizes every stack of the project, reporting every stack's problems at once.</param>
    /// <returns>The command.</returns>
    public static Command Create(HostEnvironment host, Func<ProjectFiles> project, Func<ProjectFiles, IReadOnlyList<SynthesizedStack>> synthesizeEvery)
    {
        var ci = new Command("ci", "Write the CI pipeline that tests, previews, deploys, promotes and drift-checks every stack");
        foreach (var provider in new[] { CiProvider.GitHub, CiProvider.CircleCi })
        {
            var outOption = new Option<string?>("--out") { Description = $"Where to write the pipeline (default: {provider.DefaultOut} under the project root, taken as the repository root)" };
            var promoteOption = new Option<string?>("--promote") { Description = "The promotion path <from>:<to> (default: staging:prod when both stacks exist)" };
            var command = new Command(provider.Verb, $"Write the {(provider == CiProvider.GitHub ? "GitHub Actions workflow" : "CircleCI config")}") { outOption, promoteOption };
            command.SetAction(r => Write(host, project(), synthesizeEvery, provider, r.GetValue(outOption), r.GetValue(promoteOption)));
            ci.Add(command);
        }

        return ci;
    }

    private static int Write(HostEnvironment host, ProjectFiles project, Func<ProjectFiles, IReadOnlyList<SynthesizedStack>> synthesizeEvery, CiProvider provider, string? @out, string? promote)
    {
        // The promotion path is checked before the (slower) synthesis, and the output path before anything is computed,
        // so a typo is reported at once.
        Promotion.Resolve(promote, project.Stacks());
        var target = CiOutputFile.Resolve(host.WorkingDirectory, project.RootDirectory, @out, provider.DefaultOut);
        var pipeline = provider.Write(CiProjectReader.Read(project, synthesizeEvery(project), promote));
        CiOutputFile.Write(target, @out ?? provider.DefaultOut, pipeline);
        host.Stderr.WriteLine($"wrote {Path.GetRelativePath(host.WorkingDirectory, target).Replace('\\', '/')} ({provider.Verb}: {pipeline.Count(c => c == '\n')} lines)");
        return ExitCodes.Success;
    }
}
