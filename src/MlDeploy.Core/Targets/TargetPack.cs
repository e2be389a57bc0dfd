using System.Collections.Immutable;
using MlDeploy.Guardrails;

namespace MlDeploy.Targets;

/// <summary>
/// What one cloud contributes: its planners and the fact extractors that say what the resources they emit mean for the
/// policies (the policy catalogue itself is cloud-neutral, <see cref="PolicyCatalogue.Default"/>). A stack program
/// names the packs it uses (<c>DeployApp.Run(args, Define, AwsTargets.All)</c>); the host knows no cloud.
/// </summary>
/// <param name="Name">The pack's name, e.g. <c>aws</c>.</param>
/// <param name="Planners">One planner per target record type.</param>
/// <param name="Facts">One extractor per resource type token the planners emit (an extractor shared with another pack, such as the Kubernetes ones, may be listed by both).</param>
public sealed record TargetPack(string Name, ImmutableArray<ITargetPlanner> Planners, ImmutableArray<IFactExtractor> Facts);
