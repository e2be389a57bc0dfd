using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>Every fact of one graph, read once by the extractors and queried by the rules.</summary>
internal sealed class FactBase
{
    private readonly List<Observation<Fact>> _facts = [];

    public FactBase(GuardrailContext context, IReadOnlyDictionary<string, IFactExtractor> extractors)
    {
        Context = context;
        foreach (var resource in context.Graph.Resources)
        {
            if (extractors.TryGetValue(resource.Type.Token, out var extractor))
            {
                _facts.AddRange(extractor.Extract(resource, context).Select(f => new Observation<Fact>(resource, f, extractor)));
            }
        }
    }

    public GuardrailContext Context { get; }

    public IEnumerable<Observation<TFact>> Of<TFact>()
        where TFact : Fact =>
        _facts.Where(o => o.Fact is TFact).Select(o => new Observation<TFact>(o.Resource, (TFact)o.Fact, o.Source));

    /// <summary>The facts of one type reported for a resource about one subject (e.g. the capabilities of one container).</summary>
    public IEnumerable<TFact> About<TFact>(Resource resource, string subject)
        where TFact : Fact =>
        Of<TFact>().Where(o => ReferenceEquals(o.Resource, resource) && o.Fact.Subject == subject).Select(o => o.Fact);
}
