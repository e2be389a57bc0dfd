using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Pipeline;

/// <summary>Checks after planning that every resource-scoped waiver names a resource its deployment has.</summary>
internal static class WaiverScopes
{
    /// <summary>Checks the scoped waivers of every deployment against the resources planned for it.</summary>
    /// <returns>One problem per waiver whose resource the deployment does not have, naming the ones it has.</returns>
    public static IEnumerable<Diagnostic> Check(Platform platform, GraphBuilder graph)
    {
        foreach (var d in platform.Deployments)
        {
            var scoped = d.Waivers.Where(w => w.Resource is not null).ToList();
            if (scoped.Count == 0)
            {
                continue;
            }

            var owned = graph.OwnedBy(d.Name);
            foreach (var w in scoped.Where(w => !owned.Any(r => w.Names(d.Name, r.Name))))
            {
                // Parts are what a stack author reads in the plan (`fraud-scorer-<part>`); a shared resource has no part.
                var parts = owned.Select(r => r.Name.StartsWith(d.Name + "-", StringComparison.Ordinal) ? r.Name[(d.Name.Length + 1)..] : r.Name).Order(StringComparer.Ordinal);
                yield return DeploymentPath.Of(d.Name).Error(
                    $"waivers[{w.RuleId}].resource",
                    $"'{w.Resource}' is not a resource of this deployment",
                    $"name one of its resources: {string.Join(", ", parts)}");
            }
        }
    }
}
