using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Targets;

/// <summary>What planners write into: the graph, plus notes on how each concept was mapped.</summary>
/// <param name="Graph">The graph under construction.</param>
/// <param name="Project">The Pulumi project name.</param>
/// <param name="Stack">The stack name.</param>
/// <param name="Profile">The environment profile.</param>
/// <param name="RootDirectory">The project root that local paths are relative to.</param>
public sealed record PlanContext(GraphBuilder Graph, string Project, string Stack, EnvironmentProfile Profile, string RootDirectory)
{
    private readonly List<PlanNote> _notes = [];
    private readonly SortedSet<(string Name, string Purpose)> _tools = [];
    private readonly Dictionary<string, (object Spec, object Value)> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _physicalNames = new(StringComparer.Ordinal);
    private readonly List<MonitoringCoverage> _coverage = [];
    private readonly List<DeploymentDashboard> _dashboards = [];

    // The same records per deployment: planners and the contract check ask for one deployment's while the plan grows.
    private readonly Dictionary<string, List<MonitoringCoverage>> _coverageOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dashboardCount = new(StringComparer.Ordinal);

    /// <summary>Gets the notes recorded so far.</summary>
    public IReadOnlyList<PlanNote> Notes => _notes;

    /// <summary>Gets how each deployment covers each signal of the monitoring contract, in the order recorded.</summary>
    public IReadOnlyList<MonitoringCoverage> Monitoring => _coverage;

    /// <summary>Gets the deployments' dashboards, in the order recorded.</summary>
    public IReadOnlyList<DeploymentDashboard> Dashboards => _dashboards;

    /// <summary>Gets the programs <c>pulumi up</c> needs on its machine, ordered by name and purpose, each once.</summary>
    public IReadOnlyList<DeployerTool> DeployerTools => [.. _tools.Select(t => new DeployerTool(t.Name, t.Purpose))];

    /// <summary>
    /// Records that the program runs <paramref name="name"/> where <c>pulumi up</c> runs (<c>validate</c> and <c>plan</c>
    /// list it, so a missing tool is found before a deployment fails halfway).
    /// </summary>
    /// <param name="name">The program, e.g. <c>az</c>.</param>
    /// <param name="purpose">What for, e.g. <c>the ACR token for the image push</c>.</param>
    public void RequireTool(string name, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        _tools.Add((name, purpose));
    }

    /// <summary>
    /// Returns the platform-level infrastructure (a cluster, a shared network) registered under <paramref name="key"/>,
    /// creating it on first use, so several deployments on one cluster share it instead of each creating a copy.
    /// </summary>
    /// <typeparam name="T">What the creation returns.</typeparam>
    /// <param name="key">The identity of the shared thing, e.g. <c>eks-cluster/ml</c>.</param>
    /// <param name="spec">Its specification; every deployment naming the same key must give an equal one.</param>
    /// <param name="create">Creates it.</param>
    /// <returns>The shared value.</returns>
    /// <exception cref="InvalidOperationException">The key was registered with a different specification.</exception>
    public T Shared<T>(string key, object spec, Func<T> create)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(create);
        if (_shared.TryGetValue(key, out var existing))
        {
            return Equals(existing.Spec, spec)
                ? (T)existing.Value
                : throw new InvalidOperationException($"'{key}' is declared twice with different settings.");
        }

