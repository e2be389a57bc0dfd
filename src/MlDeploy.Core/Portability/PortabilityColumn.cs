using System.Collections.Immutable;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Portability;

/// <summary>One deployment planned on one registered target.</summary>
/// <param name="Target">The target's short name, from its record type (<c>SageMaker</c>, <c>CloudRun</c>).</param>
/// <param name="DisplayName">The target's display name (<see cref="DeploymentTarget.DisplayName"/>).</param>
/// <param name="Cloud">The target's cloud.</param>
/// <param name="Declared">Whether this is the target the deployment is declared for.</param>
/// <param name="Problems">Every problem synthesis reported for the deployment on this target (empty when it plans).</param>
/// <param name="Cells">One cell per <see cref="PortabilityConcept"/>, in the enum's order.</param>
public sealed record PortabilityColumn(string Target, string DisplayName, Cloud Cloud, bool Declared, ImmutableArray<Diagnostic> Problems, ImmutableArray<PortabilityCell> Cells)
{
    /// <summary>Gets a value indicating whether the deployment validates and plans on this target.</summary>
    public bool Valid => Problems.IsEmpty;
}
