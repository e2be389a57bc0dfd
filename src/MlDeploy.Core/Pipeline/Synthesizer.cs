using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>
/// The pipeline: validate the model, plan each deployment onto its target, freeze the graph, check guardrails.
/// Data flows one way; the result is written by the writers.
/// </summary>
public sealed class Synthesizer
{
    private readonly ImmutableArray<ITargetPlanner> _planners;
    private readonly GuardrailEngine _guardrails;

    /// <summary>Initializes the synthesizer.</summary>
    /// <param name="planners">The target planners.</param>
    public Synthesizer(IEnumerable<ITargetPlanner> planners)
    {
        _planners = [.. planners];

        // Several rules may carry one id (the same policy checked on different resource kinds, e.g. non-root on
        // ECS and on Kubernetes); planners that share a rule class contribute it once.
        _guardrails = new GuardrailEngine(_planners.SelectMany(p => p.Guardrails).DistinctBy(g => g.GetType()));
    }

    /// <summary>Gets the guardrails the synthesizer checks.</summary>
    public ImmutableArray<Guardrail> Guardrails => _guardrails.Rules;

    /// <summary>Runs the pipeline.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="stack">The stack's identity and project root.</param>
    /// <returns>The checked graph with notes and guardrail outcomes.</returns>
    /// <exception cref="InvalidInputException">The model is invalid or a guardrail is violated.</exception>
    public Synthesis Synthesize(Platform platform, StackIdentity stack)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(stack);
        var problems = Validate(platform, stack.RootDirectory);
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var context = new PlanContext(new GraphBuilder(), stack.Project, stack.Stack, platform.Profile, stack.RootDirectory ?? ".");
        foreach (var deployment in platform.Deployments)
        {
            PlannerFor(deployment.Target).Plan(deployment, context);
        }

        var graph = context.Graph.Build();
        var outcomes = _guardrails.Check(new GuardrailContext(graph, platform));
        var violations = outcomes.Where(o => o.Status == GuardrailStatus.Violation).ToList();
        if (violations.Count > 0)
        {
            throw new InvalidInputException(violations.Select(v => new Diagnostic(
                v.Finding.Deployment is { } d ? DeploymentPath.Of(d).Root : "program",
                $"{v.Finding.RuleId} {v.Title}: {v.Finding.Message} [{v.Finding.Resource}]",
                $"change the setting, or add Waiver(\"{v.Finding.RuleId}\", \"<reason>\") to the deployment")));
        }

        return new Synthesis(graph, [.. context.Notes], outcomes);
    }

    /// <summary>Validates without planning.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="rootDirectory">The project root for file checks, or null to skip them.</param>
    /// <returns>Every problem, empty when valid.</returns>
    public IReadOnlyList<Diagnostic> Validate(Platform platform, string? rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var context = new ValidationContext(rootDirectory, [.. Guardrails.Select(g => g.Id)]);
        var problems = new List<Diagnostic>(DeploymentValidator.Validate(platform, context));
        foreach (var d in platform.Deployments)
        {
            var planner = _planners.FirstOrDefault(p => p.CanPlan(d.Target));
            if (planner is null)
            {
                problems.Add(DeploymentPath.Of(d.Name).Error("target", $"no planner is registered for {d.Target.DisplayName}", "register the target's planner with the host"));
                continue;
            }

            problems.AddRange(planner.Validate(d, DeploymentPath.Of(d.Name), platform));
        }

        return problems;
    }

    private ITargetPlanner PlannerFor(DeploymentTarget target) =>
        _planners.First(p => p.CanPlan(target));
}

/// <summary>Who is synthesizing: project, stack and where the project lives.</summary>
/// <param name="Project">The Pulumi project name.</param>
/// <param name="Stack">The stack name.</param>
/// <param name="RootDirectory">The project root, for resolving local paths (null skips file checks).</param>
public sealed record StackIdentity(string Project, string Stack, string? RootDirectory);

/// <summary>The result of synthesis.</summary>
/// <param name="Graph">The checked graph.</param>
/// <param name="Notes">How each concept was mapped per deployment.</param>
/// <param name="Guardrails">Advisory and waived guardrail outcomes (violations throw).</param>
public sealed record Synthesis(ResourceGraph Graph, ImmutableArray<PlanNote> Notes, ImmutableArray<GuardrailOutcome> Guardrails);
