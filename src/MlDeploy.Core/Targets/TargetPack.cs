using System.Collections.Immutable;
using MlDeploy.Guardrails;
using MlDeploy.Verification;

namespace MlDeploy.Targets;

/// <summary>
/// What one cloud contributes: its planners, the planners of the shared components it can create, and the fact extractors that say what the resources they emit mean for the
/// policies (the policy catalogue itself is cloud-neutral, <see cref="PolicyCatalogue.Default"/>). A stack program
/// names the packs it uses (<c>DeployApp.Run(args, Define, AwsTargets.All)</c>); the host knows no cloud.
/// </summary>
/// <param name="Name">The pack's name, e.g. <c>aws</c>.</param>
/// <param name="Planners">One planner per target record type.</param>
/// <param name="Facts">One extractor per resource type token the planners emit (an extractor shared with another pack, such as the Kubernetes ones, may be listed by both).</param>
public sealed record TargetPack(string Name, ImmutableArray<ITargetPlanner> Planners, ImmutableArray<IFactExtractor> Facts)
{
    private readonly ImmutableArray<IComponentPlanner> _components = [];
    private readonly ImmutableArray<ILiveCheck> _liveChecks = [];
    private readonly ImmutableArray<Costs.ICostModel> _costModels = [];

    /// <summary>
    /// Gets one planner per component record type the pack can create for <see cref="Model.Platform.Components"/> (e.g.
    /// a shared image's registry and build, a cluster). A component is planned by the one pack that registers its type;
    /// two packs registering one type make that component's cloud ambiguous, which is a diagnostic where it is declared.
    /// </summary>
    public ImmutableArray<IComponentPlanner> Components
    {
        get => _components;
        init => _components = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Gets one live check per target record type whose state the pack can read back after <c>pulumi up</c> (the
    /// <c>verify</c> verb). A target without one is reported as skipped, never as passed.
    /// </summary>
    public ImmutableArray<ILiveCheck> LiveChecks
    {
        get => _liveChecks;
        init => _liveChecks = value.IsDefault ? [] : value;
    }

    /// <summary>
    /// Gets one cost model per target record type: it reads a deployment's billable usage from what the planner emitted
    /// (the <c>cost</c> verb and the plan's cost line). Every planner's target needs one; a target without one is a defect.
    /// </summary>
    public ImmutableArray<Costs.ICostModel> CostModels
    {
        get => _costModels;
        init => _costModels = value.IsDefault ? [] : value;
    }
}
