using MlDeploy.Model;
using MlDeploy.Targets;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>
/// The packs' component planners by component type, and which one plans each of <see cref="Platform.Components"/>:
/// the one pack that registers the component's type (or a base type of it); none, or several packs, is a diagnostic.
/// </summary>
internal sealed class ComponentPlanners
{
    private readonly Dictionary<Type, List<(string Pack, IComponentPlanner Planner)>> _byType = [];
    private readonly List<string> _packs;

    /// <exception cref="ArgumentException">One pack registers two planners for one component type.</exception>
    public ComponentPlanners(IReadOnlyList<TargetPack> packs)
    {
        _packs = [.. packs.Select(p => p.Name)];
        foreach (var pack in packs)
        {
            foreach (var planner in pack.Components)
            {
                var list = _byType.TryGetValue(planner.ComponentType, out var existing) ? existing : _byType[planner.ComponentType] = [];
                if (list.Any(e => e.Pack == pack.Name))
                {
                    throw new ArgumentException($"pack '{pack.Name}' registers two planners for {planner.ComponentType.Name}.", nameof(packs));
                }

                list.Add((pack.Name, planner));
            }
        }
    }

    public IEnumerable<IComponentPlanner> All => _byType.Values.SelectMany(l => l.Select(e => e.Planner));

    /// <summary>Resolves each component's planner and runs its checks; entries the cloud-neutral rules reject (null, unnamed, a repeated name) are skipped.</summary>
    public IEnumerable<Diagnostic> Validate(Platform platform)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (component, i) in platform.Components.Select((c, i) => (c, i)))
        {
            if (component is null || string.IsNullOrEmpty(component.Name) || !names.Add(component.Name))
            {
                continue;
            }

            var path = DeploymentPath.OfComponent(component.Name);
            var candidates = Candidates(component.GetType());
            if (candidates.Count == 0)
            {
                yield return new Diagnostic(
                    $"components[{i}]",
                    $"no registered pack plans a {component.GetType().Name} component (registered packs: {(_packs.Count == 0 ? "none" : string.Join(", ", _packs))})",
                    "pass the pack that plans it to DeployApp.Run, or remove it from Platform.Components");
                continue;
            }

            if (candidates.Count > 1)
            {
                yield return new Diagnostic(
                    path.Root,
                    $"packs {string.Join(", ", candidates.Select(c => c.Pack))} all plan a {component.GetType().Name} component, so which cloud creates it is ambiguous",
                    "pass DeployApp.Run only the pack of the cloud that should create it (one platform stack per cloud)");
                continue;
            }

            foreach (var problem in candidates[0].Planner.Validate(component, path, platform))
            {
                yield return problem;
            }
        }
    }

    /// <summary>The planner of a component that passed validation.</summary>
    public IComponentPlanner For(IPlatformComponent component) =>
        Candidates(component.GetType()) is [var only] ? only.Planner : throw new InvalidOperationException($"no single planner for {component.GetType().Name}; validation should have said so.");

    /// <summary>The declared components with their planners, each name once.</summary>
    public IEnumerable<(IPlatformComponent Component, IComponentPlanner Planner)> Declared(Platform platform) =>
        platform.Components.DistinctBy(c => c.Name, StringComparer.Ordinal).Select(c => (c, For(c)));

    // The most derived registered type decides, as for target records.
    private List<(string Pack, IComponentPlanner Planner)> Candidates(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (_byType.TryGetValue(t, out var list))
            {
                return list;
            }
        }

        return [];
    }
}
