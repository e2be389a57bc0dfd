using System.Collections.Immutable;

namespace MlDeploy.Guardrails;

/// <summary>One entry of the policy catalogue: a SECURITY.md policy, checked by exactly one rule over facts.</summary>
/// <param name="Id">The id, e.g. <c>MLS-CTR-01</c>; waivers name it.</param>
/// <param name="Title">What must hold, in one line.</param>
/// <param name="Level">Whether it is enforced everywhere or only in production.</param>
/// <param name="Upstream">The upstream rules it maps to, as SECURITY.md gives them (Checkov, Trivy, AWS Config, Pod Security, CIS, ...).</param>
public sealed record Policy(string Id, string Title, RuleLevel Level, ImmutableArray<string> Upstream)
{
    /// <summary>Gets where the level differs for some kind of resource (SECURITY.md "D (SageMaker P)"), or null.</summary>
    public string? LevelNote { get; init; }
}
