using System.Collections.Immutable;
using MlDeploy.Guardrails;

namespace MlDeploy.Targets;

/// <summary>
/// What one cloud contributes: its planners and the guardrails over the resources they emit. A stack program names
/// the packs it uses (<c>DeployApp.Run(args, Define, AwsTargets.All)</c>); the host knows no cloud.
/// </summary>
/// <param name="Name">The pack's name, e.g. <c>aws</c>.</param>
/// <param name="Planners">One planner per target record type.</param>
/// <param name="Guardrails">The rules over the resources the planners emit (a rule shared with another pack, such as the Kubernetes workload rules, may be listed by both).</param>
public sealed record TargetPack(string Name, ImmutableArray<ITargetPlanner> Planners, ImmutableArray<Guardrail> Guardrails);
