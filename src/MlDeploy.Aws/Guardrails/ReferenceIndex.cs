using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>Finds the companion resources (public access blocks, encryption, policies) that point at a resource.</summary>
internal static class ReferenceIndex
{
    /// <summary>Resources of <paramref name="token"/> whose <paramref name="property"/> references a resource, keyed by the referenced name.</summary>
    /// <remarks>Built once per graph: every bucket and repository asks, and a scan per resource was quadratic.</remarks>
    public static ILookup<string, Resource> ByTarget(GuardrailContext context, string token, string property) =>
        context.Index(new Key(token, property), c => Build(c, token, property));

    private static ILookup<string, Resource> Build(GuardrailContext context, string token, string property)
    {
        var pairs = new List<(string Target, Resource Resource)>();
        foreach (var r in context.ResourcesOf(token))
        {
            if (ValuePath.Get(r.Properties, property) is OutputReference target)
            {
                pairs.Add((target.Target.Name, r));
            }
        }

        return pairs.ToLookup(x => x.Target, x => x.Resource, StringComparer.Ordinal);
    }

    private sealed record Key(string Token, string Property);
}
