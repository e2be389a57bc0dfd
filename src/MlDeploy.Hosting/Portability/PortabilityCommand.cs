using System.CommandLine;
using MlDeploy.Hosting.Reports;
using MlDeploy.Portability;
using MlDeploy.Writers;

namespace MlDeploy.Hosting.Portability;

/// <summary>
/// The <c>portability</c> verb (decision 43): each deployment of a stack validated and planned on every registered
/// target (<see cref="PortabilityAnalysis"/>), shown as tables on a terminal, an aligned text matrix when redirected, or,
/// with <c>--json</c>, the documented JSON document (<see cref="ReportOutput"/>).
/// </summary>
internal static class PortabilityCommand
{
    /// <summary>Builds the <c>portability</c> command.</summary>
    /// <param name="host">The process's streams.</param>
    /// <param name="analyze">Synthesizes the stack (refusing an invalid one) and computes its matrix.</param>
    /// <returns>The command.</returns>
    public static Command Create(HostEnvironment host, Func<string, PortabilityReport> analyze)
    {
        var stack = new Option<string>("--stack") { Description = "The stack whose config file (stacks/Pulumi.<stack>.yaml) to use", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON (docs/schemas/portability.schema.json) instead of the text matrix" };
        var command = new Command("portability", "Plan each deployment on every registered target: native, approximated (how) or impossible (why), per concept") { stack, json };
        command.SetAction(r =>
        {
            var report = analyze(r.GetValue(stack)!);
            ReportOutput.Write(host, r.GetValue(json), () => PortabilityWriter.Build(report), () => PortabilityJsonWriter.Write(report));
            return ExitCodes.Success;
        });
        return command;
    }
}
