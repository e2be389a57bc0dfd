using System.Collections.Immutable;

namespace MlDeploy.Validation;

/// <summary>What validation needs to know beyond the model.</summary>
/// <param name="RootDirectory">The project root used to resolve local paths, or null to skip file checks.</param>
/// <param name="KnownRuleIds">The ids of every guardrail, so waivers can be checked.</param>
public sealed record ValidationContext(string? RootDirectory, ImmutableHashSet<string> KnownRuleIds);
