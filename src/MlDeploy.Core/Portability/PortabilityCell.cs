using System.Collections.Immutable;
using MlDeploy.Validation;

namespace MlDeploy.Portability;

/// <summary>One concept of one deployment on one target.</summary>
/// <param name="Concept">The row.</param>
/// <param name="Status">What the target does with it.</param>
/// <param name="Text">How it is mapped (the plan notes), why it is impossible (the diagnostics) or why nothing is said.</param>
/// <param name="Diagnostics">The validation problems behind an impossible cell, exactly as <c>validate</c> reports them; empty otherwise.</param>
public sealed record PortabilityCell(PortabilityConcept Concept, CellStatus Status, string Text, ImmutableArray<Diagnostic> Diagnostics);
