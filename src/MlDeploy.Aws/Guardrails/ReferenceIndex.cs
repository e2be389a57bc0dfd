using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>Finds the companion resources (public access blocks, encryption, policies) that point at a resource.</summary>
internal static class ReferenceIndex
{
    /// <summary>Resources of <paramref name="token"/> whose <paramref name="property"/> references a resource, keyed by the referenced name.</summary>
    public static ILookup<string, Resource> ByTarget(GuardrailContext context, string token, string property) =>
        context.OfType(token)
            .Select(r => (Resource: r, Target: ValuePath.Get(r.Properties, property) as OutputReference))
            .Where(x => x.Target is not null)
            .ToLookup(x => x.Target!.Target.Name, x => x.Resource, StringComparer.Ordinal);
}
