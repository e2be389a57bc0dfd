using MlDeploy.Aws;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;

namespace MlDeploy.Tests.Support;

/// <summary>Runs the policy catalogue with a pack's extractors, as the synthesizer does.</summary>
internal static class PolicyChecks
{
    public static GuardrailEngine Engine(IEnumerable<IFactExtractor>? facts = null) => new(PolicyCatalogue.Default, facts ?? AwsTargets.All.Facts);

    /// <summary>The findings of one policy (on every resource kind it covers).</summary>
    public static List<Finding> Findings(string policyId, ResourceGraph graph, Platform platform, IEnumerable<IFactExtractor>? facts = null) =>
        [.. Engine(facts).Check(new GuardrailContext(graph, platform)).Where(o => o.Finding.RuleId == policyId).Select(o => o.Finding)];
}