        var value = create();
        _shared.Add(key, (spec, value));
        return value;
    }

    /// <summary>
    /// Records that <paramref name="owner"/> gives a cloud resource the name <paramref name="name"/>. Physical names end
    /// with a hash of their parts, so two owners meet only by a hash collision; that is reported with both sources
    /// rather than left for the cloud to refuse half-way through an update.
    /// </summary>
    /// <param name="name">The physical name.</param>
    /// <param name="owner">Who names it: a model path such as <c>deployments[fraud]</c> or a shared component's.</param>
    /// <exception cref="InvalidInputException">Another owner already uses the name.</exception>
    public void ClaimPhysicalName(string name, string owner)
    {
        if (!_physicalNames.TryAdd(name, owner) && _physicalNames[name] != owner)
        {
            throw new InvalidInputException(new Diagnostic(
                owner,
                $"its cloud resource name '{name}' is also the name of a resource of {_physicalNames[name]}",
                "rename one of the two: the names' hashes collide"));
        }
    }

    /// <summary>
    /// A reference to another stack's output. The stack is read through one <c>pulumi:pulumi:StackReference</c> per
    /// stack name, shared by every deployment that reads it and named after the stack (with a hash of the exact name, so
    /// names that sanitize alike stay apart).
    /// </summary>
    /// <param name="output">The output.</param>
    /// <returns><c>${stack-...outputs["name"]}</c>, or the list item.</returns>
    public Value StackOutput(ReferencedOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var stack = output.Stack.Name;
        var reference = Shared($"stack-reference/{stack}", stack, () => Graph.Add(new Resource(
            Naming.PhysicalName.Create(200, "stack", stack),
            PulumiPackages.StackReference,
            Value.Map(("name", stack)))));

        // pulumi-yaml reads outputs["<name>"]; names are checked at validation to need no escaping inside the quotes.
        var path = $"outputs[\"{output.Name}\"]";
        return reference.Output(output.Index is { } index ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}[{index}]") : path);
    }

    /// <summary>
    /// Records how a deployment covers a monitoring signal, with its plan note (concept <c>monitoring: &lt;signal&gt;</c>,
    /// native when alarmed, approximated when not); use <see cref="DeploymentScope.Alarmed"/> or <see cref="DeploymentScope.Unmeasured"/>.
    /// </summary>
    /// <param name="coverage">The coverage.</param>
    public void Cover(MonitoringCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        _coverage.Add(coverage);
        if (!_coverageOf.TryGetValue(coverage.Deployment, out var ofDeployment))
        {
            ofDeployment = [];
            _coverageOf.Add(coverage.Deployment, ofDeployment);
        }

        ofDeployment.Add(coverage);
        Note(coverage.Deployment, coverage.Signal.Concept(), coverage.IsAlarmed ? Fidelity.Native : Fidelity.Approximated, coverage.IsAlarmed
            ? $"{string.Join(", ", coverage.Alarms)}: {coverage.Text}"
            : coverage.Text);
    }

    /// <summary>Records a deployment's dashboard.</summary>
    /// <param name="dashboard">The dashboard.</param>
    public void Dashboard(DeploymentDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        _dashboards.Add(dashboard);
        _dashboardCount[dashboard.Deployment] = DashboardCount(dashboard.Deployment) + 1;
    }

    /// <summary>How one deployment covers the monitoring contract so far, in the order recorded.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>Its coverage records.</returns>
    internal IReadOnlyList<MonitoringCoverage> MonitoringOf(string deployment) =>
        _coverageOf.TryGetValue(deployment, out var coverage) ? coverage : [];

    /// <summary>How many dashboards a deployment has recorded.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>The count.</returns>
    internal int DashboardCount(string deployment) => _dashboardCount.GetValueOrDefault(deployment);

    /// <summary>Records how a concept was mapped onto the target.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="concept">The concept, e.g. "compute".</param>
    /// <param name="fidelity">Whether the platform honours it natively or approximately.</param>
    /// <param name="text">How it was mapped.</param>
    public void Note(string deployment, string concept, Fidelity fidelity, string text) =>
        _notes.Add(new PlanNote(deployment, concept, fidelity, text));
}

/// <summary>How one concept of one deployment was mapped (the portability view).</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Concept">The concept.</param>
/// <param name="Fidelity">Native or approximated.</param>
/// <param name="Text">The mapping.</param>
public sealed record PlanNote(string Deployment, string Concept, Fidelity Fidelity, string Text);

/// <summary>How faithfully a target honours a concept.</summary>
public enum Fidelity
{
    /// <summary>The platform does exactly this.</summary>
    Native,

    /// <summary>The platform does something close; the note says what.</summary>
    Approximated,
}
