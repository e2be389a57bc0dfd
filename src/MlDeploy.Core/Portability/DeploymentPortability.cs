using System.Collections.Immutable;

namespace MlDeploy.Portability;

/// <summary>One deployment on every registered target.</summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="DeclaredTarget">The short name of the target it is declared for.</param>
/// <param name="Columns">One column per registered planner, in pack order.</param>
public sealed record DeploymentPortability(string Deployment, string DeclaredTarget, ImmutableArray<PortabilityColumn> Columns);
