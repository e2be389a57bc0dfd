using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>The base of the AWS extractors (<see cref="FactExtractor"/>).</summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
internal abstract record AwsExtractor(string ResourceType, string Kind) : FactExtractor(ResourceType, Kind);
