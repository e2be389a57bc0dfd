using System.CommandLine;
using MlDeploy.Graph;
using MlDeploy.Hosting.Pipelines;
using MlDeploy.Validation;
using MlDeploy.Writers;

namespace MlDeploy.Hosting.Graphs;

/// <summary>
/// The <c>graph</c> verb (decision 41): draws a stack's synthesized <see cref="ResourceGraph"/> as Mermaid, Graphviz DOT
/// or a self-contained HTML page, printed or written atomically to <c>--out</c>. Every argument is checked before the
/// stack is synthesized, and nothing is printed or written unless the whole drawing could be made.
/// </summary>
internal static class GraphCommand
{
    /// <summary>Builds the <c>graph</c> command.</summary>
    /// <param name="host">The process's streams, environment and working folder.</param>
    /// <param name="project">Finds the project (deferred: <c>--help</c> needs none).</param>
    /// <param name="synthesize">Synthesizes one stack of the project.</param>
    /// <returns>The command.</returns>
    public static Command Create(HostEnvironment host, Func<ProjectFiles> project, Func<ProjectFiles, string, ResourceGraph> synthesize)
    {
        var stack = new Option<string>("--stack") { Description = "The stack whose config file (stacks/Pulumi.<stack>.yaml) to use", Required = true };
        var format = new Option<string?>("--format") { Description = $"{GraphFormats.Names} (default: mermaid)" };
        var @out = new Option<string?>("--out") { Description = "Write the drawing to this file (atomically) instead of printing it" };
        var mermaidJs = new Option<string?>("--mermaid-js") { Description = $"html only: Mermaid's browser bundle to inline (node_modules/mermaid/dist/mermaid.min.js; default: ${MermaidScript.EnvironmentVariable})" };
        var command = new Command("graph", "Draw the stack's resources, grouped by deployment and shared component, with their references and dependsOn") { stack, format, @out, mermaidJs };
        command.SetAction(r => Run(host, project(), synthesize, r.GetValue(stack)!, r.GetValue(format), r.GetValue(@out), r.GetValue(mermaidJs)));
        return command;
    }

    private static int Run(HostEnvironment host, ProjectFiles project, Func<ProjectFiles, string, ResourceGraph> synthesize, string stack, string? formatValue, string? @out, string? mermaidJs)
    {
        // The cheap checks come first, so a typo is reported before the (slower) synthesis.
        var format = GraphFormats.Parse(formatValue);
        if (mermaidJs is not null && format != GraphFormat.Html)
        {
            throw new InvalidInputException(new Diagnostic($"--mermaid-js {mermaidJs}", "is only read by --format html", "drop it, or add --format html"));
        }

        var bundle = format == GraphFormat.Html ? MermaidScript.Locate(host, mermaidJs) : default;
        // The ci verb's file rules are this verb's too: a folder or an unusable path is refused, folders are created, the
        // write is atomic and a failed one leaves nothing behind.
        var target = @out is null ? null : CiOutputFile.Resolve(host.WorkingDirectory, project.RootDirectory, @out, $"graph.{Extension(format)}");
        var script = format == GraphFormat.Html ? MermaidScript.Read(bundle) : string.Empty;

        var graph = synthesize(project, stack);
        var title = $"{project.Name} {stack}";
        var text = format switch
        {
            GraphFormat.Dot => DotGraphWriter.Write(graph, title),
            GraphFormat.Html => GraphHtmlWriter.Write(graph, title, script),
            _ => MermaidGraphWriter.Write(graph),
        };
        if (target is null)
        {
            host.Stdout.Write(text);
            return ExitCodes.Success;
        }

        CiOutputFile.Write(target, @out!, text);
        host.Stderr.WriteLine($"wrote {Path.GetRelativePath(host.WorkingDirectory, target).Replace('\\', '/')} ({Extension(format)}: {graph.Resources.Length} resources, {graph.Invokes.Length} invokes)");
        return ExitCodes.Success;
    }

    private static string Extension(GraphFormat format) => format switch
    {
        GraphFormat.Dot => "dot",
        GraphFormat.Html => "html",
        _ => "mmd",
    };
}
