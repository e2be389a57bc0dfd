using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>Every fact of one graph, read once by the extractors and queried by the rules.</summary>
internal sealed class FactBase
{
    private readonly List<Observation<Fact>> _facts = [];

    // Every rule asks for one fact type and some ask per resource: grouping once keeps both linear in the graph.
    private readonly Dictionary<Type, List<Observation<Fact>>> _byType = [];
    private readonly Dictionary<Resource, (int Start, int End)> _byResource = new(ReferenceEqualityComparer.Instance);

    public FactBase(GuardrailContext context, IReadOnlyDictionary<string, IFactExtractor> extractors)
    {
        Context = context;
        foreach (var resource in context.Graph.Resources)
        {
            if (extractors.TryGetValue(resource.Type.Token, out var extractor))
            {
                var start = _facts.Count;
                foreach (var fact in extractor.Extract(resource, context))
                {
                    var observation = new Observation<Fact>(resource, fact, extractor);
                    _facts.Add(observation);
                    var type = fact.GetType();
                    if (!_byType.TryGetValue(type, out var ofType))
                    {
                        _byType.Add(type, ofType = []);
                    }

                    ofType.Add(observation);
                }

                // A graph holds each resource once, so its facts are one contiguous run.
                _byResource[resource] = (start, _facts.Count);
            }
        }
    }

    public GuardrailContext Context { get; }

    /// <summary>The facts of one type, in graph order.</summary>
    /// <typeparam name="TFact">A fact type: a sealed record (a test holds every fact type to that), so the facts of exactly that type are all its facts.</typeparam>
    /// <returns>The facts with the resource that has each.</returns>
    public IEnumerable<Observation<TFact>> Of<TFact>()
        where TFact : Fact
    {
        // Not typeof(TFact).IsSealed: in the NativeAOT compiler that loads each fact type's reflection data, 2.6 % of a
        // one-deployment compile's instructions (docs/BENCHMARKS.md, stop 19).
        foreach (var o in _byType.GetValueOrDefault(typeof(TFact)) ?? [])
        {
            yield return new Observation<TFact>(o.Resource, (TFact)o.Fact, o.Source);
        }
    }

    /// <summary>The facts of one type reported for a resource about one subject (e.g. the capabilities of one container).</summary>
    public IEnumerable<TFact> About<TFact>(Resource resource, string subject)
        where TFact : Fact
    {
        if (!_byResource.TryGetValue(resource, out var range))
        {
            yield break;
        }

        for (var i = range.Start; i < range.End; i++)
        {
            if (_facts[i].Fact is TFact fact && fact.Subject == subject)
            {
                yield return fact;
            }
        }
    }
}
