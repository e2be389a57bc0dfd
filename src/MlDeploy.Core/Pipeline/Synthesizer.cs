using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>
/// The pipeline: validate the model, plan the shared components and each deployment onto its target, freeze the graph,
/// check guardrails.
/// Data flows one way; the result is written by the writers.
/// </summary>
public sealed class Synthesizer
{
    private readonly Dictionary<Type, ITargetPlanner> _planners;
    private readonly ComponentPlanners _components;
    private readonly GuardrailEngine _guardrails;

    // Every registered target's documented capabilities, for the hints that name a target that can do what another cannot.
    private readonly DeferredList<TargetCapabilities> _catalogue;

    /// <summary>Initializes the synthesizer with the target packs a stack program uses.</summary>
    /// <param name="packs">The packs (e.g. <c>AwsTargets.All</c>).</param>
    /// <exception cref="ArgumentException">
    /// Two packs register a planner for the same target type, one pack two planners for one component type, or packs
    /// different fact extractors for one resource type.
    /// </exception>
    public Synthesizer(params IEnumerable<TargetPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var list = packs.ToList();
        _planners = [];
        foreach (var planner in list.SelectMany(p => p.Planners))
        {
            if (!_planners.TryAdd(planner.TargetType, planner))
            {
                throw new ArgumentException($"two planners are registered for {planner.TargetType.Name}.", nameof(packs));
            }
        }

        _components = new ComponentPlanners(list);

        // An extractor may be listed by several packs (the Kubernetes ones by every cloud with a Kubernetes target);
        // the engine keeps each once and rejects two different extractors for one type token.
        _guardrails = new GuardrailEngine(PolicyCatalogue.Default, list.SelectMany(p => p.Facts));
        _catalogue = new(() => [.. _planners.Values.SelectMany(p => p.DocumentedCapabilities)]);
    }

    /// <summary>Gets the policies the synthesizer checks.</summary>
    public ImmutableArray<Policy> Policies => _guardrails.Policies;

    /// <summary>Gets the guardrail engine (policies and the packs' fact extractors), e.g. for the generated guardrail table.</summary>
    public GuardrailEngine Guardrails => _guardrails;

    /// <summary>Gets the registered planners.</summary>
    public IReadOnlyCollection<ITargetPlanner> Planners => _planners.Values;

    /// <summary>Gets the registered component planners (of every pack).</summary>
    public IReadOnlyCollection<IComponentPlanner> ComponentPlanners => [.. _components.All];

    /// <summary>Runs the pipeline.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="stack">The stack's identity and project root.</param>
    /// <returns>The checked graph with notes and guardrail outcomes.</returns>
    /// <exception cref="InvalidInputException">The model is invalid or a guardrail is violated.</exception>
    public Synthesis Synthesize(Platform platform, StackIdentity stack)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(stack);

        // Validation, pinning and planning read each local model from disk once (LocalArtifactSnapshot), and find its
        // digest in the stack's cache across runs when the host keeps one.
        using var files = LocalArtifactSnapshot.Begin(stack.ModelDigests);

        // DVC-tracked models are resolved from the project's files first: validation and planning read the remote object.
        var (resolved, unresolved) = DvcResolution.Apply(platform, stack.RootDirectory ?? ".");
        platform = resolved;
        IReadOnlyList<Diagnostic> problems = stack.RootDirectory is null ? [.. unresolved, .. Validate(platform, null)] : Validate(platform, stack.RootDirectory);
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        // After validation, which refuses a pinned model whose files differ and the variable set by hand.
        platform = ModelPins.Apply(platform, stack.RootDirectory);
        var context = new PlanContext(new GraphBuilder(), stack.Project, stack.Stack, platform.EffectiveProfile, stack.RootDirectory ?? ".");

        // Under the keys deployments use (PlanContext.Shared), so a component a deployment also uses is planned once.
        var declared = _components.Declared(platform).ToList();
        foreach (var (component, planner) in declared)
        {
            planner.Plan(component, context);
        }

        foreach (var deployment in platform.Deployments)
        {
            var planner = PlannerFor(deployment.Target)!;
            planner.Plan(deployment, context);
            MonitoringContract.Check(deployment.Name, deployment.Target!.DisplayName, context);
            ModelPins.Export(deployment, context, planner.CapabilitiesOf(deployment.Target));
            MlflowNotes.Note(deployment, context);
            NoteDeferredIdentifiers(deployment, context);
            ResourceCustomizer.Apply(deployment, context);
        }

        // Both need the planned resources and SDK outputs: which resources a deployment has, which output names are taken.
        var planned = WaiverScopes.Check(platform, context.Graph).ToList();
        planned.AddRange(PlatformOutputs.AddTo(platform, context.Graph, c => _components.For(c).Prefix(c)));
        if (planned.Count > 0)
        {
            throw new InvalidInputException(planned);
        }

