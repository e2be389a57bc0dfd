using MlDeploy.Graph;

namespace MlDeploy.Guardrails;

/// <summary>A fact together with the resource it was read from and the extractor that read it.</summary>
/// <typeparam name="TFact">The fact type.</typeparam>
/// <param name="Resource">The resource.</param>
/// <param name="Fact">The fact.</param>
/// <param name="Source">The extractor.</param>
internal sealed record Observation<TFact>(Resource Resource, TFact Fact, IFactExtractor Source)
    where TFact : Fact;
