using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Targets;

/// <summary>One deployment's view of the graph: resources named <c>&lt;deployment&gt;-&lt;part&gt;</c> with the deployment's tags.</summary>
public class DeploymentScope : GraphScope
{
    /// <summary>Initializes the scope.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="context">The plan under construction.</param>
    /// <param name="labels">The cloud's rules for tags or labels.</param>
    public DeploymentScope(ModelDeployment deployment, PlanContext context, LabelPolicy labels)
        : base(context, Of(deployment).Name, deployment.Name, Of(labels).Apply(deployment.Tags, ("deployment", deployment.Name), ("project", context.Project), ("stack", context.Stack)))
    {
        Deployment = deployment;
        Labels = labels;
    }

    /// <summary>Gets the deployment.</summary>
    public ModelDeployment Deployment { get; }

    /// <summary>Gets the cloud's rules for tags or labels.</summary>
    public LabelPolicy Labels { get; }

    /// <summary>Gets the deployment's name.</summary>
    public string Name => Deployment.Name;

    /// <summary>
    /// A provider-visible name derived from project, stack and deployment (and a suffix), ending with a stable hash of
    /// them so no other stack, deployment or part can get the same name.
    /// </summary>
    /// <param name="maxLength">The provider's limit.</param>
    /// <param name="suffix">Further parts, e.g. <c>tg</c>.</param>
    /// <returns>The name.</returns>
    public string PhysicalName(int maxLength, params string[] suffix)
    {
        var name = Naming.PhysicalName.Create(maxLength, [Context.Project, Context.Stack, Deployment.Name, .. suffix]);
        Context.ClaimPhysicalName(name, $"deployments[{Deployment.Name}]");
        return name;
    }

    /// <summary>
    /// Refuses a stable revision that is not one of this deployment's own: a platform names every revision after its
    /// service or app, and traffic sent to another's revision fails the update (Cloud Run: "Revision ... does not exist";
    /// Container Apps: the revision is not found). The name the SDK gives the service is known only here, not in
    /// validation, so the refusal is raised while planning, with the path and the output that names the right revision.
    /// </summary>
    /// <param name="revision">The stable revision the target names, or null.</param>
    /// <param name="service">The service's or app's name as the SDK creates it.</param>
    /// <param name="separator">What the platform puts between that name and the rest of a revision's name.</param>
    /// <param name="kind">What the service is, e.g. <c>Cloud Run service</c>.</param>
    /// <exception cref="Validation.InvalidInputException">The revision belongs to something else.</exception>
    public void RequireOwnRevision(string? revision, string service, string separator, string kind)
    {
        if (revision is not null && !revision.StartsWith(service + separator, StringComparison.Ordinal))
        {
            throw new Validation.InvalidInputException(new Validation.Diagnostic(
                $"deployments[{Deployment.Name}].target.stableRevision",
                $"'{revision}' is not a revision of this deployment's {kind} {service} (its revisions are named {service}{separator}...)",
                $"use the revision the stack output {Deployment.Name}-latest-revision printed, or leave StableRevision unset for a first rollout"));
        }
    }

    /// <summary>
    /// The deployment's tags plus, when it waives policies, the SDK's <c>waivers</c> tag listing their ids (sorted,
    /// space-separated, spelled as the cloud's label policy accepts): the resource the waivers concern carries them.
    /// </summary>
    /// <returns>The tag map.</returns>
    public MapValue TagsWithWaivers() => Deployment.Waivers.IsEmpty
        ? Tags
        : Tags.With(Labels.SdkKey("waivers"), Labels.SdkValueOf(string.Join(' ', Deployment.Waivers.Select(w => w.RuleId).Order(StringComparer.Ordinal))));

    /// <summary>Reports that alarms in the platform's own alerting cover a signal of the monitoring contract.</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="alarms">The alarm resources (at least one).</param>
    /// <param name="channel">What they notify, as set in their properties; null when nothing the program holds.</param>
    /// <param name="text">What they measure, e.g. <c>ModelLatency p99 &gt; 1000 ms</c>.</param>
    public void Alarmed(MonitoringSignal signal, IEnumerable<Resource> alarms, Value? channel, string text)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var names = alarms.Select(a => a.Name).ToImmutableArray();
        if (names.IsEmpty)
        {
            throw new ArgumentException($"an alarmed signal ({signal}) needs an alarm resource.", nameof(alarms));
        }

        Context.Cover(new MonitoringCoverage(Name, signal, names, channel, text));
    }

    /// <summary>Reports that the platform cannot measure a signal of the monitoring contract, and why.</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="why">Why, and what watches it instead if anything.</param>
    public void Unmeasured(MonitoringSignal signal, string why) =>
        Context.Cover(new MonitoringCoverage(Name, signal, [], null, why));

    /// <summary>
    /// The alarm resources reported for the deployment so far, in the contract's signal order and each once, so a
    /// dashboard shows exactly what the alarms watch.
    /// </summary>
    /// <returns>The alarms.</returns>
    public IReadOnlyList<Resource> ReportedAlarms()
    {
        var names = Context.MonitoringOf(Name).OrderBy(c => c.Signal).SelectMany(c => c.Alarms).Distinct(StringComparer.Ordinal).ToList();
        var owned = Context.Graph.OwnedBy(Name).ToDictionary(r => r.Name, StringComparer.Ordinal);
        return [.. names.Select(n => owned[n])];
    }

    /// <summary>Records the deployment's dashboard (exactly one per deployment).</summary>
    /// <param name="dashboard">The dashboard resource.</param>
    public void Dashboard(Resource dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        Context.Dashboard(new DeploymentDashboard(Name, dashboard.Name));
    }

    private static T Of<T>(T value)
        where T : class => value ?? throw new ArgumentNullException(nameof(value));
}