        var graph = context.Graph.Build();
        var outcomes = _guardrails.Check(new GuardrailContext(graph, platform));
        var violations = outcomes.Where(o => o.Status == GuardrailStatus.Violation).ToList();
        if (violations.Count > 0)
        {
            var prefixes = declared.Select(d => (Prefix: d.Planner.Prefix(d.Component) + "-", Path: DeploymentPath.OfComponent(d.Component.Name).Root))
                .OrderByDescending(p => p.Prefix.Length).ToList();
            throw new InvalidInputException(violations.Select(v => v.Finding.Deployment is { } d
                ? new Diagnostic(DeploymentPath.Of(d).Root, $"{v.Finding.RuleId} {v.Title}: {v.Finding.Message} [{v.Finding.Resource}]", $"change the setting, or add Waiver(\"{v.Finding.RuleId}\", \"<reason>\") to the deployment")
                : new Diagnostic(
                    prefixes.FirstOrDefault(p => v.Finding.Resource.StartsWith(p.Prefix, StringComparison.Ordinal)).Path ?? "program",
                    $"{v.Finding.RuleId} {v.Title}: {v.Finding.Message} [{v.Finding.Resource}]",
                    "change the component's settings: a shared component belongs to no deployment, so no waiver covers it")));
        }

        return new Synthesis(graph, [.. context.Notes], outcomes) { DeployerTools = [.. context.DeployerTools], Monitoring = [.. context.Monitoring], Dashboards = [.. context.Dashboards] };
    }

    // What validation could not check because only the other stack knows it: the plan says so, per stack and output.
    private static void NoteDeferredIdentifiers(ModelDeployment deployment, PlanContext context)
    {
        foreach (var stack in IdentifierRules.Of(deployment).Where(i => i.Value.IsDeferred).GroupBy(i => i.Value.Reference!.Stack.Name, StringComparer.Ordinal))
        {
            var items = string.Join(", ", stack.Select(i => $"{i.Key} = {i.Value.Reference!.Name}{(i.Value.Reference.Index is { } n ? $"[{n}]" : string.Empty)}"));
            context.Note(deployment.Name, "stack reference", Fidelity.Native, $"read from stack {stack.Key} at deploy time, not checked here: {items}");
        }
    }

    /// <summary>
    /// Validates without planning: the cloud-neutral rules, each shared component's pack checks, the target's
    /// capabilities, then the target's own knobs.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <param name="rootDirectory">The project root for file checks, or null to skip them.</param>
    /// <returns>Every problem, each once, empty when valid.</returns>
    public IReadOnlyList<Diagnostic> Validate(Platform platform, string? rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(platform);
        using var files = LocalArtifactSnapshot.Begin();
        var context = new ValidationContext(rootDirectory, PolicyCatalogue.Default.Ids);
        var problems = new List<Diagnostic>();
        if (rootDirectory is not null)
        {
            (platform, var unresolved) = DvcResolution.Apply(platform, rootDirectory);
            problems.AddRange(unresolved);
        }

        problems.AddRange(DeploymentValidator.Validate(platform, context));
        problems.AddRange(_components.Validate(platform));
        problems.AddRange(PlatformOutputs.Validate(platform));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in platform.Deployments)
        {
            var path = DeploymentPath.Of(d.Name);
            if (!names.Add(d.Name))
            {
                continue;
            }

            if (d.Target is null)
            {
                problems.Add(path.Error("target", "no target is given", "set Target, e.g. new SageMakerTarget()"));
                continue;
            }

            var planner = PlannerFor(d.Target);
            if (planner is null)
            {
                problems.Add(path.Error("target", $"no planner is registered for {d.Target.DisplayName}", "pass the target's pack to DeployApp.Run (e.g. AwsTargets.All)"));
                continue;
            }

            problems.AddRange(CapabilityValidator.Validate(d, planner.CapabilitiesOf(d.Target), path, _catalogue));
            problems.AddRange(planner.Validate(d, path, platform));
        }

        return problems;
    }

    private ITargetPlanner? PlannerFor(DeploymentTarget target)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (_planners.TryGetValue(type, out var planner))
            {
                return planner;
            }
        }

        return null;
    }
}

/// <summary>Who is synthesizing: project, stack and where the project lives.</summary>
/// <param name="Project">The Pulumi project name.</param>
/// <param name="Stack">The stack name.</param>
/// <param name="RootDirectory">The project root, for resolving local paths (null skips file checks).</param>
public sealed record StackIdentity(string Project, string Stack, string? RootDirectory)
{
    /// <summary>Gets where local models' digests are kept across runs, or null to hash them once per process.</summary>
    public ModelDigestCache? ModelDigests { get; init; }
}

/// <summary>The result of synthesis.</summary>
/// <param name="Graph">The checked graph.</param>
/// <param name="Notes">How each concept was mapped per deployment.</param>
/// <param name="Guardrails">Advisory and waived guardrail outcomes (violations throw).</param>
public sealed record Synthesis(ResourceGraph Graph, ImmutableArray<PlanNote> Notes, ImmutableArray<GuardrailOutcome> Guardrails)
{
    /// <summary>Gets the programs the machine running <c>pulumi up</c> needs, with what each is for.</summary>
    public ImmutableArray<DeployerTool> DeployerTools { get; init; } = [];

    /// <summary>Gets how each deployment covers each signal of the monitoring contract.</summary>
    public ImmutableArray<MonitoringCoverage> Monitoring { get; init; } = [];

    /// <summary>Gets each deployment's dashboard.</summary>
    public ImmutableArray<DeploymentDashboard> Dashboards { get; init; } = [];
}
