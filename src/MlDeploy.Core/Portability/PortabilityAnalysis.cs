using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Portability;

/// <summary>
/// Computes the portability matrix: every deployment retargeted to every registered planner's target
/// (<see cref="ITargetPlanner.PortableTarget"/>) and put through the same <see cref="Synthesizer.Synthesize"/> that
/// <c>validate</c>, <c>plan</c> and <c>synth</c> run, into a scratch graph. A cell is what that run says: its plan
/// notes when it plans, the diagnostics it reports when it does not. Nothing is written by hand per target.
/// </summary>
public static class PortabilityAnalysis
{
    /// <summary>Plans each deployment of the platform on each registered target.</summary>
    /// <param name="synthesizer">The synthesizer built from <paramref name="packs"/>.</param>
    /// <param name="packs">The packs, whose planners give the columns in their order.</param>
    /// <param name="platform">The stack's platform, as synthesized (its profile set).</param>
    /// <param name="stack">The stack's identity.</param>
    /// <returns>The matrix.</returns>
    /// <remarks>
    /// Only the analysed deployment is retargeted; the others stay on their targets, so shared components, platform
    /// outputs and waivers are checked as they are in the stack. That is one synthesis of the whole platform per
    /// deployment and target: fine for the handful of deployments a stack holds, quadratic in their number.
    /// </remarks>
    public static PortabilityReport Analyze(Synthesizer synthesizer, IEnumerable<TargetPack> packs, Platform platform, StackIdentity stack)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(stack);
        var planners = packs.SelectMany(p => p.Planners).ToList();
        var deployments = platform.Deployments
            .Where(d => d.Target is not null)
            .DistinctBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new DeploymentPortability(d.Name, ShortName(d.Target!.GetType()), [.. planners.Select(p => Column(synthesizer, p, platform, d, stack))]));
        return new PortabilityReport(stack.Project, stack.Stack, [.. deployments]);
    }

    /// <summary>A target's short name: its record type's name without <c>Target</c> (<c>SageMaker</c>, <c>CloudRun</c>).</summary>
    /// <param name="targetType">The target record type.</param>
    /// <returns>The name.</returns>
    public static string ShortName(Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        var name = targetType.Name;
        return name.EndsWith("Target", StringComparison.Ordinal) && name.Length > "Target".Length ? name[..^"Target".Length] : name;
    }

    private static PortabilityColumn Column(Synthesizer synthesizer, ITargetPlanner planner, Platform platform, ModelDeployment deployment, StackIdentity stack)
    {
        var target = planner.PortableTarget(deployment);
        var declared = ReferenceEquals(target, deployment.Target);
        var retargeted = declared ? deployment : deployment with { Target = target };
        var scratch = declared ? platform : platform with { Deployments = [.. platform.Deployments.Select(d => ReferenceEquals(d, deployment) ? retargeted : d)] };

        ImmutableArray<Diagnostic> problems = [];
        ImmutableArray<PlanNote> notes = [];
        try
        {
            notes = [.. synthesizer.Synthesize(scratch, stack).Notes.Where(n => n.Deployment == deployment.Name)];
        }
        catch (InvalidInputException e)
        {
            problems = [.. e.Diagnostics];
        }

        var path = DeploymentPath.Of(deployment.Name);
        var byConcept = problems.ToLookup(p => PortabilityConcepts.OfDiagnostic(p, path));
        var capabilities = planner.CapabilitiesOf(target);
        var cells = PortabilityConcepts.All.Select(c => Cell(c, retargeted, byConcept[c].ToImmutableArray(), problems, notes, capabilities));
        return new PortabilityColumn(ShortName(planner.TargetType), target.DisplayName, target.Cloud, declared, problems, [.. cells]);
    }

    private static PortabilityCell Cell(PortabilityConcept concept, ModelDeployment deployment, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<Diagnostic> problems, ImmutableArray<PlanNote> notes, TargetCapabilities capabilities)
    {
        if (!diagnostics.IsEmpty)
        {
            return new(concept, CellStatus.Impossible, string.Join("; ", diagnostics.Select(d => d.Hint is null ? d.Message : $"{d.Message} ({d.Hint})")), diagnostics);
        }

        if (PortabilityConcepts.Unused(concept, deployment) is { } unused)
        {
            // What the deployment does not ask for is still worth a word where the target's record can say it.
            var text = concept == PortabilityConcept.ScaleToZero
                ? $"{unused}; {capabilities.Target} {(capabilities.ScaleToZero ? "can" : "cannot")} scale to zero"
                : unused;
            return new(concept, CellStatus.NotApplicable, text, []);
        }

        if (!problems.IsEmpty)
        {
            var failed = string.Join(", ", problems.Select(p => PortabilityConcepts.Title(PortabilityConcepts.OfDiagnostic(p, DeploymentPath.Of(deployment.Name)))).Distinct(StringComparer.Ordinal));
            return new(concept, CellStatus.NotEvaluated, $"not planned: validation failed on {failed}", []);
        }

        var mine = notes.Where(n => PortabilityConcepts.Covers(concept, n.Concept)).ToList();
        var approximated = mine.Where(n => n.Fidelity == Fidelity.Approximated).ToList();
        if (approximated.Count > 0)
        {
            return new(concept, CellStatus.Approximated, Join(approximated), []);
        }

        // Other holds what no row claims; only its approximations say something the other rows do not.
        return concept == PortabilityConcept.Other || mine.Count == 0
            ? new(concept, CellStatus.Native, mine.Count == 0 ? "accepted by validation; the plan notes nothing separate" : $"{mine.Count} further plan note(s), all native", [])
            : new(concept, CellStatus.Native, Join(mine), []);
    }

    private static string Join(IEnumerable<PlanNote> notes) => string.Join("; ", notes.Select(n => $"{n.Concept}: {n.Text}"));
}
